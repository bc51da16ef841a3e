/**
 * Section 2, second half: watch objects arrive in the bucket, then prove
 * that every record sent is there. Firehose writes a buffer when it is full
 * or old enough, so the last records of a run land up to one buffer
 * interval after the sender stops; the watch reads objects as they appear
 * and ends as soon as nothing is missing, or at a deadline.
 */
import type { ActionDefinition, Json } from '../engine/types.js';
import { CODES } from '../engine/codes.js';
import { describeStream } from '../aws/firehose.js';
import { BucketReader, type BucketReconciliation } from '../aws/reconcile-bucket.js';
import { writeReceipt } from '../aws/receipt.js';
import { sleep } from '../util/sleep.js';

const RESEND_FIX = 'Send the day again with: themepark-workshop --step send-day';

/** Polls of the bucket. Listing is cheap; objects are read once each. */
const POLL_MS = 1000;
/** Beyond one buffer interval, time for Firehose's own delivery and retries. */
const GRACE_SECONDS = 90;

export const watchLanding: ActionDefinition = {
  title: 'Watch the objects land, and count every record',
  commands: (session) => [
    `aws s3 ls s3://${session.names.bucket}/ --recursive --human-readable --summarize`,
    `aws s3 cp s3://${session.names.bucket}/<key> - | head -3`,
  ],
  async run(ctx) {
    const { session, emit, outputs, signal } = ctx;
    const runTag = typeof outputs.runTag === 'string' ? outputs.runTag : undefined;
    const expected = typeof outputs.sentRecords === 'number' ? outputs.sentRecords : undefined;
    if (!runTag || expected === undefined) {
      throw new Error('Nothing has been sent yet; run the "Play a park day" step first.');
    }
    const stream = await describeStream(session.clients, session.names.stream);
    const interval = stream?.bufferIntervalSeconds ?? 300;
    const sentAt = typeof outputs.sendFinishedAt === 'string' ? Date.parse(outputs.sendFinishedAt) : Date.now();
    // A stream created after the day was sent never saw those records: waiting cannot help.
    if (stream?.createdAt && stream.createdAt.getTime() > sentAt) {
      throw new Error(`The delivery stream was created again after the day was sent, so the records cannot arrive. ${RESEND_FIX}`);
    }
    const deadline = Math.max(sentAt, Date.now() - 1000) + (interval + GRACE_SECONDS) * 1000;
    const startedAt = Date.now();

    const reader = new BucketReader(session.clients, session.names.bucket, runTag, expected);
    let result: BucketReconciliation;
    for (;;) {
      signal.throwIfAborted();
      await reader.catchUp(signal);
      result = reader.result();
      emit.live(CODES.LANDING_PROGRESS, landingLive(result, reader.newestKey, startedAt, deadline));
      if (result.missing === 0 || Date.now() >= deadline) break;
      await sleep(POLL_MS, signal);
    }

    emit(CODES.LANDING_DONE, result.missing === 0 ? 'success' : 'error',
      `${result.landed} of ${result.expected} records landed in ${result.objects} objects (${(result.bytes / 1024 / 1024).toFixed(1)} MiB); ${result.missing} missing, ${result.duplicates} duplicated`);
    if (result.duplicates > 0) {
      emit(CODES.LANDING_DUPLICATES, 'warn', `${result.duplicates} records landed twice: Firehose delivers at least once, and the sender resends records whose call was cut. Count by eventId, not by line.`);
    }
    if (result.otherLines > 0) {
      emit(CODES.LANDING_OTHER, 'info', `${result.otherLines} lines in the bucket come from other runs (another seed, scale or day).`);
    }
    if (result.missing === 0) {
      const key = await writeReceipt(session.clients, session.names.bucket, {
        version: 1,
        runTag,
        records: result.landed,
        duplicates: result.duplicates,
        writtenAt: new Date().toISOString(),
        objects: reader.objectsRead(),
      });
      emit(CODES.LANDING_RECEIPT, 'info', `Left a receipt at s3://${session.names.bucket}/${key}, so checks need not read the data again.`);
    }
    if (result.missing > 0) {
      emit(CODES.LANDING_MISSING, 'error', `Missing positions include ${result.missingSample.join(', ')}. Run this step again to keep waiting, or: ${RESEND_FIX}`);
    }
    return reconciliationOutputs(result);
  },
};

export function reconciliationOutputs(result: BucketReconciliation): Record<string, Json> {
  return {
    landedObjects: result.objects,
    landedBytes: result.bytes,
    landedRecords: result.landed,
    missingRecords: result.missing,
    duplicateRecords: result.duplicates,
    otherLines: result.otherLines,
  };
}

function landingLive(result: BucketReconciliation, newestKey: string | undefined, startedAt: number, deadline: number) {
  const state: Record<string, Json> = {
    objects: result.objects,
    bytes: result.bytes,
    newestKey: newestKey ?? null,
    landed: result.landed,
    expected: result.expected,
    missing: result.missing,
    duplicates: result.duplicates,
    waitingSeconds: Math.round((Date.now() - startedAt) / 1000),
    deadlineSeconds: Math.max(0, Math.round((deadline - Date.now()) / 1000)),
  };
  return {
    view: 'landing',
    state,
    summary: `${result.objects} objects · ${(result.bytes / 1024 / 1024).toFixed(1)} MiB · ${result.landed}/${result.expected} records · newest ${newestKey ?? '(none yet)'}`,
  };
}
