/**
 * The workshop's last step: the five visuals and the three advanced
 * challenges, computed from the records in the bucket and drawn in the
 * terminal. On AWS they are what the learner's QuickSight analysis should
 * show; on the sandbox, where there is no console, they stand in for it.
 */
import { CODES } from '../engine/codes.js';
import type { ActionDefinition, Json, Outputs } from '../engine/types.js';
import { InsightsAccumulator } from '../insights/compute.js';
import { readBucket, type ReadProgress } from '../insights/read-bucket.js';
import { renderInsights } from '../insights/render/index.js';
import type { Insights } from '../insights/types.js';

/** Fits an 80-column terminal after the event log's time and symbol (13 columns). */
const LINE_WIDTH = 66;
const LIVE_EVERY_MS = 100;

export const showInsights: ActionDefinition = {
  title: 'See the five visuals and answer the challenges',
  commands: (session) => [
    `themepark-workshop insights          # the same charts, any time`,
    `themepark-workshop insights --json   # every figure, for an answer key`,
    `aws s3 sync s3://${session.names.bucket}/ ./theme-park-data   # the records themselves, for any other tool`,
  ],
  async run(ctx) {
    const { session, emit, outputs, signal } = ctx;
    const timeZone = typeof outputs.dayTimeZone === 'string' ? outputs.dayTimeZone : undefined;
    const accumulator = new InsightsAccumulator({ timeZone });

    let lastLive = 0;
    const onProgress = (progress: ReadProgress) => {
      const now = Date.now();
      if (now - lastLive < LIVE_EVERY_MS && progress.objectsRead < progress.objects) return;
      lastLive = now;
      emit.live(CODES.INSIGHTS_PROGRESS, readingLive(progress));
    };
    const read = await readBucket(session.clients, session.names.bucket, accumulator, { signal, onProgress });
    const insights = accumulator.result();
    if (insights.totals.records === 0) {
      throw new Error(
        `There are no records in s3://${session.names.bucket}/ yet; run the "Play a park day" step first.`,
      );
    }

    for (const line of renderInsights(insights, { noColor: true, width: LINE_WIDTH })) {
      emit(CODES.INSIGHTS_LINE, 'info', line);
    }
    if (insights.source.days.length > 1) {
      emit(
        CODES.INSIGHTS_SEVERAL_DAYS,
        'warn',
        `The bucket holds ${insights.source.days.length} park days (${insights.source.days.join(', ')}); the figures combine them, as QuickSight's data set does.`,
      );
    }
    const headline = headlineOutputs(insights);
    emit(
      CODES.INSIGHTS_DONE,
      'success',
      `Analysed ${insights.totals.records} records from ${read.objects} objects: ${insights.totals.visitors} visitors, ` +
        `${insights.totals.rides} rides, ${insights.birthdays.visitors} birthdays. Every figure: themepark-workshop insights --json`,
      headline,
    );
    return headline;
  },
};

/** The figures later steps and `status` show; the full set is `insights --json`. */
export function headlineOutputs(insights: Insights): Outputs {
  return {
    insightsRecords: insights.totals.records,
    visitors: insights.totals.visitors,
    totalRides: insights.totals.rides,
    birthdayVisitors: insights.birthdays.visitors,
    birthdayCost: insights.birthdays.cost,
    leastPopularRides: insights.ridePerformance.leastPopular.map((r) => r.rideId),
    busiestMinute: insights.staffing.peak.minute,
    peakStaff: insights.staffing.peak.staff,
    bestLunchHour: insights.staffing.lunch.hour,
    parkFullAt: insights.staffing.capacity.fullAt,
  } satisfies Record<string, Json>;
}

function readingLive(progress: ReadProgress) {
  const mib = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
  const state: Record<string, Json> = { ...progress };
  return {
    view: 'insights',
    state,
    summary: `reading ${progress.objectsRead}/${progress.objects} objects · ${mib(progress.bytesRead)} of ${mib(progress.bytes)} MiB`,
  };
}
