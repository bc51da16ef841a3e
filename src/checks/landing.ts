/**
 * Section 2's checks, read-only. With the reconciliation of a run saved
 * locally they compare against it; without (verify on an instructor's
 * machine) they read the bucket and count by event id themselves.
 */
import type { CheckDefinition } from '../engine/types.js';
import { listDataObjects } from '../aws/landing.js';
import { BucketReader } from '../aws/reconcile-bucket.js';

export const dataLanded: CheckDefinition = {
  title: 'Records landed in the bucket',
  async run({ session }) {
    const bucket = session.names.bucket;
    const objects = await listDataObjects(session.clients, bucket);
    if (objects.length === 0) return { ok: false, detail: `no objects under YYYY/MM/dd/HH/ in ${bucket}; run the simulator step` };
    const bytes = objects.reduce((n, o) => n + o.size, 0);
    const newest = objects.map((o) => o.key).sort().at(-1);
    return { ok: true, detail: `${objects.length} objects, ${(bytes / 1024 / 1024).toFixed(1)} MiB, newest ${newest}` };
  },
};

export const noRecordsMissing: CheckDefinition = {
  title: 'Every record sent is in S3',
  async run({ session, outputs }) {
    const runTag = typeof outputs.runTag === 'string' ? outputs.runTag : undefined;
    const expected = typeof outputs.sentRecords === 'number' ? outputs.sentRecords : undefined;
    const reader = new BucketReader(session.clients, session.names.bucket, runTag, expected);
    await reader.catchUp();
    const result = reader.result();
    if (!result.runTag) return { ok: false, detail: 'no simulator records in the bucket; run the simulator step' };
    if (result.missing > 0) {
      return { ok: false, detail: `${result.missing} of ${result.expected} records missing (e.g. positions ${result.missingSample.slice(0, 3).join(', ')}); run the landing step again, or resend` };
    }
    const known = expected === undefined ? ' (total inferred from the data)' : '';
    return { ok: true, detail: `all ${result.expected} records present${known}, ${result.duplicates} duplicated` };
  },
};
