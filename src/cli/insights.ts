/** `themepark-workshop insights`: the visuals and challenges, from the data in the bucket. */
import { UsageError } from './errors.js';
import { openFromFlags, wantsNoColor } from './context.js';
import type { SessionOptions } from './flags.js';
import { runInsights } from '../insights/cli.js';
import { assertTimeZone } from '../simulator/clock.js';

export interface InsightsFlags extends SessionOptions {
  json?: boolean;
  timeZone?: string;
}

export async function runInsightsCommand(flags: InsightsFlags): Promise<number> {
  if (flags.timeZone) {
    try {
      assertTimeZone(flags.timeZone);
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
  }
  const opened = await openFromFlags(flags, { interactive: false });
  try {
    return await runInsights(opened.session, {
      json: Boolean(flags.json),
      noColor: wantsNoColor(),
      out: process.stdout,
      timeZone: flags.timeZone,
      width: process.stdout.columns,
    });
  } finally {
    await opened.close();
  }
}
