import { sendRecords, SendError, type PutBatch, type OutgoingRecord, MAX_BATCH_RECORDS } from '../../src/simulator/sender.js';
import { LineSplitter, Reconciler } from '../../src/simulator/reconcile.js';

function records(count: number, size = 50, from = 0): OutgoingRecord[] {
  return Array.from({ length: count - from }, (_, i) => ({ sequence: from + i, data: Buffer.alloc(size, 97 + ((from + i) % 26)) }));
}

/** A fake stream that remembers every record it accepted, by first byte and length. */
function fakeStream(behaviour: (call: number, batch: Buffer[]) => ReturnType<PutBatch> | undefined) {
  const accepted: Buffer[] = [];
  const batchSizes: number[] = [];
  let calls = 0;
  const put: PutBatch = async (batch) => {
    calls += 1;
    batchSizes.push(batch.length);
    const special = behaviour(calls, batch);
    if (special) {
      const outcome = await special;
      if (outcome.kind === 'ok') {
        const failed = new Set(outcome.failed.map((f) => f.index));
        batch.forEach((r, i) => !failed.has(i) && accepted.push(r));
      }
      return outcome;
    }
    accepted.push(...batch);
    return { kind: 'ok', failed: [] };
  };
  return { put, accepted, batchSizes, calls: () => calls };
}

describe('sender', () => {
  it('sends every record, including the last partial batch, in batches of at most 500', async () => {
    const stream = fakeStream(() => undefined);
    const stats = await sendRecords({ records: records(1234), put: stream.put });
    expect(stream.accepted).toHaveLength(1234);
    expect(Math.max(...stream.batchSizes)).toBeLessThanOrEqual(MAX_BATCH_RECORDS);
    expect(stream.batchSizes.reduce((a, b) => a + b, 0)).toBe(1234);
    expect(stats).toMatchObject({ acknowledgedRecords: 1234, watermark: 1234, retriedRecords: 0 });
  });

  it('keeps a call under 4 MiB even when 500 records would be more', async () => {
    const stream = fakeStream(() => undefined);
    await sendRecords({ records: records(100, 100 * 1024), put: stream.put });
    expect(Math.max(...stream.batchSizes)).toBeLessThanOrEqual(40);
    expect(stream.accepted).toHaveLength(100);
  });

  it('resends only the records a reply marks failed', async () => {
    const stream = fakeStream((call, batch) =>
      call === 1 ? Promise.resolve({ kind: 'ok', failed: [1, 3].map((index) => ({ index, code: 'ServiceUnavailableException', message: 'Slow down.' })) }) : undefined,
    );
    const stats = await sendRecords({ records: records(10), put: stream.put, concurrency: 1 });
    expect(stream.accepted).toHaveLength(10);
    expect(new Set(stream.accepted.map((b) => b[0])).size).toBe(10);
    expect(stats.retriedRecords).toBe(2);
    expect(stats.throttles).toBe(1);
  });

  it('backs off and resends a whole call that was throttled or cut', async () => {
    const stream = fakeStream((call) =>
      call <= 2 ? Promise.resolve({ kind: 'retry', throttled: call === 1, reason: 'ServiceUnavailableException: Slow down.' }) : undefined,
    );
    const stats = await sendRecords({ records: records(20), put: stream.put, concurrency: 1 });
    expect(stream.accepted).toHaveLength(20);
    expect(stats.throttles).toBe(1);
    expect(stats.retriedRecords).toBe(40);
  });

  it('stops with a clear error and the count when a record keeps failing, keeping the watermark below it', async () => {
    const stream = fakeStream((_call, batch) =>
      batch.some((b) => b[0] === 97 + 7) // the record at position 7
        ? Promise.resolve({ kind: 'ok', failed: batch.flatMap((b, index) => (b[0] === 97 + 7 ? [{ index, code: 'InternalFailure', message: 'boom' }] : [])) })
        : undefined,
    );
    const error = await sendRecords({ records: records(20), put: stream.put, concurrency: 1, maxAttempts: 3 }).catch((e) => e);
    expect(error).toBeInstanceOf(SendError);
    expect(error.message).toMatch(/position 7\) was refused 3 times; last reason: InternalFailure: boom/);
    expect(error.stats.watermark).toBe(7);
  });

  it('an error thrown by the stream stops the run with the records acknowledged so far', async () => {
    const stream = fakeStream((call) => (call === 3 ? Promise.reject(new Error('The delivery stream is gone')) : undefined));
    const error = await sendRecords({ records: records(2000), put: stream.put, concurrency: 1 }).catch((e) => e);
    expect(error).toBeInstanceOf(SendError);
    expect(error.message).toMatch(/The delivery stream is gone \(1000 records acknowledged/);
    expect(error.stats.watermark).toBe(1000);
  });

  it('cancelling leaves a watermark that a resumed run can start from without a gap', async () => {
    const controller = new AbortController();
    const stream = fakeStream((call) => {
      if (call === 3) controller.abort(new Error('Cancelled'));
      return undefined;
    });
    let watermark = 0;
    await sendRecords({ records: records(3000), put: stream.put, concurrency: 2, signal: controller.signal, onProgress: (s) => (watermark = s.watermark) }).catch(() => undefined);
    expect(watermark).toBeGreaterThan(0);
    expect(watermark).toBeLessThan(3000);

    // Resume from the watermark: together, nothing is missing.
    const resumed = fakeStream(() => undefined);
    await sendRecords({ records: records(3000, 50, watermark), put: resumed.put, startAt: watermark });
    const all = [...stream.accepted, ...resumed.accepted];
    expect(all.length).toBeGreaterThanOrEqual(3000);
    const firstBytes = new Set(records(3000).map((r) => r.data[0]));
    expect(new Set(all.map((b) => b[0]))).toEqual(firstBytes);
  });

  it('refuses a record over 1,000 KiB instead of sending it', async () => {
    const stream = fakeStream(() => undefined);
    const big: OutgoingRecord[] = [{ sequence: 0, data: Buffer.alloc(1000 * 1024 + 1) }];
    await expect(sendRecords({ records: big, put: stream.put })).rejects.toThrow(/at most 1024000 bytes/);
    expect(stream.calls()).toBe(0);
  });
});

describe('reconciler', () => {
  const line = (tag: string, position: number) => Buffer.from(`{"eventId":"${tag}-${String(position).padStart(6, '0')}","event":"Ride"}`);

  it('counts landed, missing, duplicated and foreign records by event id', () => {
    const reconciler = new Reconciler('run1', 5);
    for (const position of [0, 1, 1, 3, 4, 4, 4]) reconciler.addLine(line('run1', position));
    reconciler.addLine(line('other', 2));
    reconciler.addLine(Buffer.from('not json'));
    expect(reconciler.result()).toMatchObject({ expected: 5, landed: 4, missing: 1, duplicates: 3, otherLines: 2, missingSample: [2] });
  });

  it('without a known total, takes the highest position found', () => {
    const reconciler = new Reconciler('t');
    for (const position of [0, 2, 5000]) reconciler.addLine(line('t', position));
    expect(reconciler.result()).toMatchObject({ expected: 5001, landed: 3, missing: 4998 });
  });

  it('splits lines across chunk boundaries without losing or joining any', () => {
    const lines: string[] = [];
    const splitter = new LineSplitter((l) => lines.push(l.toString()));
    for (const chunk of ['{"a":1}\n{"b"', ':2}\n', '{"c":3}\n{"d":4}']) splitter.push(Buffer.from(chunk));
    splitter.end();
    expect(lines).toEqual(['{"a":1}', '{"b":2}', '{"c":3}', '{"d":4}']);
  });

  it('keeps a character whose bytes arrive in two chunks whole', () => {
    const lines: string[] = [];
    const splitter = new LineSplitter((l) => lines.push(l.toString('utf8')));
    const bytes = Buffer.from('{"firstName":"Zoë"}\n');
    const cut = bytes.indexOf(0xc3) + 1; // between the two bytes of "ë"
    splitter.push(bytes.subarray(0, cut));
    splitter.push(bytes.subarray(cut));
    splitter.end();
    expect(lines).toEqual(['{"firstName":"Zoë"}']);
  });
});
