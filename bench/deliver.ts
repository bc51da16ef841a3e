/**
 * End-to-end delivery on the sandbox, through the real SDK clients:
 *   1. a full park day (or --scale F) into a fresh stream: wall time,
 *      records per second, peak RSS of the runner and of the sandbox child;
 *   2. with --quota "records/s,requests/s,MiB/s": a small crowd against a
 *      quota-limited stream, and the share of the quota achieved.
 * Prints figures; never passes or fails. Needs `npm run build` first.
 *
 *   npx tsx bench/deliver.ts                      # full day
 *   npx tsx bench/deliver.ts --scale 0.05 --quota 2000,100,1
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
import { readFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import { CreateDeliveryStreamCommand, DescribeDeliveryStreamCommand } from '@aws-sdk/client-firehose';
import { createClients } from '../src/aws/clients.js';
import { createSendingClient, putBatchTo } from '../src/aws/firehose-put.js';
import { startSandboxProcess } from '../src/session/sandbox-process.js';
import { encodeDay, resolveDayPlan } from '../src/simulator/index.js';
import { sendRecords } from '../src/simulator/sender.js';

const args = process.argv.slice(2);
const flag = (name: string) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};
const scale = Number(flag('--scale') ?? 1);
const quota = flag('--quota');

function peakKiB(pid: number | undefined): number {
  if (!pid) return 0;
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
}

const home = mkdtempSync(join(tmpdir(), 'themepark-bench-'));
const sandbox = await startSandboxProcess({
  dataDir: join(home, 'sandbox'),
  entry: fileURLToPath(new URL('../dist/sandbox/main.js', import.meta.url)),
  env: { ...process.env, THEMEPARK_SANDBOX_TIME_SCALE: '100', ...(quota ? { THEMEPARK_SANDBOX_QUOTA: quota } : {}) },
});
const clients = createClients({ region: 'us-east-1', credentials: { accessKeyId: '000000000000', secretAccessKey: 'x' }, endpoint: sandbox.endpoint });
await clients.s3.send(new CreateBucketCommand({ Bucket: 'bench-bucket' }));
await clients.firehose.send(
  new CreateDeliveryStreamCommand({
    DeliveryStreamName: 'bench',
    ExtendedS3DestinationConfiguration: { RoleARN: 'arn:aws:iam::000000000000:role/bench', BucketARN: 'arn:aws:s3:::bench-bucket', BufferingHints: { SizeInMBs: 10, IntervalInSeconds: 60 } },
  }),
);
while ((await clients.firehose.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: 'bench' }))).DeliveryStreamDescription?.DeliveryStreamStatus !== 'ACTIVE') {
  await new Promise((r) => setTimeout(r, 50));
}

const plan = resolveDayPlan({ scale, seed: 1, date: '2026-07-04' });
const records = encodeDay(plan);
const started = process.hrtime.bigint();
const cpuBefore = process.cpuUsage();
const stats = await sendRecords({ records, put: putBatchTo(createSendingClient(clients), 'bench') });
const wall = Number(process.hrtime.bigint() - started) / 1e9;
const cpu = process.cpuUsage(cpuBefore);
const sandboxPeak = peakKiB(sandbox.pid);
await sandbox.stop();
clients.destroy();

const mib = stats.acknowledgedBytes / 1024 / 1024;
console.log(`scale ${scale}: ${stats.acknowledgedRecords} records, ${mib.toFixed(1)} MiB in ${stats.calls} calls`);
console.log(`wall ${wall.toFixed(2)} s · ${Math.round(stats.acknowledgedRecords / wall)} records/s · ${(mib / wall).toFixed(1)} MiB/s`);
console.log(`runner CPU ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s · runner peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MiB · sandbox peak RSS ${Math.round(sandboxPeak / 1024)} MiB`);
console.log(`resent ${stats.retriedRecords} · throttled ${stats.throttles}`);
if (quota) {
  const [records, requests, mibs] = quota.split(',').map(Number);
  const shares = [stats.acknowledgedRecords / wall / records, stats.calls / wall / requests, mib / wall / mibs];
  console.log(`quota ${quota}: achieved ${(Math.max(...shares) * 100).toFixed(1)}% of the binding limit (records ${(shares[0] * 100).toFixed(0)}%, requests ${(shares[1] * 100).toFixed(0)}%, MiB ${(shares[2] * 100).toFixed(0)}%)`);
}
