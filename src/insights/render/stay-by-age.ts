/** Visual 1, "Average length of park visit by age": one horizontal bar per age. */
import type { Insights } from '../types.js';
import { bar, formatCount, heading, type Paint } from './paint.js';

export function renderStayByAge(insights: Insights, paint: Paint): string[] {
  const lines = heading(
    paint,
    '1',
    'Average length of park visit by age',
    'Exit events, average minutesInPark',
  );
  const rows = insights.stayByAge;
  if (rows.length === 0) return [...lines, paint.chalk.dim('   No Exit events yet.')];

  const max = Math.max(...rows.map((r) => r.averageMinutes));
  const labels = rows.map((r) => `age ${r.age}`);
  const values = rows.map((r) => `${r.averageMinutes.toFixed(1)} min`);
  const notes = rows.map((r) => `${formatCount(r.exits)} exits`);
  const labelWidth = Math.max(...labels.map((l) => l.length));
  const valueWidth = Math.max(...values.map((v) => v.length));
  const noteWidth = Math.max(...notes.map((n) => n.length));
  const cells = Math.max(8, paint.width - 3 - labelWidth - 1 - 1 - valueWidth - 2 - noteWidth);

  rows.forEach((row, i) => {
    const drawn = bar(row.averageMinutes, max, cells);
    lines.push(
      `   ${labels[i]!.padStart(labelWidth)} ${paint.chalk.blue(drawn)}${' '.repeat(cells - drawn.length)} ` +
        `${values[i]!.padStart(valueWidth)}  ${paint.chalk.dim(notes[i]!.padStart(noteWidth))}`,
    );
  });
  return lines;
}
