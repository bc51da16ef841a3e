/**
 * Visual 4, "Ride rating by popularity". QuickSight draws a tree map: one
 * box per ride, sized by riders, coloured by average rating. A terminal
 * cannot size boxes legibly, so this ranks the rides with a bar for size and
 * the bar's colour (and stars, for terminals without colour) for rating.
 */
import type { Insights } from '../types.js';
import {
  bar,
  formatCount,
  formatDecimal,
  heading,
  paintRating,
  RATING_BANDS,
  stars,
  wrap,
  type Paint,
} from './paint.js';

export function renderRidePopularity(insights: Insights, paint: Paint): string[] {
  const lines = heading(
    paint,
    '4',
    'Ride rating by popularity',
    'Ride events, size = riders, colour = average rating',
  );
  const rides = insights.rides;
  if (rides.length === 0) return [...lines, paint.chalk.dim('   No Ride events yet.')];

  const max = rides[0]!.riders;
  const rankWidth = String(rides.length).length;
  const idWidth = Math.max(...rides.map((r) => r.rideId.length));
  const countWidth = Math.max(...rides.map((r) => formatCount(r.riders).length));
  // "  2.99 ★★★☆☆" after the bar.
  const cells = Math.max(8, paint.width - 3 - rankWidth - 2 - idWidth - 1 - 1 - countWidth - 13);

  rides.forEach((ride, i) => {
    const drawn = bar(ride.riders, max, cells);
    lines.push(
      `   ${String(i + 1).padStart(rankWidth)}  ${ride.rideId.padEnd(idWidth)} ` +
        `${paintRating(paint, ride.averageRating, drawn)}${' '.repeat(cells - drawn.length)} ` +
        `${formatCount(ride.riders).padStart(countWidth)}  ${formatDecimal(ride.averageRating)} ` +
        paintRating(paint, ride.averageRating, stars(ride.averageRating)),
    );
  });
  const legend = RATING_BANDS.map((band, i) =>
    paintRating(paint, [2.5, 3, 3.5, 4][i]!, `■ ${band.label}`),
  ).join('  ');
  lines.push(...wrap(`${paint.chalk.dim('average rating:')} ${legend}`, paint.width));
  return lines;
}
