/**
 * Section 2's checks, read-only. A landing receipt in the bucket (see
 * src/aws/receipt.ts) lets them compare listings; without one they read the
 * bucket and count by event id themselves.
 */
import type { CheckDefinition } from '../engine/types.js';
import { listDataObjects } from '../aws/landing.js';
import { BucketReader } from '../aws/reconcile-bucket.js';
import { readReceipt, receiptDifferences } from '../aws/receipt.js';

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

    // A receipt from a complete landing: only the listing needs comparing.
    const receipt = await readReceipt(session.clients, session.names.bucket, runTag);
    if (receipt && (expected === undefined || receipt.records === expected)) {
      const differences = receiptDifferences(receipt, await listDataObjects(session.clients, session.names.bucket));
      if (differences.length > 0) {
        return { ok: false, detail: `${differences.length} object(s) changed since every record was counted (${differences[0]}); run the landing step again, or resend` };
      }
      return { ok: true, detail: `all ${receipt.records} records present (counted ${receipt.writtenAt.slice(0, 16)}Z; its ${receipt.objects.length} objects are unchanged), ${receipt.duplicates} duplicated` };
    }

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
