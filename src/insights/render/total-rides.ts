/** Visual 5, "How many total rides today": the KPI, as a boxed number. */
import type { Insights } from '../types.js';
import { formatCount, heading, type Paint } from './paint.js';

export function renderTotalRides(insights: Insights, paint: Paint): string[] {
  const lines = heading(paint, '5', 'How many total rides today', 'Ride events, count');
  const value = formatCount(insights.totals.rides);
  const inner = value.length + 6;
  const perVisitor =
    insights.totals.visitors > 0
      ? `${(insights.totals.rides / insights.totals.visitors).toFixed(2)} rides per visitor`
      : '';
  lines.push(`   ┌${'─'.repeat(inner)}┐`);
  lines.push(`   │   ${paint.chalk.bold.green(value)}   │  rides`);
  lines.push(`   └${'─'.repeat(inner)}┘  ${paint.chalk.dim(perVisitor)}`);
  return lines;
}
