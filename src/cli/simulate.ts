/**
 * `themepark-workshop simulate`: the park day on its own, to a file, to
 * standard output, or to a delivery stream (with the same lossless sender
 * as the workshop, without saving progress).
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { UsageError } from './errors.js';
import type { SessionOptions } from './flags.js';
import { openFromFlags } from './context.js';
import { encodeDay, resolveDayPlan, runTag, simulateDay, toJsonLine } from '../simulator/index.js';

export interface SimulateFlags extends SessionOptions {
  scale: number;
  seed: number;
  date?: string;
  stream?: string;
  out?: string;
}

export async function runSimulate(flags: SimulateFlags): Promise<number> {
  if (Boolean(flags.stream) === Boolean(flags.out)) {
    throw new UsageError('Name exactly one destination: --out FILE (- for standard output) or --stream NAME.');
  }
  let plan;
  try {
    plan = resolveDayPlan({ scale: flags.scale, seed: flags.seed, date: flags.date });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const say = (line: string) => process.stderr.write(line + '\n');
  say(`Simulating ${plan.date} in ${plan.timeZone}, seed ${plan.seed}, scale ${plan.scale} (run ${runTag(plan)})`);
  if (flags.out) return writeDay(plan, flags.out, say);
  return streamDay(plan, flags, say);
}

async function writeDay(plan: ReturnType<typeof resolveDayPlan>, out: string, say: (line: string) => void): Promise<number> {
  const target = out === '-' ? process.stdout : createWriteStream(out);
  let records = 0;
  let bytes = 0;
  let buffered = '';
  const flush = async () => {
    if (!target.write(buffered)) await once(target, 'drain');
    buffered = '';
  };
  for (const event of simulateDay(plan)) {
    const line = toJsonLine(event);
    buffered += line;
    records += 1;
    bytes += Buffer.byteLength(line);
    // Writing in 64 KiB pieces keeps a full day at a few hundred writes.
    if (buffered.length > 65536) await flush();
  }
  await flush();
  if (target !== process.stdout) {
    target.end();
    await once(target, 'finish');
  }
  say(`Wrote ${records} records (${(bytes / 1024 / 1024).toFixed(1)} MiB) to ${out === '-' ? 'standard output' : out}`);
  return 0;
}

async function streamDay(plan: ReturnType<typeof resolveDayPlan>, flags: SimulateFlags, say: (line: string) => void): Promise<number> {
  const { sendRecords } = await import('../simulator/sender.js');
  const { createSendingClient, putBatchTo } = await import('../aws/firehose-put.js');
  const opened = await openFromFlags(flags, { interactive: false });
  const stop = new AbortController();
  const onSignal = () => stop.abort(new Error('Interrupted'));
  process.once('SIGINT', onSignal);
  try {
    const records = encodeDay(plan);
    let lastLine = 0;
    const stats = await sendRecords({
      records,
      put: putBatchTo(createSendingClient(opened.session.clients), flags.stream!),
      signal: stop.signal,
      onProgress: (s) => {
        if (Date.now() - lastLine < 3000) return;
        lastLine = Date.now();
        say(`… ${s.acknowledgedRecords} records, ${(s.acknowledgedBytes / 1024 / 1024).toFixed(1)} MiB, ${s.retriedRecords} resent, ${s.throttles} throttled`);
      },
    });
    say(`Sent ${stats.acknowledgedRecords} records (${(stats.acknowledgedBytes / 1024 / 1024).toFixed(1)} MiB) to ${flags.stream} in ${(stats.elapsedMs / 1000).toFixed(1)} s; ${stats.retriedRecords} resent, ${stats.throttles} throttled`);
    return 0;
  } finally {
    process.off('SIGINT', onSignal);
    await opened.close();
  }
}
