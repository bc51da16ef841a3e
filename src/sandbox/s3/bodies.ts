/**
 * Object bodies on disk. Each write goes to `<home>/s3/.incoming/` and is
 * renamed into the bucket's folder under a fresh name, so a reader never sees
 * half a body and two writes of one key never share a file; the metadata
 * records which file is current.
 */
import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export class BodyFiles {
  constructor(private readonly root: string) {}

  private get incoming(): string {
    return join(this.root, '.incoming');
  }

  /** Writes a stream to a temporary file; returns its path. Removes the file if the stream fails. */
  async writeTemp(source: Readable | readonly Readable[]): Promise<string> {
    await mkdir(this.incoming, { recursive: true });
    const temp = join(this.incoming, randomUUID());
    const stages = Array.isArray(source) ? source : [source];
    try {
      await pipeline([...(stages as Readable[]), createWriteStream(temp)]);
    } catch (error) {
      await unlink(temp).catch(() => undefined);
      throw error;
    }
    return temp;
  }

  async writeTempBuffer(body: Buffer): Promise<string> {
    await mkdir(this.incoming, { recursive: true });
    const temp = join(this.incoming, randomUUID());
    await writeFile(temp, body);
    return temp;
  }

  /** Moves a temporary file into a bucket's folder; returns the new file name. */
  async commit(temp: string, bucketDir: string): Promise<string> {
    const dir = join(this.root, bucketDir);
    await mkdir(dir, { recursive: true });
    const file = randomUUID();
    await rename(temp, join(dir, file));
    return file;
  }

  discard(temp: string): Promise<void> {
    return unlink(temp).catch(() => undefined);
  }

  open(bucketDir: string, file: string, range?: { start: number; end: number }): Readable {
    return createReadStream(join(this.root, bucketDir, file), range);
  }

  /** Removes a replaced or deleted body; a failure only leaves an orphan file behind. */
  remove(bucketDir: string, file: string): Promise<void> {
    return unlink(join(this.root, bucketDir, file)).catch(() => undefined);
  }

  removeBucket(bucketDir: string): Promise<void> {
    return rm(join(this.root, bucketDir), { recursive: true, force: true }).catch(() => undefined);
  }
}
