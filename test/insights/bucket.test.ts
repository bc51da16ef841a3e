/**
 * End to end through an in-process sandbox: a fixed day's records put into
 * a bucket as Firehose would leave them (several objects, one delivered
 * twice, a manifest beside them), read back through the real S3 client by
 * readBucket, the workshop step and the CLI, give the same figures as the
 * lines computed directly.
 */
import { PassThrough } from 'node:stream';
import { CreateBucketCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { headlineOutputs, showInsights } from '../../src/actions/insights.js';
import type { ActionContext, Json, RunnerEvent } from '../../src/engine/types.js';
import { runInsights, type InsightsReport } from '../../src/insights/cli.js';
import type { Session } from '../../src/session/types.js';
import { createClients, type AwsClients } from '../../src/aws/clients.js';
import { InsightsAccumulator } from '../../src/insights/compute.js';
import { readBucket, type ReadProgress } from '../../src/insights/read-bucket.js';
import { s3Service } from '../../src/sandbox/s3/index.js';
import { stsService } from '../../src/sandbox/sts/index.js';
import { simulateDay, toJsonLine } from '../../src/simulator/index.js';
import { startTestSandbox, removeHome, TEST_ACCOUNT } from '../sandbox/helpers.js';
import { expectedFigures, FIXED_DAY } from './expected-figures.js';

const REGION = 'eu-west-1';
const BUCKET = `theme-park-data-${TEST_ACCOUNT}`;
const EMPTY_BUCKET = `${BUCKET}-empty`;
const events = [...simulateDay(FIXED_DAY)];
const lines = events.map((e) => toJsonLine(e));

let sandbox: Awaited<ReturnType<typeof startTestSandbox>>;
let clients: AwsClients;
const objectKeys: string[] = [];

beforeAll(async () => {
  sandbox = await startTestSandbox({}, { services: [stsService, s3Service] });
  clients = createClients({
    region: REGION,
    endpoint: sandbox.endpoint,
    credentials: { accessKeyId: TEST_ACCOUNT, secretAccessKey: 'sandbox-secret' },
  });
  await clients.s3.send(
    new CreateBucketCommand({ Bucket: BUCKET, CreateBucketConfiguration: { LocationConstraint: REGION } }),
  );
  const put = async (key: string, body: string) => {
    await clients.s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: body }));
    objectKeys.push(key);
  };
  const per = Math.ceil(lines.length / 4);
  for (let i = 0; i < 4; i++) {
    await put(
      `2024/05/01/${12 + i * 3}/theme-park-streaming-data-1-2024-05-01-${12 + i * 3}-00-00-${i}`,
      lines.slice(i * per, (i + 1) * per).join(''),
    );
  }
  // Firehose retried a delivery: the first 100 records land a second time, in an object of their own.
  await put(
    '2024/05/01/13/theme-park-streaming-data-1-2024-05-01-13-05-00-retry',
    lines.slice(0, 100).join(''),
  );
  await clients.s3.send(
    new PutObjectCommand({ Bucket: BUCKET, Key: 'quicksight/manifest.json', Body: '{"fileLocations":[]}' }),
  );
  await clients.s3.send(
    new CreateBucketCommand({
      Bucket: EMPTY_BUCKET,
      CreateBucketConfiguration: { LocationConstraint: REGION },
    }),
  );
});

afterAll(async () => {
  clients?.destroy();
  await sandbox?.close();
  await removeHome(sandbox.home);
});

describe('readBucket', () => {
  it('gives the figures of the lines read directly, counting the re-delivered records once', async () => {
    const progress: ReadProgress[] = [];
    const fromBucket = new InsightsAccumulator();
    const read = await readBucket(clients, BUCKET, fromBucket, {
      concurrency: 2,
      onProgress: (p) => progress.push(p),
    });

    const direct = new InsightsAccumulator();
    for (const line of lines) direct.addLine(Buffer.from(line.slice(0, -1)));
    for (const line of lines.slice(0, 100)) direct.addLine(Buffer.from(line.slice(0, -1)));

    const result = fromBucket.result();
    expect(result).toEqual(direct.result());
    expect(result.source.duplicates).toBe(100);
    expect(result.totals.records).toBe(events.length);
    expect(result.totals.rides).toBe(expectedFigures(events, FIXED_DAY.date).rides);

    const bytes = Buffer.byteLength(lines.join('')) + Buffer.byteLength(lines.slice(0, 100).join(''));
    expect(read).toEqual({ objects: objectKeys.length, bytes });
    expect(progress.at(-1)).toEqual({
      objectsRead: objectKeys.length,
      objects: objectKeys.length,
      bytesRead: bytes,
      bytes,
    });
  });

  it('reads an empty bucket as no records', async () => {
    const accumulator = new InsightsAccumulator();
    expect(await readBucket(clients, EMPTY_BUCKET, accumulator)).toEqual({ objects: 0, bytes: 0 });
    expect(accumulator.result().totals.records).toBe(0);
  });

  it('stops when the signal aborts', async () => {
    const stop = new AbortController();
    stop.abort(new Error('stopped'));
    await expect(
      readBucket(clients, BUCKET, new InsightsAccumulator(), { signal: stop.signal }),
    ).rejects.toThrow();
  });
});

/** A session on the sandbox with only what reading the bucket needs. */
function sandboxSession(bucket = BUCKET): Session {
  const names = {
    stack: 's',
    bucket,
    stream: 'f',
    dataSource: 'd',
    dataSet: 'd',
    analysis: 'a',
    quickSightAccountName: 'q',
  };
  return {
    mode: 'sandbox',
    account: TEST_ACCOUNT,
    region: REGION,
    identityArn: 'arn',
    home: sandbox.home,
    names,
    clients,
  };
}

function directInsights() {
  const direct = new InsightsAccumulator();
  for (const line of [...lines, ...lines.slice(0, 100)]) direct.addLine(Buffer.from(line));
  return direct.result();
}

describe('the workshop step', () => {
  it('shows every visual and challenge as lines, and returns the headline figures', async () => {
    const events: Array<Pick<RunnerEvent, 'code' | 'level' | 'message' | 'live'>> = [];
    const emit = Object.assign(
      (code: string, level: RunnerEvent['level'], message: string) => events.push({ code, level, message }),
      {
        live: (code: string, live: NonNullable<RunnerEvent['live']>) =>
          events.push({ code, level: 'info', message: '', live }),
      },
    );
    let saved: Json | undefined;
    const ctx: ActionContext = {
      session: sandboxSession(),
      outputs: { dayTimeZone: 'America/Chicago' },
      options: { scale: FIXED_DAY.scale, seed: FIXED_DAY.seed, yes: true },
      emit,
      signal: new AbortController().signal,
      confirm: async () => true,
      checkpoint: { get: () => saved, set: (value) => (saved = value) },
    };

    const outputs = await showInsights.run(ctx);
    const expected = directInsights();
    expect(outputs).toEqual(headlineOutputs(expected));
    expect(outputs).toMatchObject({
      totalRides: expected.totals.rides,
      birthdayCost: expected.birthdays.visitors * 89,
    });
    expect((outputs.leastPopularRides as string[]).length).toBe(3);

    const text = events.filter((e) => !e.live && e.level === 'info').map((e) => e.message);
    expect(text.join('\n')).toContain('Where are the visitors from');
    expect(text.join('\n')).toContain('Which rides are not performing');
    expect(text.join('\n')).not.toMatch(/\x1b\[/);
    expect(events.some((e) => e.live?.view === 'insights')).toBe(true);
    expect(events.at(-1)).toMatchObject({ level: 'success' });
  });

  it('fails with what to do when nothing has landed', async () => {
    const ctx = {
      session: sandboxSession(EMPTY_BUCKET),
      outputs: {},
      emit: Object.assign(() => {}, { live: () => {} }),
      signal: new AbortController().signal,
    };
    await expect(showInsights.run(ctx as unknown as ActionContext)).rejects.toThrow(/Play a park day/);
  });
});

describe('themepark-workshop insights', () => {
  async function run(json: boolean, bucket = BUCKET) {
    const out = new PassThrough();
    let text = '';
    out.on('data', (chunk: Buffer) => (text += chunk.toString()));
    const code = await runInsights(sandboxSession(bucket), { json, noColor: true, out, width: 90 });
    return { code, text };
  }

  it('--json prints one object with every figure and where it came from', async () => {
    const { code, text } = await run(true);
    const report = JSON.parse(text) as InsightsReport;
    expect(code).toBe(0);
    expect(report).toEqual({
      bucket: BUCKET,
      objects: objectKeys.length,
      bytes: expect.any(Number),
      ...directInsights(),
    });
  });

  it('draws the charts, and exits 1 with a hint for an empty bucket', async () => {
    const { code, text } = await run(false);
    expect(code).toBe(0);
    expect(text).toMatch(/^Insights from s3:\/\/theme-park-data-/);
    expect(text).toContain('How many total rides today');
    expect(text.split('\n').every((line) => [...line].length <= 90)).toBe(true);

    const empty = await run(false, EMPTY_BUCKET);
    expect(empty.code).toBe(1);
    expect(empty.text).toMatch(/No records in s3:\/\/.*play a park day first/);
  });
});
