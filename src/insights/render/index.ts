/**
 * The whole analysis as terminal lines: the five visuals in the module's
 * order, then the three challenges, under a line saying what was read.
 */
import type { Insights } from '../types.js';
import { renderArrivalsChart } from './arrivals-chart.js';
import { renderBirthdays } from './birthdays.js';
import { renderHomeMap } from './home-map.js';
import { formatCount, paintFor, wrap, type Paint, type RenderOptions } from './paint.js';
import { renderRidePerformance } from './ride-performance.js';
import { renderRidePopularity } from './ride-popularity.js';
import { renderStaffing } from './staffing.js';
import { renderStayByAge } from './stay-by-age.js';
import { renderTotalRides } from './total-rides.js';

export type { RenderOptions } from './paint.js';
export { renderArrivalsChart, renderBirthdays, renderHomeMap, renderRidePerformance, renderRidePopularity };
export { renderStaffing, renderStayByAge, renderTotalRides, paintFor };

export const VISUALS: ReadonlyArray<(insights: Insights, paint: Paint) => string[]> = [
  renderStayByAge,
  renderHomeMap,
  renderArrivalsChart,
  renderRidePopularity,
  renderTotalRides,
];

export const CHALLENGES: ReadonlyArray<(insights: Insights, paint: Paint) => string[]> = [
  renderBirthdays,
  renderStaffing,
  renderRidePerformance,
];

export function renderInsights(insights: Insights, options: RenderOptions = {}): string[] {
  const paint = paintFor(options);
  const lines = [...renderSource(insights, paint)];
  lines.push('', paint.chalk.bold('The five visuals'));
  for (const render of VISUALS) lines.push(...render(insights, paint));
  lines.push('', paint.chalk.bold('The advanced challenges'));
  for (const render of CHALLENGES) lines.push(...render(insights, paint));
  return lines;
}

export function renderSource(insights: Insights, paint: Paint): string[] {
  const s = insights.source;
  const lines = wrap(
    `${formatCount(s.records)} records (${formatCount(s.lines)} lines: ${formatCount(s.duplicates)} duplicates, ` +
      `${formatCount(s.unreadable)} unreadable) · ${s.days.join(', ') || 'no arrivals'} · times in ${s.timeZone}`,
    paint.width,
    '',
  );
  const warn = (text: string) =>
    lines.push(...wrap(`! ${text}`, paint.width, '').map((l) => paint.chalk.yellow(l)));
  if (s.days.length > 1)
    warn(`The data holds ${s.days.length} days; per-minute figures add them up by time of day.`);
  if (s.outsideOpeningHours > 0) {
    warn(
      `${formatCount(s.outsideOpeningHours)} records fall outside 07:00-19:00 in ${s.timeZone}; is that the park's time zone?`,
    );
  }
  return lines;
}
