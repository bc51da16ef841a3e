/**
 * A full simulated day through the model and the serializers, with nothing
 * sent: prints how fast, how big and how much memory, and the day's shape
 * next to the original's measured day (MODULE.md section 2).
 *
 *   npx tsx bench/generate.ts [--scale 1] [--seed 1] [--date 2024-05-01] [--repeat 1]
 *
 * Targets from the issue: at most 1.8 CPU s (5x better than the original's
 * 9 s) and under 100 MiB peak memory for the full day.
 *
 * Each measurement runs in a fresh plain `node` on the simulator's sources
 * transpiled to node_modules/.cache/themepark-bench, so that neither this
 * script nor the TypeScript loader (about 35 MiB of its own) is counted.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

import ts from 'typescript';

import { DayTally, PARK_CAPACITY, resolveDayPlan, simulateDay } from '../src/simulator/index.js';

const { values: args } = parseArgs({
  options: {
    scale: { type: 'string', default: '1' },
    seed: { type: 'string', default: '1' },
    date: { type: 'string', default: '2024-05-01' },
    repeat: { type: 'string', default: '1' },
  },
});
const plan = resolveDayPlan({ scale: Number(args.scale), seed: Number(args.seed), date: args.date });
const repeats = Math.max(1, Number(args.repeat));

type Mode = 'model' | 'buffer' | 'string';

interface Figures {
  importMs: number;
  records: number;
  bytes: number;
  cpuSeconds: number;
  wallSeconds: number;
  sampledPeakRss: number;
  maxRss: number;
}

/**
 * Runs in the child: imports the simulator, then one full day in `mode`.
 * `buffer` fills a 4 MiB batch buffer 500 records at a time, as a sender
 * would; `string` builds each line as text and then a Buffer of it.
 */
const CHILD = `
const input = JSON.parse(process.env.BENCH_INPUT);
const importStart = performance.now();
const sim = await import(input.moduleUrl);
const importMs = performance.now() - importStart;
const batch = new Uint8Array(4 * 1024 * 1024);
let records = 0, bytes = 0, offset = 0, inBatch = 0, sampledPeakRss = process.memoryUsage.rss();
const cpuStart = process.cpuUsage();
const wallStart = performance.now();
for (const event of sim.simulateDay(input.plan)) {
  records++;
  if (input.mode === 'buffer') {
    offset = sim.writeJsonLine(event, batch, offset);
    if (++inBatch === 500) { bytes += offset; offset = 0; inBatch = 0; }
  } else if (input.mode === 'string') {
    bytes += Buffer.from(sim.toJsonLine(event), 'latin1').length;
  }
  if ((records & 0x3fff) === 0) sampledPeakRss = Math.max(sampledPeakRss, process.memoryUsage.rss());
}
bytes += offset;
const cpu = process.cpuUsage(cpuStart);
process.stdout.write(JSON.stringify({
  importMs, records, bytes,
  cpuSeconds: (cpu.user + cpu.system) / 1e6,
  wallSeconds: (performance.now() - wallStart) / 1000,
  sampledPeakRss: Math.max(sampledPeakRss, process.memoryUsage.rss()),
  maxRss: process.resourceUsage().maxRSS * 1024,
}));
`;

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * Transpiles src/simulator to .mjs files (ESM wherever they sit) inside the
 * project, so `@faker-js/faker` resolves from its node_modules; returns the
 * index's URL.
 */
function transpileSimulator(): string {
  const sources = `${root}src/simulator/`;
  const out = `${root}node_modules/.cache/themepark-bench/simulator/`;
  mkdirSync(out, { recursive: true });
  for (const file of readdirSync(sources).filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))) {
    const { outputText } = ts.transpileModule(readFileSync(sources + file, 'utf8'), {
      fileName: file,
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    });
    writeFileSync(out + file.replace(/\.ts$/, '.mjs'), outputText.replace(/(from '\.\/[\w-]+)\.js'/g, "$1.mjs'"));
  }
  return pathToFileURL(`${out}index.mjs`).href;
}

const moduleUrl = transpileSimulator();

function measure(mode: Mode): Figures {
  const output = execFileSync(process.execPath, ['--input-type=module', '-e', CHILD], {
    cwd: root,
    env: { ...process.env, BENCH_INPUT: JSON.stringify({ moduleUrl, plan, mode }) },
    encoding: 'utf8',
  });
  return JSON.parse(output) as Figures;
}

function best(mode: Mode): Figures {
  let found: Figures | undefined;
  for (let i = 0; i < repeats; i++) {
    const figures = measure(mode);
    if (!found || figures.cpuSeconds < found.cpuSeconds) found = figures;
  }
  return found!;
}

const MiB = 1024 * 1024;
const n = (x: number, digits = 0): string => x.toLocaleString('en-US', { maximumFractionDigits: digits });
const row = (label: string, value: string): void => console.log(`${label.padEnd(36)} ${value}`);

console.log(
  `Simulated day: scale ${plan.scale}, seed ${plan.seed}, ${plan.date} (${plan.timeZone}), Node ${process.version}`,
);
console.log('Measured in fresh node processes, one per line below.');
if (repeats > 1) console.log(`Best of ${repeats} runs by CPU time.`);
console.log('');

for (const [mode, label] of [
  ['model', 'model only'],
  ['buffer', 'model + writeJsonLine into batches'],
  ['string', 'model + toJsonLine + Buffer.from'],
] as const) {
  const f = best(mode);
  row(label, `${n(f.cpuSeconds, 2)} CPU s, ${n(f.wallSeconds, 2)} s wall, ${n(f.records / f.wallSeconds)} events/s`);
  const rss = `peak RSS ${n(f.sampledPeakRss / MiB, 1)} MiB sampled, ${n(f.maxRss / MiB, 1)} MiB maxRSS`;
  row('', `${rss}; import ${n(f.importMs)} ms`);
  if (mode !== 'model') {
    row('', `${n(f.bytes / 1e6, 1)} MB of JSON lines, ${n(f.bytes / f.records, 1)} bytes a record`);
  }
}

// The day's shape, from an untimed pass here.
const tally = new DayTally();
const capacity = Math.max(1, Math.round(PARK_CAPACITY * plan.scale));
let inside = 0;
let insideBeforeExits = 0;
let minute = -1;
let fullAt = -1;
for (const event of simulateDay(plan)) {
  if (event.minute !== minute) {
    minute = event.minute;
    insideBeforeExits = inside;
  }
  tally.add(event);
  if (event.event === 'Entry') {
    inside++;
    insideBeforeExits++;
  }
  if (event.event === 'Exit') inside--;
  // Arrivals stop when the visitors inside at the start of the minute plus its arrivals fill the park.
  if (fullAt < 0 && insideBeforeExits >= capacity) fullAt = minute;
}
const day = tally.summary();
const s = plan.scale;
const rides = Object.entries(day.byRide);
const byRating = [...rides].sort((a, b) => a[1].averageRating - b[1].averageRating);
const byCount = [...rides].sort((a, b) => a[1].rides - b[1].rides);
const shares = day.ratings.map((count) => `${n((100 * count) / day.rides)}%`).join(' / ');
const firstHour = day.arrivalsPerMinute.slice(0, 60).reduce((a, b) => a + b, 0) / 60;

const compare = (label: string, ours: string, theirs: string): void =>
  console.log(`${label.padEnd(30)} ${ours.padEnd(28)} ${theirs}`);
console.log('');
compare('shape', 'this run', `original's measured day${s === 1 ? '' : ` x ${s}`}`);
compare('visitors', n(day.visitors), `~${n(65_000 * s)}`);
compare('records', n(day.records), `~${n(427_000 * s)} (it lost ~30,000 Exits)`);
compare(
  'Entry / Ride / Exit',
  `${n(day.entries)} / ${n(day.rides)} / ${n(day.exits)}`,
  `${n(65_000 * s)} / ${n(327_000 * s)} / ${n(35_000 * s)}`,
);
compare('rides per visitor', n(day.rides / day.visitors, 2), '~5.0');
compare('ratings 1..5', shares, '9% / 14% / 20% / 31% / 26%');
compare('arrivals a minute, first hour', n(firstHour, 1), `~${n(125 * s, 1)}`);
compare('park full at minute', fullAt < 0 ? 'never' : String(fullAt), '~240-260');
compare('lowest average rating', `${byRating[0]![0]} ${n(byRating[0]![1].averageRating, 2)}`, 'ride-003 ~2.4');
compare('highest average rating', `${byRating.at(-1)![0]} ${n(byRating.at(-1)![1].averageRating, 2)}`, 'ride-009 ~4.0');
compare('fewest rides', `${byCount[0]![0]} ${n(byCount[0]![1].rides)}`, `ride-008 ~${n(7_500 * s)}`);
compare('most rides', `${byCount.at(-1)![0]} ${n(byCount.at(-1)![1].rides)}`, `ride-005 ~${n(32_600 * s)}`);
const tapTimes = `${day.firstTimestamp?.slice(11, 19)} / ${day.lastTimestamp?.slice(11, 19)}`;
compare('first / last tap (UTC)', tapTimes, '07:00 / 19:00 local');
