/**
 * verify and cleanup through the built binary, on the sandbox: an empty
 * account fails every check with a reason, a completed one passes, damage
 * done behind the runner's back fails the right check, verify only reads,
 * and cleanup leaves the account empty.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DeleteDeliveryStreamCommand, DescribeDeliveryStreamCommand } from '@aws-sdk/client-firehose';
import { DeleteObjectCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { DeleteDataSetCommand } from '@aws-sdk/client-quicksight';
import { execa } from 'execa';
import { existsSync } from 'node:fs';
import { BINARY, binaryEnv } from '../helpers/binary.js';
import { runBinary } from '../helpers/binary.js';
import { behindTheRunnersBack } from '../helpers/damage.js';
import { tempHome } from '../helpers/fixture-workshop.js';

interface Report {
  ok: boolean;
  account: string;
  region: string;
  checks: Array<{ id: string; step: string; ok: boolean; detail: string }>;
}

const SMALL = ['--scale', '0.005'];

async function verifyJson(home: string, extra: string[] = []): Promise<{ code: number | undefined; report: Report }> {
  const result = await runBinary(['verify', '--sandbox', '--json', ...extra], home);
  expect(result.stderr).toBe('');
  return { code: result.exitCode, report: JSON.parse(result.stdout) as Report };
}

const failing = (report: Report) => report.checks.filter((c) => !c.ok).map((c) => c.id);

describe('verify and cleanup on the sandbox', () => {
  it('on an empty account, every resource check fails with a reason, exit 1', async () => {
    const { code, report } = await verifyJson(tempHome());
    expect(code).toBe(1);
    expect(report).toMatchObject({ ok: false, account: '000000000000', region: 'us-east-1' });
    expect(report.checks.find((c) => c.id === 'identityKnown')?.ok).toBe(true);
    for (const check of report.checks.filter((c) => !c.ok)) expect(check.detail.length).toBeGreaterThan(10);
    expect(failing(report)).toEqual(expect.arrayContaining(['stackDeployed', 'streamActive', 'bucketExists', 'dataLanded']));
  });

  it('passes a completed account, reads only, and cleanup empties it', async () => {
    const home = tempHome();
    const run = await runBinary(['--sandbox', '--yes', ...SMALL], home);
    expect(run.exitCode).toBe(0);

    const verifyStarted = new Date().toISOString();
    const { code, report } = await verifyJson(home);
    expect(failing(report)).toEqual([]);
    expect(code).toBe(0);
    // The landing step left a receipt, so verify compared listings instead of reading the day.
    expect(report.checks.find((c) => c.id === 'noRecordsMissing')?.detail).toMatch(/objects are unchanged/);

    // Read-only by construction: the sandbox's request log shows only reads since verify began.
    const writes = readFileSync(join(home, 'sandbox', 'requests.log'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { time: string; operation: string })
      .filter((entry) => entry.time >= verifyStarted)
      .filter((entry) => !/^(Describe|List|Get|Head)/.test(entry.operation));
    expect(writes).toEqual([]);

    // The table form says the same thing for people.
    const table = await runBinary(['verify', '--sandbox'], home);
    expect(table.exitCode).toBe(0);
    expect(table.stdout).toMatch(/checks pass\./);

    const cleanup = await runBinary(['cleanup', '--sandbox', '--yes'], home);
    expect(cleanup.stdout).toMatch(/Everything the module created is gone/);
    expect(cleanup.exitCode).toBe(0);
    const after = await verifyJson(home);
    expect(failing(after.report)).toEqual(expect.arrayContaining(['stackDeployed', 'streamActive', 'bucketExists', 'dataLanded']));

    // Idempotent: a second cleanup finds nothing and succeeds.
    const again = await runBinary(['cleanup', '--sandbox', '--yes'], home);
    expect(again.exitCode).toBe(0);
    expect(again.stdout).toMatch(/already gone/);
  });

  it('checks a class of sandbox accounts, each row on its own, with a summary', async () => {
    const home = tempHome();
    // One account completed, the other nineteen untouched.
    expect((await runBinary(['--sandbox', '--yes', '--sandbox-account', '100000000001', ...SMALL], home)).exitCode).toBe(0);
    const ids = Array.from({ length: 20 }, (_, i) => String(100000000001 + i));
    const file = join(home, 'class.txt');
    writeFileSync(file, `# class of 20\n${ids.join('\n')}\n`);

    const table = await runBinary(['verify', '--sandbox', '--accounts', file, '--concurrency', '4'], home);
    expect(table.exitCode).toBe(1);
    for (const id of ids) expect(table.stdout).toContain(id);
    expect(table.stdout).toMatch(/Before you start: 20\/20/);
    expect(table.stdout).toMatch(/The Firehose delivery stream: 1\/20/);

    const json = await runBinary(['verify', '--sandbox', '--accounts', file, '--json'], home);
    const rows = json.stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(rows).toHaveLength(20);
    expect(rows.filter((r) => r.ok).map((r) => r.account)).toEqual(['100000000001']);
  });

  it('refuses an accounts file with a line that is not an account, exit 2', async () => {
    const home = tempHome();
    const file = join(home, 'class.txt');
    writeFileSync(file, '123456789012\nnot an account!\n');
    const result = await runBinary(['verify', '--sandbox', '--accounts', file], home);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/Line 2/);
  });

  it('fails the right check after each kind of damage done behind the runner\'s back', async () => {
    const home = tempHome();
    expect((await runBinary(['--sandbox', '--yes', ...SMALL], home)).exitCode).toBe(0);
    const bucket = 'theme-park-data-000000000000-us-east-1';

    // Without the landing receipt, verify reads the day and counts by event id itself.
    let receipt: { key: string; body: string } | undefined;
    await behindTheRunnersBack(home, async ({ s3 }) => {
      const receipts = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: 'receipts/' }));
      expect(receipts.Contents).toHaveLength(1);
      const key = receipts.Contents![0].Key!;
      receipt = { key, body: await (await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }))).Body!.transformToString() };
      await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
    });
    const withoutReceipt = await verifyJson(home);
    expect(withoutReceipt.report.checks.find((c) => c.id === 'noRecordsMissing')).toMatchObject({
      ok: true,
      detail: expect.stringMatching(/total inferred from the data/),
    });
    await behindTheRunnersBack(home, async ({ s3 }) => {
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: receipt!.key, Body: receipt!.body }));
    });

    // The QuickSight data set deleted: its checks fail, the data's checks still pass.
    await behindTheRunnersBack(home, async ({ quickSight }) => {
      await quickSight.send(new DeleteDataSetCommand({ AwsAccountId: '000000000000', DataSetId: 'theme-park-data' }));
    });
    const afterDataSet = await verifyJson(home);
    expect(failing(afterDataSet.report)).toEqual(expect.arrayContaining(['quickSightDataSetPrepared']));
    expect(failing(afterDataSet.report)).not.toContain('dataLanded');

    // One object of the day removed: the reconciliation notices the gap.
    await behindTheRunnersBack(home, async ({ s3 }) => {
      const listed = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: '20' }));
      await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: listed.Contents![0].Key! }));
    });
    const afterObjects = await verifyJson(home);
    expect(failing(afterObjects.report)).toEqual(expect.arrayContaining(['dataLanded', 'noRecordsMissing']));
    expect(afterObjects.report.checks.find((c) => c.id === 'noRecordsMissing')?.detail).toMatch(/changed since every record was counted .* is gone/);

    // The delivery stream deleted: the stream check fails, the stack check still passes.
    await behindTheRunnersBack(home, async ({ firehose }) => {
      await firehose.send(new DeleteDeliveryStreamCommand({ DeliveryStreamName: 'theme-park-streaming-data' }));
      for (;;) {
        const gone = await firehose.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: 'theme-park-streaming-data' })).then(
          () => false,
          () => true,
        );
        if (gone) break;
        await new Promise((r) => setTimeout(r, 20));
      }
    });
    const afterStream = await verifyJson(home);
    expect(failing(afterStream.report)).toContain('streamActive');
    expect(afterStream.report.checks.find((c) => c.id === 'streamActive')?.detail).toMatch(/no delivery stream theme-park-streaming-data/);
    expect(afterStream.code).toBe(1);
  });

  it('cleanup after a run killed part way leaves the account empty', async () => {
    const home = tempHome();
    const progress = join(home, 'progress', '000000000000-us-east-1.json');
    const child = execa(process.execPath, [BINARY, '--sandbox', '--yes', '--scale', '0.3'], { env: binaryEnv(home), reject: false, stdin: 'ignore' });
    const until = Date.now() + 90_000;
    for (;;) {
      if (Date.now() > until) throw new Error('the send never started');
      if (existsSync(progress) && JSON.parse(readFileSync(progress, 'utf8')).checkpoints?.['send-day']?.watermark > 0) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    child.kill('SIGKILL');
    await child;

    const cleanup = await runBinary(['cleanup', '--sandbox', '--yes'], home);
    expect(cleanup.exitCode).toBe(0);
    const { report } = await verifyJson(home);
    // The QuickSight subscription belongs to the account, not to the module, and stays.
    expect(report.checks.filter((c) => c.ok).map((c) => c.id)).toEqual(['identityKnown', 'regionSupported', 'quickSightSubscribed']);
    expect(existsSync(progress)).toBe(false);
  });
});
