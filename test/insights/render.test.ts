/** The terminal renderings of one fixed day: what each shows, in colour and without, at any width. */
import stripAnsi from 'strip-ansi';
import { InsightsAccumulator } from '../../src/insights/compute.js';
import { mapGrid, MAP_BOUNDS } from '../../src/insights/render/home-map.js';
import {
  paintFor,
  renderArrivalsChart,
  renderHomeMap,
  renderInsights,
  renderRidePopularity,
  renderStaffing,
  renderStayByAge,
  renderTotalRides,
} from '../../src/insights/render/index.js';
import { HOME_CENTRES } from '../../src/simulator/model.js';
import { simulateDay, toJsonLine } from '../../src/simulator/index.js';
import { FIXED_DAY } from './expected-figures.js';

const accumulator = new InsightsAccumulator();
for (const event of simulateDay(FIXED_DAY)) accumulator.addLine(Buffer.from(toJsonLine(event)));
const insights = accumulator.result();
const plain = paintFor({ noColor: true, width: 80 });
const SHADES = /[░▒▓█]/;

describe('the whole rendering', () => {
  it('has no escape codes without colour, and colours with it', () => {
    expect(renderInsights(insights, { noColor: true }).join('\n')).not.toMatch(/\x1b\[/);
    expect(renderInsights(insights, { noColor: false }).join('\n')).toMatch(/\x1b\[/);
  });

  it.each([64, 80, 100, 120])('keeps every line within %i columns', (width) => {
    for (const noColor of [true, false]) {
      const lines = renderInsights(insights, { noColor, width });
      const tooWide = lines.map((l) => stripAnsi(l)).filter((l) => [...l].length > width);
      expect(tooWide).toEqual([]);
    }
  });

  it('shows the five visuals and the three challenges, in the module’s order', () => {
    const text = renderInsights(insights, { noColor: true }).join('\n');
    const titles = [
      'Average length of park visit by age',
      'Where are the visitors from',
      'Arrival time by visitor age',
      'Ride rating by popularity',
      'How many total rides today',
      'Free on your birthday',
      'Staffing the turnstiles',
      'Which rides are not performing',
    ];
    const at = titles.map((t) => text.indexOf(t));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect(at).toEqual([...at].sort((a, b) => a - b));
  });
});

describe('the map', () => {
  const lines = renderHomeMap(insights, plain);
  const grid = mapGrid(plain.width - 3);
  const rows = lines.slice(2, 2 + grid.rows);
  const charAt = (latitude: number, longitude: number) => {
    const cell = grid.cellOf(latitude, longitude);
    return rows[Math.floor(cell / grid.columns)]!.padEnd(3 + grid.columns)[3 + (cell % grid.columns)];
  };

  it('shades the place of each of the six home centres', () => {
    for (const centre of HOME_CENTRES) expect(charAt(centre.latitude, centre.longitude)).toMatch(SHADES);
  });

  it('leaves places far from every centre unshaded, and draws the outline in braille', () => {
    expect(charAt(39, -117)).not.toMatch(SHADES); // Nevada
    expect(charAt(27.5, -81.5)).not.toMatch(SHADES); // central Florida
    expect(rows.join('')).toMatch(/[\u2801-\u28ff]/);
  });

  it('says how many homes it shows', () => {
    expect(lines.join(' ')).toContain(`${insights.homes.visitors.toLocaleString('en-US')} homes shown`);
  });

  it('puts a point where its latitude and longitude say', () => {
    const small = mapGrid(60);
    expect(small.cellOf(MAP_BOUNDS.north - 0.01, MAP_BOUNDS.west + 0.01)).toBe(0);
    expect(small.cellOf(MAP_BOUNDS.south + 0.01, MAP_BOUNDS.east - 0.01)).toBe(
      small.columns * small.rows - 1,
    );
    expect(small.cellOf(60, -100)).toBe(-1);
  });
});

describe('each visual', () => {
  it('1: a bar per age, longest for the age that stays longest', () => {
    const lines = renderStayByAge(insights, plain).slice(2);
    expect(lines).toHaveLength(insights.stayByAge.length);
    const longest = insights.stayByAge.reduce((a, b) => (b.averageMinutes > a.averageMinutes ? b : a));
    const barLength = (line: string) => (line.match(/[█▏▎▍▌▋▊▉]+/)?.[0] ?? '').length;
    const row = lines.find((l) => l.includes(`age ${longest.age} `))!;
    expect(Math.max(...lines.map(barLength))).toBe(barLength(row));
    expect(row).toContain(`${longest.averageMinutes.toFixed(1)} min`);
  });

  it('3: a line chart with the hours under it, by age in colour', () => {
    const plainLines = renderArrivalsChart(insights, plain);
    expect(plainLines.join('\n')).toMatch(/07:00 +09:00/);
    expect(plainLines.join('\n')).toMatch(/[╭╮╰╯─]/);
    const coloured = renderArrivalsChart(insights, paintFor({ width: 80 })).join('\n');
    for (const age of Object.keys(insights.arrivals.perMinuteByAge))
      expect(stripAnsi(coloured)).toContain(`━ ${age}:`);
  });

  it('4: every ride ranked by riders, with its rating as a number and in stars', () => {
    const lines = renderRidePopularity(insights, plain);
    insights.rides.forEach((ride, i) => {
      const line = lines.find((l) => l.includes(` ${ride.rideId} `))!;
      expect(line).toMatch(new RegExp(`^ +${i + 1} `));
      expect(line).toContain(ride.riders.toLocaleString('en-US'));
      expect(line).toContain(ride.averageRating!.toFixed(2));
      expect(line).toMatch(/[★☆]{5}$/);
    });
  });

  it('5: the total rides in a box', () => {
    expect(renderTotalRides(insights, plain).join('\n')).toContain(
      `│   ${insights.totals.rides.toLocaleString('en-US')}   │`,
    );
  });

  it('B: marks the lunch hour in the staffing table', () => {
    const lines = renderStaffing(insights, plain);
    expect(lines.filter((l) => l.includes('← lunch'))).toEqual([
      expect.stringMatching(new RegExp(`^   ${insights.staffing.lunch.hour} `)),
    ]);
  });
});
