/**
 * How fast the insights pass summarises a full day: the accumulator over a
 * file of JSON lines (the pure computation), then readBucket through the
 * sandbox's S3 (what `themepark-workshop insights` does on the sandbox).
 * Prints figures; never passes or fails.
 *
 *   npx tsx bench/insights.ts [--scale 1,2] [--seed 1] [--date 2024-05-01] [--skip-s3]
 *
 * The issue's target: a full day (about 300 MB, which is scale 2 of today's
 * model: its day is about 160 MB) in a few seconds on 2 cores.
 *
 * Each measurement runs in a fresh `node --import tsx` so that nothing of
 * this script or of the day's generation counts; the TypeScript loader's own
 * memory is reported as "before reading".
 */
import { execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { createReadStream, createWriteStream, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const MiB = 1024 * 1024;

interface Figures {
  records: number;
  lines: number;
  bytes: number;
  objects: number;
  wallSeconds: number;
  cpuSeconds: number;
  rssBeforeMiB: number;
  maxRssMiB: number;
  headline: Record<string, unknown>;
}

if (process.env.BENCH_INSIGHTS_CHILD) {
  const { file, mode } = JSON.parse(process.env.BENCH_INSIGHTS_CHILD) as {
    file: string;
    mode: 'file' | 's3';
  };
  process.stdout.write(JSON.stringify(mode === 'file' ? await measureFile(file) : await measureS3(file)));
} else {
  await main();
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      scale: { type: 'string', default: '1,2' },
      seed: { type: 'string', default: '1' },
      date: { type: 'string', default: '2024-05-01' },
      'skip-s3': { type: 'boolean', default: false },
    },
  });
  console.log(`Insights over a simulated day: seed ${values.seed}, ${values.date}, Node ${process.version}`);
  console.log(
    'Each line is a fresh node process; RSS "before" is node, tsx and the modules before reading.\n',
  );
  for (const scale of values.scale.split(',').map(Number)) {
    const file = join(tmpdir(), `themepark-insights-bench-${scale}-${values.seed}-${values.date}.jsonl`);
    try {
      const made = await writeDay(file, scale, Number(values.seed), values.date);
      console.log(
        `scale ${scale}: ${made.records.toLocaleString('en-US')} records, ${(made.bytes / 1e6).toFixed(1)} MB of JSON lines`,
      );
      report('  accumulator over a file', child(file, 'file'));
      if (!values['skip-s3']) report('  readBucket via sandbox S3', child(file, 's3'));
      console.log('');
    } finally {
      rmSync(file, { force: true });
    }
  }
}

function report(label: string, f: Figures): void {
  const rate = f.bytes / 1e6 / f.wallSeconds;
  console.log(
    `${label.padEnd(28)} ${f.wallSeconds.toFixed(2)} s wall, ${f.cpuSeconds.toFixed(2)} CPU s, ${rate.toFixed(0)} MB/s, ` +
      `peak RSS ${f.maxRssMiB.toFixed(0)} MiB (${f.rssBeforeMiB.toFixed(0)} before reading)` +
      (f.objects > 0 ? `, ${f.objects} objects` : ''),
  );
  console.log(
    `${''.padEnd(28)} ${Object.entries(f.headline)
      .map(([k, v]) => `${k} ${JSON.stringify(v)}`)
      .join(', ')}`,
  );
}

function child(file: string, mode: 'file' | 's3'): Figures {
  const output = execFileSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url)], {
    cwd: fileURLToPath(new URL('..', import.meta.url)),
    env: {
      ...process.env,
      BENCH_INSIGHTS_CHILD: JSON.stringify({ file, mode }),
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    },
    encoding: 'utf8',
    maxBuffer: 16 * MiB,
  });
  return JSON.parse(output) as Figures;
}

async function writeDay(
  file: string,
  scale: number,
  seed: number,
  date: string,
): Promise<{ records: number; bytes: number }> {
  const { simulateDay, toJsonLine } = await import('../src/simulator/index.js');
  const out = createWriteStream(file);
  let records = 0;
  let text = '';
  for (const event of simulateDay({ scale, seed, date })) {
    text += toJsonLine(event);
    records++;
    if (text.length > MiB) {
      if (!out.write(text)) await once(out, 'drain');
      text = '';
    }
  }
  out.end(text);
  await once(out, 'finish');
  return { records, bytes: statSync(file).size };
}

/** In the child: the accumulator alone, fed 1 MiB chunks from the file. */
async function measureFile(file: string): Promise<Figures> {
  const { InsightsAccumulator } = await import('../src/insights/compute.js');
  const { LineSplitter } = await import('../src/simulator/reconcile.js');
  const rssBefore = process.memoryUsage.rss();
  const [cpu0, wall0] = [process.cpuUsage(), performance.now()];

  const accumulator = new InsightsAccumulator();
  const splitter = new LineSplitter((line) => accumulator.addLine(line));
  let bytes = 0;
  for await (const chunk of createReadStream(file, { highWaterMark: MiB })) {
    bytes += (chunk as Buffer).length;
    splitter.push(chunk as Buffer);
  }
  splitter.end();
  const insights = accumulator.result();
  return figures(insights, bytes, 0, cpu0, wall0, rssBefore);
}

/** In the child: the day put into a sandbox bucket as 10 MiB objects (not timed), then read back with readBucket. */
async function measureS3(file: string): Promise<Figures> {
  const { mkdtempSync } = await import('node:fs');
  const { CreateBucketCommand, PutObjectCommand } = await import('@aws-sdk/client-s3');
  const { createClients } = await import('../src/aws/clients.js');
  const { startSandbox } = await import('../src/sandbox/server.js');
  const { stsService } = await import('../src/sandbox/sts/index.js');
  const { s3Service } = await import('../src/sandbox/s3/index.js');
  const { InsightsAccumulator } = await import('../src/insights/compute.js');
  const { readBucket } = await import('../src/insights/read-bucket.js');

  const home = mkdtempSync(join(tmpdir(), 'themepark-insights-bench-home-'));
  const sandbox = await startSandbox({ port: 0, home }, { services: [stsService, s3Service] });
  const clients = createClients({
    region: 'us-east-1',
    endpoint: sandbox.endpoint,
    credentials: { accessKeyId: '000000000000', secretAccessKey: 'sandbox' },
  });
  try {
    const bucket = 'theme-park-data-000000000000';
    await clients.s3.send(new CreateBucketCommand({ Bucket: bucket }));
    let objects = 0;
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    const put = async (body: Buffer) => {
      const key = `2024/05/01/${String(12 + Math.floor(objects / 6)).padStart(2, '0')}/theme-park-streaming-data-1-${objects}`;
      await clients.s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
      objects++;
    };
    // Firehose's 10 MiB buffer, cut after a newline as Firehose writes whole records.
    for await (const chunk of createReadStream(file, { highWaterMark: MiB })) {
      pending.push(chunk as Buffer);
      pendingBytes += (chunk as Buffer).length;
      if (pendingBytes < 10 * MiB) continue;
      const data = Buffer.concat(pending);
      const cut = data.lastIndexOf(0x0a) + 1;
      await put(data.subarray(0, cut));
      pending = [data.subarray(cut)];
      pendingBytes = data.length - cut;
    }
    if (pendingBytes > 0) await put(Buffer.concat(pending));

    const rssBefore = process.memoryUsage.rss();
    const [cpu0, wall0] = [process.cpuUsage(), performance.now()];
    const accumulator = new InsightsAccumulator();
    const read = await readBucket(clients, bucket, accumulator);
    const insights = accumulator.result();
    return figures(insights, read.bytes, read.objects, cpu0, wall0, rssBefore);
  } finally {
    clients.destroy();
    await sandbox.close();
    rmSync(home, { recursive: true, force: true });
  }
}

function figures(
  insights: import('../src/insights/types.js').Insights,
  bytes: number,
  objects: number,
  cpu0: NodeJS.CpuUsage,
  wall0: number,
  rssBefore: number,
): Figures {
  const cpu = process.cpuUsage(cpu0);
  return {
    records: insights.totals.records,
    lines: insights.source.lines,
    bytes,
    objects,
    wallSeconds: (performance.now() - wall0) / 1000,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    rssBeforeMiB: rssBefore / MiB,
    maxRssMiB: (process.resourceUsage().maxRSS * 1024) / MiB,
    headline: {
      records: insights.totals.records,
      visitors: insights.totals.visitors,
      rides: insights.totals.rides,
      birthdays: insights.birthdays.visitors,
      lunch: insights.staffing.lunch.hour,
      fullAt: insights.staffing.capacity.fullAt,
    },
  };
}
