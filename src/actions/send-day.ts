/**
 * Section 2: play a park day through the delivery stream. The model makes
 * the records; the sender delivers them; this action ties the two to the
 * learner's stream, the live view and the checkpoint that makes it resumable.
 */
import type { ActionContext, ActionDefinition, Json } from '../engine/types.js';
import { listDataObjects } from '../aws/landing.js';
import { isNotFound } from '../aws/errors.js';
import { CODES } from '../engine/codes.js';
import { createSendingClient, putBatchTo } from '../aws/firehose-put.js';
import { describeStream } from '../aws/firehose.js';
import { encodeDay, resolveDayPlan, runTag, OPENING_HOUR, OPENING_MINUTES, MODEL_VERSION } from '../simulator/index.js';
import type { DayPlan } from '../simulator/index.js';
import { sendRecords, type SendStats } from '../simulator/sender.js';
import type { RateLimits } from '../simulator/rate-limiter.js';

/** What a run keeps between attempts, in the progress file. */
interface SendCheckpoint {
  plan: DayPlan;
  runTag: string;
  modelVersion: number;
  /** Every record below this position was acknowledged. */
  watermark: number;
  /** The whole day was acknowledged. */
  finished: boolean;
  sentBytes: number;
  startedAt: string;
}

/**
 * Direct PUT quotas per stream, by region (AWS.md, from the Firehose limits
 * page). The sender starts at these and learns lower ones from throttling.
 */
export function regionalQuota(region: string): RateLimits {
  const large = ['us-east-1', 'us-west-2', 'eu-west-1'].includes(region);
  return large
    ? { recordsPerSecond: 500_000, requestsPerSecond: 2_000, bytesPerSecond: 5 * 1024 * 1024 }
    : { recordsPerSecond: 100_000, requestsPerSecond: 1_000, bytesPerSecond: 1024 * 1024 };
}

const LIVE_EVERY_MS = 100;

export const sendDay: ActionDefinition = {
  title: 'Play a park day through the stream',
  commands: (session) => [
    `themepark-workshop simulate --out day.jsonl   # the day's records, one JSON object a line`,
    `aws firehose put-record-batch --delivery-stream-name ${session.names.stream} --records file://batch.json   # up to 500 records, Data base64-encoded`,
  ],
  async run(ctx) {
    const { session, emit, options, signal } = ctx;
    const streamName = session.names.stream;

    const stream = await describeStream(session.clients, streamName);
    if (!stream || stream.status !== 'ACTIVE') {
      throw new Error(`The delivery stream ${streamName} is ${stream ? stream.status : 'missing'}; run the "Deploy the delivery stream" step first.`);
    }

    // Resume the saved day when the scale and seed are unchanged; its date is
    // kept too, so a run resumed after midnight still continues the same day.
    const saved = ctx.checkpoint.get() as unknown as SendCheckpoint | undefined;
    const resumable =
      saved &&
      saved.plan.scale === options.scale &&
      saved.plan.seed === options.seed &&
      saved.modelVersion === MODEL_VERSION &&
      // The tag also covers the name lists; if they changed, the records would too.
      saved.runTag === runTag(saved.plan);
    const plan = resumable ? saved.plan : resolveDayPlan({ scale: options.scale, seed: options.seed });
    const tag = runTag(plan);
    let checkpoint: SendCheckpoint = resumable
      ? saved
      : { plan, runTag: tag, modelVersion: MODEL_VERSION, watermark: 0, finished: false, sentBytes: 0, startedAt: new Date().toISOString() };

    if (checkpoint.finished && (await bucketBytes(session)) < checkpoint.sentBytes) {
      // Objects were removed, or the stack was re-created, since the day was sent.
      emit(CODES.SEND_RESUME, 'warn', `The bucket holds less than the ${mib(checkpoint.sentBytes)} MiB sent before; sending ${plan.date} again from the start.`);
      checkpoint = { ...checkpoint, watermark: 0, finished: false, sentBytes: 0, startedAt: new Date().toISOString() };
    }
    if (checkpoint.finished) {
      emit(CODES.SEND_ALREADY, 'info', `All ${checkpoint.watermark} records of ${plan.date} (seed ${plan.seed}, scale ${plan.scale}) were already sent; nothing to resend. Use another --seed to send a new day.`);
      return sendOutputs(checkpoint);
    }
    if (checkpoint.watermark > 0) {
      emit(CODES.SEND_RESUME, 'info', `Resuming ${plan.date} at record ${checkpoint.watermark}: every record before it was acknowledged.`);
    } else {
      emit(CODES.SEND_START, 'info', `Simulating ${plan.date} in ${plan.timeZone} (seed ${plan.seed}, ${+(plan.scale * 100).toPrecision(2)}% of the crowd) into ${streamName}`);
    }
    ctx.checkpoint.set(checkpoint as unknown as Json);

    // Tallies of what has been handed to the sender, for the live view.
    const tally = { entries: 0, rides: 0, exits: 0, minute: 0 };
    const quota = session.mode === 'aws' ? regionalQuota(session.region) : undefined;
    const records = encodeDay({ ...plan, skip: checkpoint.watermark }, (event) => {
      if (event.event === 'Entry') tally.entries += 1;
      else if (event.event === 'Ride') tally.rides += 1;
      else tally.exits += 1;
      tally.minute = event.minute;
    });

    const baseBytes = checkpoint.sentBytes;
    let lastLive = 0;
    let lastSave = 0;
    const onProgress = (stats: SendStats) => {
      const now = Date.now();
      if (now - lastSave > 500) {
        lastSave = now;
        checkpoint = { ...checkpoint, watermark: stats.watermark, sentBytes: baseBytes + stats.acknowledgedBytes };
        ctx.checkpoint.set(checkpoint as unknown as Json);
      }
      if (now - lastLive >= LIVE_EVERY_MS) {
        lastLive = now;
        emit.live(CODES.SEND_PROGRESS, sendLive(stats, tally, quota));
      }
    };

    let stats: SendStats;
    try {
      stats = await sendRecords({ records, put: putBatchTo(createSendingClient(session.clients), streamName), limits: quota, startAt: checkpoint.watermark, signal, onProgress });
    } finally {
      // Whatever happened, keep the furthest acknowledged position.
      ctx.checkpoint.set(checkpoint as unknown as Json);
    }
    checkpoint = { ...checkpoint, watermark: stats.watermark, finished: true, sentBytes: baseBytes + stats.acknowledgedBytes };
    ctx.checkpoint.set(checkpoint as unknown as Json);
    emit.live(CODES.SEND_PROGRESS, sendLive(stats, tally, quota));
    emit(
      CODES.SEND_DONE,
      'success',
      `Sent ${stats.watermark} records (${mib(checkpoint.sentBytes)} MiB) in ${(stats.elapsedMs / 1000).toFixed(1)} s: ` +
        `${tally.entries} entries, ${tally.rides} rides, ${tally.exits} exits; ${stats.retriedRecords} resent, ${stats.throttles} throttled`,
    );
    return sendOutputs(checkpoint, { entries: tally.entries, rides: tally.rides, exits: tally.exits, retried: stats.retriedRecords, throttles: stats.throttles });
  },
};

function sendOutputs(checkpoint: SendCheckpoint, extra: Record<string, number> = {}) {
  return {
    runTag: checkpoint.runTag,
    dayDate: checkpoint.plan.date,
    dayTimeZone: checkpoint.plan.timeZone,
    seed: checkpoint.plan.seed,
    scale: checkpoint.plan.scale,
    sentRecords: checkpoint.watermark,
    sentBytes: checkpoint.sentBytes,
    sendFinishedAt: new Date().toISOString(),
    ...extra,
  };
}

async function bucketBytes(session: ActionContext['session']): Promise<number> {
  try {
    return (await listDataObjects(session.clients, session.names.bucket)).reduce((n, o) => n + o.size, 0);
  } catch (error) {
    // A missing bucket holds nothing; any other failure must not trigger a resend.
    if (isNotFound(error)) return 0;
    throw error;
  }
}

function mib(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(1);
}

function sendLive(stats: SendStats, tally: { entries: number; rides: number; exits: number; minute: number }, quota?: RateLimits) {
  const seconds = Math.max(stats.elapsedMs / 1000, 0.001);
  const minute = Math.min(tally.minute, OPENING_MINUTES);
  const hours = OPENING_HOUR + Math.floor(minute / 60);
  const clock = `${String(hours).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
  const share = minute / OPENING_MINUTES;
  const etaSeconds = share > 0.02 ? Math.round((seconds / share) * (1 - share)) : null;
  const state: Record<string, Json> = {
    clockMinute: minute,
    clock,
    inPark: tally.entries - tally.exits,
    entries: tally.entries,
    rides: tally.rides,
    exits: tally.exits,
    records: stats.acknowledgedRecords,
    bytes: stats.acknowledgedBytes,
    recordsPerSecond: Math.round(stats.acknowledgedRecords / seconds),
    bytesPerSecond: Math.round(stats.acknowledgedBytes / seconds),
    quotaRecordsPerSecond: stats.limits.recordsPerSecond ?? quota?.recordsPerSecond ?? null,
    quotaBytesPerSecond: stats.limits.bytesPerSecond ?? quota?.bytesPerSecond ?? null,
    retries: stats.retriedRecords,
    throttles: stats.throttles,
    elapsedSeconds: Math.round(seconds),
    etaSeconds,
  };
  return {
    view: 'send',
    state,
    summary: `${clock} · ${stats.acknowledgedRecords} records · ${mib(stats.acknowledgedBytes)} MiB · ${state.recordsPerSecond} rec/s · ${stats.retriedRecords} resent · ${stats.throttles} throttled`,
  };
}
