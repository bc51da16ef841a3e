/**
 * Visual 3, "Arrival time by visitor age": arrivals per minute through the
 * day, one line per age, drawn with asciichart. A terminal has fewer
 * columns than the day has minutes, so each column is the average of a few
 * minutes. Without colour nine lines cannot be told apart, so the chart then
 * shows all ages together and the legend gives each age's share.
 */
import * as asciichart from 'asciichart';
import type { Insights } from '../types.js';
import { formatCount, heading, wrap, type Paint } from './paint.js';
import { clockLabel } from '../park-clock.js';

const CHART_HEIGHT = 12;
const LABEL_WIDTH = 5;
/** asciichart's axis takes the label, a space and the axis character. */
const AXIS_WIDTH = LABEL_WIDTH + 2;
const SERIES_COLOURS = [
  asciichart.blue,
  asciichart.red,
  asciichart.green,
  asciichart.yellow,
  asciichart.magenta,
  asciichart.cyan,
  asciichart.lightred,
  asciichart.lightgreen,
  asciichart.lightblue,
  asciichart.lightmagenta,
];

export function renderArrivalsChart(insights: Insights, paint: Paint): string[] {
  const lines = heading(
    paint,
    '3',
    'Arrival time by visitor age',
    'Entry events, arrivals per minute by age',
  );
  const perMinute = insights.arrivals.perMinute;
  const total = perMinute.reduce((a, b) => a + b, 0);
  if (total === 0) return [...lines, paint.chalk.dim('   No Entry events yet.')];

  const plotColumns = paint.width - 3 - AXIS_WIDTH;
  const minutesPerColumn = columnSpan(perMinute.length, plotColumns);
  const ages = Object.keys(insights.arrivals.perMinuteByAge);
  const series = paint.noColor
    ? [averaged(perMinute, minutesPerColumn)]
    : ages.map((age) => averaged(insights.arrivals.perMinuteByAge[age]!, minutesPerColumn));
  const chart = asciichart.plot(series, {
    height: CHART_HEIGHT,
    min: 0,
    offset: 2,
    format: (value) => value.toFixed(0).padStart(LABEL_WIDTH),
    ...(paint.noColor ? {} : { colors: ages.map((_, i) => SERIES_COLOURS[i % SERIES_COLOURS.length]) }),
  });
  for (const line of chart.split('\n')) lines.push(`   ${line}`);
  lines.push(`   ${' '.repeat(AXIS_WIDTH)}${hourAxis(perMinute.length, minutesPerColumn)}`);

  const span = `${minutesPerColumn} minute${minutesPerColumn > 1 ? 's' : ''}`;
  lines.push(
    ...wrap(
      `${formatCount(total)} arrivals; each column is the average per minute over ${span}.`,
      paint.width,
    ),
  );
  const legend = ages.map((age, i) => {
    const count = insights.arrivals.perMinuteByAge[age]!.reduce((a, b) => a + b, 0);
    const text = `${age}: ${((count / total) * 100).toFixed(0)}%`;
    return paint.noColor ? text : `${SERIES_COLOURS[i % SERIES_COLOURS.length]}━${asciichart.reset} ${text}`;
  });
  lines.push(
    ...wrap(
      `${paint.noColor ? 'All ages together; share by age:' : 'By age:'} ${legend.join('  ')}`,
      paint.width,
    ),
  );
  return lines;
}

/** The fewest minutes per column that fit `columns`, dividing the day evenly. */
export function columnSpan(minutes: number, columns: number): number {
  for (let span = 1; span <= minutes; span++)
    if (minutes % span === 0 && minutes / span <= columns) return span;
  return minutes;
}

function averaged(perMinute: readonly number[], span: number): number[] {
  const out: number[] = [];
  for (let start = 0; start < perMinute.length; start += span) {
    let sum = 0;
    for (let m = start; m < start + span; m++) sum += perMinute[m] ?? 0;
    out.push(sum / span);
  }
  return out;
}

/** "07:00" under the column of each hour, as often as the labels fit. */
function hourAxis(minutes: number, span: number): string {
  const columns = minutes / span;
  const columnsPerHour = 60 / span;
  const everyHours = Math.max(1, Math.ceil(6 / columnsPerHour));
  let axis = '';
  for (let hour = 0; hour * 60 < minutes; hour += everyHours) {
    const at = Math.round((hour * 60) / span);
    if (at + 5 > columns + 1) break;
    axis = axis.padEnd(at) + clockLabel(hour * 60);
  }
  return axis;
}
