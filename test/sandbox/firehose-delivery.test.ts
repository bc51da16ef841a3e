import { afterEach, describe, expect, it } from '@jest/globals';
import { StreamBuffer, type SealedBatch } from '../../src/sandbox/firehose/buffer.js';
import { Deliverer, type ObjectSink, type OutgoingObject } from '../../src/sandbox/firehose/delivery.js';
import { spillObjects, takeSpilledObjects } from '../../src/sandbox/firehose/spill.js';
import { makeTempHome, removeHome } from './helpers.js';

const bytes = (text: string) => Buffer.from(text, 'utf8');
const text = (batch: SealedBatch) => Buffer.concat(batch.chunks).toString('utf8');
const waitFor = async (condition: () => boolean, ms = 2000) => {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};

describe('StreamBuffer', () => {
  const buffers: StreamBuffer[] = [];
  afterEach(() => buffers.splice(0).forEach((buffer) => buffer.dispose()));
  const make = (size: number, intervalMs: number, sealed: SealedBatch[]) => {
    const buffer = new StreamBuffer(size, intervalMs, (batch) => sealed.push(batch));
    buffers.push(buffer);
    return buffer;
  };

  it('seals when the size is reached, never exceeding it, keeping bytes in order', () => {
    const sealed: SealedBatch[] = [];
    const buffer = make(10, 60_000, sealed);
    buffer.append(bytes('aaaa'), 1);
    buffer.append(bytes('bbbb'), 2);
    buffer.append(bytes('cccc'), 3); // would make 12 > 10: starts the next object
    buffer.append(bytes('dddddd'), 4); // reaches exactly 10
    expect(sealed.map(text)).toEqual(['aaaabbbb', 'ccccdddddd']);
    expect(sealed.map((batch) => batch.oldestArrival)).toEqual([1, 3]);
    expect(sealed.map((batch) => batch.records)).toEqual([2, 2]);
    expect(buffer.pendingBytes).toBe(0);
  });

  it('seals after the interval counted from the first record', async () => {
    const sealed: SealedBatch[] = [];
    const buffer = make(1 << 20, 30, sealed);
    buffer.append(bytes('x'), 1);
    buffer.append(bytes('y'), 2);
    expect(sealed).toHaveLength(0);
    await waitFor(() => sealed.length === 1);
    expect(text(sealed[0]!)).toBe('xy');
  });

  it('flushes what is buffered on demand and does nothing when empty', () => {
    const sealed: SealedBatch[] = [];
    const buffer = make(1 << 20, 60_000, sealed);
    buffer.flush();
    buffer.append(bytes('z'), 1);
    buffer.flush();
    expect(sealed.map(text)).toEqual(['z']);
  });
});

function object(key: string, body = 'data'): OutgoingObject {
  return {
    account: '123456789012',
    region: 'eu-west-1',
    stream: 's',
    bucket: 'b',
    key,
    body: bytes(body),
    records: 1,
  };
}

/** A sink that refuses while `bucketExists` is false, like S3 without the bucket. */
function fakeSink() {
  const written = new Map<string, string>();
  const state = { bucketExists: false, attempts: 0 };
  const sink: ObjectSink = {
    async putObject({ key, body }) {
      state.attempts++;
      if (!state.bucketExists)
        throw Object.assign(new Error('The specified bucket does not exist'), { code: 'NoSuchBucket' });
      written.set(key, body.toString('utf8'));
    },
  };
  return { sink, written, state };
}

describe('Deliverer', () => {
  it('writes submitted objects and reports each outcome', async () => {
    const { sink, written, state } = fakeSink();
    state.bucketExists = true;
    const delivered: string[] = [];
    const deliverer = new Deliverer(sink, 1, {
      delivered: (o) => delivered.push(o.key),
      failed: () => undefined,
    });
    deliverer.submit(object('k1', 'one'));
    deliverer.submit(Promise.resolve(object('k2', 'two')));
    expect(await deliverer.close()).toEqual([]);
    expect(Object.fromEntries(written)).toEqual({ k1: 'one', k2: 'two' });
    expect(delivered.sort()).toEqual(['k1', 'k2']);
  });

  it('keeps retrying while the bucket is missing, then delivers once it exists', async () => {
    const { sink, written, state } = fakeSink();
    const failures: string[] = [];
    const deliverer = new Deliverer(sink, 1000, {
      delivered: () => undefined,
      failed: (o, e) => failures.push(String(e)),
    });
    deliverer.submit(object('k'));
    await waitFor(() => state.attempts >= 3);
    expect(written.size).toBe(0);
    expect(deliverer.waitingFor('123456789012', 'eu-west-1', 's')).toEqual({ objects: 1, bytes: 4 });
    expect(failures[0]).toContain('does not exist');
    state.bucketExists = true;
    await waitFor(() => written.has('k'));
    expect(deliverer.waitingFor('123456789012', 'eu-west-1', 's').objects).toBe(0);
    expect(await deliverer.close()).toEqual([]);
  });

  it('hands back what still cannot be written at close', async () => {
    const { sink } = fakeSink();
    const deliverer = new Deliverer(sink, 1, { delivered: () => undefined, failed: () => undefined });
    deliverer.submit(object('lost?'));
    const left = await deliverer.close();
    expect(left.map((o) => o.key)).toEqual(['lost?']);
  });
});

describe('spilled objects', () => {
  it('round-trip through disk with their bytes intact, once', async () => {
    const home = await makeTempHome();
    try {
      const binary = Buffer.from([0, 10, 13, 255, 10]);
      await spillObjects(home, [object('a/b', 'first'), { ...object('c'), body: binary }]);
      const back = await takeSpilledObjects(home);
      expect(back.map((o) => o.key).sort()).toEqual(['a/b', 'c']);
      expect(back.find((o) => o.key === 'c')!.body.equals(binary)).toBe(true);
      expect(back.find((o) => o.key === 'a/b')).toMatchObject({ bucket: 'b', stream: 's', records: 1 });
      expect(await takeSpilledObjects(home)).toEqual([]);
    } finally {
      await removeHome(home);
    }
  });
});
