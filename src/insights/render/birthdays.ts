/** Challenge 1, "Free on your birthday": who had a birthday on their day at the park, and what it costs. */
import type { Insights } from '../types.js';
import { formatCount, formatDollars, heading, wrap, type Paint } from './paint.js';

export function renderBirthdays(insights: Insights, paint: Paint): string[] {
  const lines = heading(
    paint,
    'A',
    'Free on your birthday',
    'Entry events whose birthday is the day of the visit',
  );
  const { visitors, ticketPrice, cost, byDay } = insights.birthdays;
  const days = insights.source.days;
  const when = days.length === 1 ? days[0]! : `${days.length} days`;
  const text =
    `${paint.chalk.bold(formatCount(visitors))} of ${formatCount(insights.totals.visitors)} visitors had their birthday ` +
    `on the day they came (${when}). Letting them in free costs ${formatCount(visitors)} × ${formatDollars(ticketPrice)} = ` +
    `${paint.chalk.bold(formatDollars(cost))}.`;
  lines.push(...wrap(text, paint.width));
  if (byDay.length > 1) {
    for (const day of byDay) lines.push(`     ${day.date}  ${formatCount(day.visitors)}`);
  }
  return lines;
}
