/**
 * THEMEPARK_SANDBOX_QUOTA and THEMEPARK_SANDBOX_FAULTS as a client sees them
 * through the real SDK (maxAttempts 1, so no retry hides a 503).
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import {
  CreateDeliveryStreamCommand,
  DescribeDeliveryStreamCommand,
  FirehoseClient,
  PutRecordBatchCommand,
} from '@aws-sdk/client-firehose';
import { createFirehoseService } from '../../src/sandbox/firehose/index.js';
import type { ObjectSink } from '../../src/sandbox/firehose/delivery.js';
import type { RunningSandbox } from '../../src/sandbox/server.js';
import { clientConfig, removeHome, startTestSandbox, TEST_ACCOUNT } from './helpers.js';

const started: Array<{ sandbox: RunningSandbox & { home: string }; client: FirehoseClient }> = [];

afterEach(async () => {
  for (const { sandbox, client } of started.splice(0)) {
    client.destroy();
    await sandbox.close();
    await removeHome(sandbox.home);
  }
});

/** A sandbox whose delivered bytes are collected in `delivered`, with one ACTIVE stream `s`. */
async function sandboxWith(options: { quota?: string; faults?: string }) {
  const delivered: Buffer[] = [];
  const sink: ObjectSink = {
    async putObject({ body }) {
      delivered.push(body);
    },
  };
  const sandbox = await startTestSandbox(
    { timeScale: 600, ...options },
    { services: [createFirehoseService(() => sink)] },
  );
  const client = new FirehoseClient(clientConfig(sandbox));
  started.push({ sandbox, client });
  await client.send(
    new CreateDeliveryStreamCommand({
      DeliveryStreamName: 's',
      ExtendedS3DestinationConfiguration: {
        RoleARN: `arn:aws:iam::${TEST_ACCOUNT}:role/r`,
        BucketARN: 'arn:aws:s3:::b',
        BufferingHints: { SizeInMBs: 128, IntervalInSeconds: 900 },
      },
    }),
  );
  for (let i = 0; i < 400; i++) {
    const out = await client.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: 's' }));
    if (out.DeliveryStreamDescription!.DeliveryStreamStatus === 'ACTIVE') break;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  /** Closes the sandbox (flushing buffers) and returns every delivered byte as text. */
  const deliveredText = async () => {
    await sandbox.close();
    return Buffer.concat(delivered).toString('utf8');
  };
  return { client, deliveredText };
}

const batch = (tag: string, count: number) =>
  new PutRecordBatchCommand({
    DeliveryStreamName: 's',
    Records: Array.from({ length: count }, (_, i) => ({ Data: Buffer.from(`<${tag}-${i}>`) })),
  });

describe('quota', () => {
  it('answers 503 ServiceUnavailableException "Slow down." once the one-second burst is spent', async () => {
    const { client, deliveredText } = await sandboxWith({ quota: '1000000,2,100' });
    const outcomes: string[] = [];
    for (let i = 0; i < 8; i++) {
      try {
        await client.send(batch(`q${i}`, 2));
        outcomes.push('ok');
      } catch (error) {
        expect(error).toMatchObject({ name: 'ServiceUnavailableException', message: 'Slow down.' });
        expect((error as { $metadata: { httpStatusCode: number } }).$metadata.httpStatusCode).toBe(503);
        outcomes.push('503');
      }
    }
    expect(outcomes.slice(0, 2)).toEqual(['ok', 'ok']);
    expect(outcomes).toContain('503');
    // Refused calls buffer nothing: only the accepted calls' records are delivered.
    const text = await deliveredText();
    outcomes.forEach((outcome, i) => {
      expect(text.includes(`<q${i}-0>`)).toBe(outcome === 'ok');
    });
  });

  it('counts records: a call over the records bucket is refused whole', async () => {
    const { client } = await sandboxWith({ quota: '10,1000,100' });
    await client.send(batch('r', 10));
    await expect(client.send(batch('r2', 10))).rejects.toMatchObject({ name: 'ServiceUnavailableException' });
  });
});

describe('faults', () => {
  it('partial: fails some records inside a 200, with ErrorCode, and delivers only the others', async () => {
    const { client, deliveredText } = await sandboxWith({ faults: 'partial=0.3,seed=11' });
    const out = await client.send(batch('p', 200));
    expect(out.FailedPutCount).toBeGreaterThan(0);
    expect(out.FailedPutCount).toBeLessThan(200);
    const failed = out.RequestResponses!.flatMap((r, i) => (r.ErrorCode ? [i] : []));
    expect(failed).toHaveLength(out.FailedPutCount!);
    for (const i of failed) {
      expect(out.RequestResponses![i]).toEqual({
        ErrorCode: 'ServiceUnavailableException',
        ErrorMessage: 'Slow down.',
      });
    }
    const text = await deliveredText();
    const expected = out.RequestResponses!.map((r, i) => (r.RecordId ? `<p-${i}>` : '')).join('');
    expect(text).toBe(expected);
  });

  it('throttle: refuses whole calls with 503 and buffers nothing of them', async () => {
    const { client, deliveredText } = await sandboxWith({ faults: 'throttle=0.5,seed=3' });
    const accepted: number[] = [];
    let throttled = 0;
    for (let i = 0; i < 12; i++) {
      try {
        await client.send(batch(`t${i}`, 1));
        accepted.push(i);
      } catch (error) {
        expect(error).toMatchObject({ name: 'ServiceUnavailableException', message: 'Slow down.' });
        throttled++;
      }
    }
    expect(throttled).toBeGreaterThan(0);
    expect(accepted.length).toBeGreaterThan(0);
    expect(await deliveredText()).toBe(accepted.map((i) => `<t${i}-0>`).join(''));
  });

  it('drop: cuts the connection after buffering, so the records arrive although the client saw an error', async () => {
    const { client, deliveredText } = await sandboxWith({ faults: 'drop=1,seed=1' });
    const error = await client.send(batch('d', 3)).then(
      () => undefined,
      (e: unknown) => e as Error & { $metadata?: { httpStatusCode?: number } },
    );
    expect(error).toBeDefined();
    expect(error!.message).toMatch(/socket hang up|ECONNRESET/);
    // A network error, not a service answer: there is no HTTP status.
    expect(error!.$metadata?.httpStatusCode).toBeUndefined();
    expect(await deliveredText()).toBe('<d-0><d-1><d-2>');
  });
});
