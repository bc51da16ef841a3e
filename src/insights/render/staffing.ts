/** Challenge 2, "Staffing the turnstiles": the hour-by-hour need, the lunch hour, and why arrivals fall. */
import type { Insights } from '../types.js';
import { bar, formatCount, heading, wrap, type Paint } from './paint.js';

export function renderStaffing(insights: Insights, paint: Paint): string[] {
  const s = insights.staffing;
  const lines = heading(
    paint,
    'B',
    'Staffing the turnstiles',
    `${s.turnstiles} turnstiles, ${s.wristbandsPerTurnstilePerMinute} wristbands per turnstile a minute, ` +
      `1 person per ${s.turnstilesPerStaffMember} turnstiles`,
  );
  const header = ['hour', 'arrivals', 'avg/min', 'peak/min', 'turnstiles', 'staff'];
  const rows = s.byHour.map((h) => [
    h.hour,
    formatCount(h.arrivals),
    h.averageArrivalsPerMinute.toFixed(1),
    formatCount(h.peakArrivalsPerMinute),
    formatCount(h.turnstiles),
    formatCount(h.staff),
  ]);
  const widths = header.map((title, c) => Math.max(title.length, ...rows.map((r) => r[c]!.length)));
  const tableWidth = widths.reduce((a, b) => a + b, 0) + 2 * (widths.length - 1);
  const lunchMark = ' ← lunch';
  // The staff bar goes where there is room for it; the table alone fits the narrowest width.
  const cells = paint.width - 3 - tableWidth - 2 - lunchMark.length;
  const maxStaff = Math.max(1, ...s.byHour.map((h) => h.staff));
  const align = (text: string, c: number) => (c === 0 ? text.padEnd(widths[c]!) : text.padStart(widths[c]!));

  lines.push(`   ${paint.chalk.dim(header.map(align).join('  '))}`);
  s.byHour.forEach((hour, i) => {
    const staffBar = cells >= 3 ? `  ${paint.chalk.magenta(bar(hour.staff, maxStaff, cells))}` : '';
    const lunch = hour.hour === s.lunch.hour ? paint.chalk.green(lunchMark) : '';
    lines.push(`   ${rows[i]!.map(align).join('  ')}${staffBar}${lunch}`);
  });
  lines.push(
    ...wrap('Turnstiles and staff are for the busiest minute of each hour.', paint.width).map((l) =>
      paint.chalk.dim(l),
    ),
  );

  const enough = s.enoughTurnstiles
    ? `the park's ${s.turnstiles} turnstiles are enough`
    : paint.chalk.red(`more than the park's ${s.turnstiles} turnstiles`);
  lines.push(
    ...wrap(
      `Busiest minute: ${s.peak.minute}, ${formatCount(s.peak.arrivals)} arrivals, needing ` +
        `${formatCount(s.peak.turnstiles)} turnstiles and ${formatCount(s.peak.staff)} staff (${enough}).`,
      paint.width,
    ),
  );
  const lunchEnd = `${String(Number(s.lunch.hour.slice(0, 2)) + 1).padStart(2, '0')}:00`;
  lines.push(
    ...wrap(
      `Best lunch hour: ${paint.chalk.bold(`${s.lunch.hour}-${lunchEnd}`)}: ${s.lunch.rule}.`,
      paint.width,
    ),
  );
  lines.push(...wrap(`Why arrivals fall: ${s.capacity.explanation}`, paint.width));
  return lines;
}
