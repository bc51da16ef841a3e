/** Challenge 3, "Which rides are not performing": the least ridden, and ratings by age group and by hour. */
import type { Insights } from '../types.js';
import { bar, formatCount, formatDecimal, heading, paintRating, wrap, type Paint } from './paint.js';

const MOST_BAR_CELLS = 20;

export function renderRidePerformance(insights: Insights, paint: Paint): string[] {
  const p = insights.ridePerformance;
  const lines = heading(paint, 'C', 'Which rides are not performing', 'Ride events');

  const least = p.leastPopular.map(
    (r) =>
      `${paint.chalk.bold(r.rideId)} (${formatCount(r.riders)} riders, rated ${formatDecimal(r.averageRating)})`,
  );
  lines.push(...wrap(`Least popular: ${least.join(', ') || 'no rides yet'}`, paint.width));

  lines.push('', `   ${paint.chalk.underline('Average rating by age group')}`);
  const groups = p.ratingByAgeGroup.filter((g) => g.ratings > 0);
  const labels = groups.map((g) => `${g.group} (ages ${g.ages.join(', ')})`);
  const labelWidth = Math.max(5, ...labels.map((l) => l.length));
  const countWidth = Math.max(0, ...groups.map((g) => formatCount(g.ratings).length));
  // Room for "  3.53  114,574 ratings" after the bar.
  const cells = Math.max(
    5,
    Math.min(MOST_BAR_CELLS, paint.width - 3 - labelWidth - 1 - 6 - 2 - countWidth - 8),
  );
  const ratingBar = (rating: number | null) =>
    paintRating(paint, rating, bar(rating ?? 0, 5, cells).padEnd(cells));
  groups.forEach((g, i) => {
    lines.push(
      `   ${labels[i]!.padEnd(labelWidth)} ${ratingBar(g.averageRating)} ` +
        `${formatDecimal(g.averageRating)}  ${paint.chalk.dim(`${formatCount(g.ratings)} ratings`)}`,
    );
  });

  lines.push('', `   ${paint.chalk.underline('Average rating by ride and age group')}`);
  const shown = groups.map((g) => g.group);
  const idWidth = Math.max(4, ...p.ratingByRideAndAgeGroup.map((r) => r.rideId.length));
  const columnWidth = Math.max(5, ...shown.map((g) => g.length));
  lines.push(
    `   ${paint.chalk.dim(['ride'.padEnd(idWidth), ...shown.map((g) => g.padStart(columnWidth))].join('  '))}`,
  );
  for (const ride of p.ratingByRideAndAgeGroup) {
    const cells = shown.map((g) => {
      const rating = ride.byGroup[g] ?? null;
      return paintRating(paint, rating, formatDecimal(rating).padStart(columnWidth));
    });
    lines.push(`   ${ride.rideId.padEnd(idWidth)}  ${cells.join('  ')}`);
  }

  lines.push('', `   ${paint.chalk.underline('Average rating by hour')}`);
  for (const hour of p.ratingByHour) {
    if (hour.ratings === 0) continue;
    lines.push(
      `   ${hour.hour.padEnd(labelWidth)} ${ratingBar(hour.averageRating)} ` +
        `${formatDecimal(hour.averageRating)}  ${paint.chalk.dim(`${formatCount(hour.ratings)} ratings`)}`,
    );
  }
  const { firstHour, lastHour, change } = p.trend;
  if (change !== null) {
    const direction = change < -0.05 ? 'falls' : change > 0.05 ? 'rises' : 'holds steady';
    const text =
      `Through the day the average rating ${direction}: ${formatDecimal(firstHour)} in the first hour, ` +
      `${formatDecimal(lastHour)} in the last (${change >= 0 ? '+' : ''}${change.toFixed(2)}).`;
    lines.push(...wrap(text, paint.width));
  }
  return lines;
}
