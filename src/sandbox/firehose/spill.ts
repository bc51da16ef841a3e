/**
 * Objects that could not be written to S3 by the time the sandbox closed (the
 * bucket is missing, say) are kept on disk and delivered after the next start,
 * as the real service keeps retrying for 24 hours.
 *
 * File format, one object per file `<dir>/<time>-<random>.object`: one line of
 * JSON naming where it goes, then the object's bytes exactly as they would be
 * written (already compressed if the stream compresses).
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { OutgoingObject } from './delivery.js';

type Header = Omit<OutgoingObject, 'body'>;

export async function spillObjects(dir: string, objects: OutgoingObject[]): Promise<void> {
  if (objects.length === 0) return;
  await mkdir(dir, { recursive: true });
  await Promise.all(
    objects.map((object, index) => {
      const { body, ...header } = object;
      const file = join(dir, `${Date.now()}-${index}-${randomBytes(4).toString('hex')}.object`);
      return writeFile(file, Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`), body]));
    }),
  );
}

/** Reads every spilled object and removes its file; the caller delivers (or spills) them again. */
export async function takeSpilledObjects(dir: string): Promise<OutgoingObject[]> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((name) => name.endsWith('.object')).sort();
  } catch {
    return [];
  }
  const objects: OutgoingObject[] = [];
  for (const name of names) {
    const file = join(dir, name);
    const content = await readFile(file);
    const newline = content.indexOf(0x0a);
    try {
      const header = JSON.parse(content.subarray(0, newline).toString('utf8')) as Header;
      objects.push({ ...header, body: content.subarray(newline + 1) });
      await unlink(file);
    } catch (error) {
      process.emitWarning(
        `sandbox firehose: skipping unreadable undelivered object ${file}: ${String(error)}`,
      );
    }
  }
  return objects;
}
