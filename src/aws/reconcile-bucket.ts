/**
 * Reads what landed in the bucket and counts it against what was sent, one
 * object at a time, streaming: a full day (about 150 MB) never sits in memory.
 */
import type { AwsClients } from './clients.js';
import { listDataObjects, readObject, type DataObject } from './landing.js';
import { LineSplitter, Reconciler, runTagOf, type Reconciliation } from '../simulator/reconcile.js';

export interface BucketReconciliation extends Reconciliation {
  objects: number;
  bytes: number;
}

/** Keeps a Reconciler fed from objects as they appear; reads each object once. */
export class BucketReader {
  private readonly read = new Map<string, number>();
  private reconciler: Reconciler | undefined;
  private bytes = 0;
  newestKey: string | undefined;

  constructor(
    private readonly clients: AwsClients,
    private readonly bucket: string,
    private runTag?: string,
    private readonly expected?: number,
  ) {
    if (runTag) this.reconciler = new Reconciler(runTag, expected);
  }

  /** List the bucket and read every data object not read before. Returns how many were new. */
  async catchUp(signal?: AbortSignal): Promise<number> {
    const objects = await listDataObjects(this.clients, this.bucket, signal);
    const fresh = objects.filter((o) => !this.read.has(o.key)).sort((a, b) => a.key.localeCompare(b.key));
    for (const object of fresh) await this.readOne(object, signal);
    return fresh.length;
  }

  private async readOne(object: DataObject, signal?: AbortSignal): Promise<void> {
    const splitter = new LineSplitter((line) => {
      if (!this.reconciler) {
        // Verify on a machine that did not send: the first record names the run.
        this.runTag = runTagOf(line);
        if (!this.runTag) return;
        this.reconciler = new Reconciler(this.runTag, this.expected);
      }
      this.reconciler.addLine(line);
    });
    await readObject(this.clients, this.bucket, object.key, (chunk) => splitter.push(chunk), signal);
    splitter.end();
    this.read.set(object.key, object.size);
    this.bytes += object.size;
    if (!this.newestKey || object.key > this.newestKey) this.newestKey = object.key;
  }

  /** Every object read so far, with its size, for a landing receipt. */
  objectsRead(): Array<{ key: string; size: number }> {
    return [...this.read].map(([key, size]) => ({ key, size }));
  }

  result(): BucketReconciliation {
    const base: Reconciliation = this.reconciler?.result() ?? {
      runTag: this.runTag ?? '',
      expected: this.expected ?? 0,
      landed: 0,
      missing: this.expected ?? 0,
      duplicates: 0,
      otherLines: 0,
      missingSample: [],
    };
    return { ...base, objects: this.read.size, bytes: this.bytes };
  }
}
