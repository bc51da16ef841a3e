/**
 * Visual 2, "Where are the visitors from": home locations on a map of the
 * contiguous United States. The outline is drawn in braille dots (2 x 4 per
 * character, which are near square in a terminal); visitors are shaded on
 * top, one shade per character by how many live there, so the six clusters
 * of the park's model stand out with or without colour.
 *
 * The projection is equirectangular with longitude shrunk by the cosine of
 * the middle latitude: at this size it is indistinguishable from a proper
 * conic projection and keeps each point's place a one-line computation.
 */
import type { Insights } from '../types.js';
import { formatCount, heading, wrap, type Paint } from './paint.js';
import { US_OUTLINE, US_STATE_BORDERS } from './us-outline.js';

/** The contiguous states, with room above the border for homes in Canada near the lakes. */
export const MAP_BOUNDS = { west: -125, east: -66.5, south: 24, north: 50.5 };
const MIDDLE_LATITUDE = (MAP_BOUNDS.south + MAP_BOUNDS.north) / 2;
const X_SHRINK = Math.cos((MIDDLE_LATITUDE * Math.PI) / 180);
const MAX_COLUMNS = 100;
const SHADES = ['░', '▒', '▓', '█'];
/** Braille dot bits by [x][y] within a character. */
const DOT_BITS = [
  [0x01, 0x02, 0x04, 0x40],
  [0x08, 0x10, 0x20, 0x80],
];

export interface MapGrid {
  columns: number;
  rows: number;
  /** Character cell of a point, or -1 outside the map. */
  cellOf(latitude: number, longitude: number): number;
}

/** The character grid a map of `columns` characters uses. */
export function mapGrid(columns: number): MapGrid {
  const dotsPerDegree = (columns * 2) / ((MAP_BOUNDS.east - MAP_BOUNDS.west) * X_SHRINK);
  const rows = Math.ceil(((MAP_BOUNDS.north - MAP_BOUNDS.south) * dotsPerDegree) / 4);
  return {
    columns,
    rows,
    cellOf(latitude, longitude) {
      const dot = dotOf(latitude, longitude, dotsPerDegree, columns, rows);
      return dot < 0
        ? -1
        : Math.floor((dot % (columns * 2)) / 2) + Math.floor(Math.floor(dot / (columns * 2)) / 4) * columns;
    },
  };
}

/** Index of the dot (x + y * dots across) of a point, or -1 outside the map. */
function dotOf(
  latitude: number,
  longitude: number,
  dotsPerDegree: number,
  columns: number,
  rows: number,
): number {
  const x = Math.floor((longitude - MAP_BOUNDS.west) * X_SHRINK * dotsPerDegree);
  const y = Math.floor((MAP_BOUNDS.north - latitude) * dotsPerDegree);
  if (x < 0 || y < 0 || x >= columns * 2 || y >= rows * 4) return -1;
  return x + y * columns * 2;
}

export function renderHomeMap(insights: Insights, paint: Paint): string[] {
  const lines = heading(
    paint,
    '2',
    'Where are the visitors from',
    'Entry events, home latitude and longitude',
  );
  const columns = Math.min(MAX_COLUMNS, paint.width - 3);
  const grid = mapGrid(columns);
  const dotsPerDegree = (columns * 2) / ((MAP_BOUNDS.east - MAP_BOUNDS.west) * X_SHRINK);

  const coast = new Uint8Array(columns * grid.rows);
  const borders = new Uint8Array(columns * grid.rows);
  const plot = (target: Uint8Array) => (latitude: number, longitude: number) => {
    const dot = dotOf(latitude, longitude, dotsPerDegree, columns, grid.rows);
    if (dot < 0) return;
    const [x, y] = [dot % (columns * 2), Math.floor(dot / (columns * 2))];
    target[Math.floor(x / 2) + Math.floor(y / 4) * columns]! |= DOT_BITS[x % 2]![y % 4]!;
  };
  drawLines(US_STATE_BORDERS, dotsPerDegree, plot(borders));
  drawLines(US_OUTLINE, dotsPerDegree, plot(coast));

  const density = homeDensity(insights, grid);
  const shadeOf = shader(density.perCell);
  const colours = [paint.chalk.blue, paint.chalk.cyan, paint.chalk.yellow, paint.chalk.red];

  for (let row = 0; row < grid.rows; row++) {
    let text = '';
    for (let column = 0; column < columns; column++) {
      const cell = row * columns + column;
      const shade = shadeOf(density.perCell[cell]!);
      // The outline wins over the faintest shade, so the coast stays readable under a thin spread of homes.
      if (shade > 0 || (shade === 0 && !coast[cell])) text += colours[shade]!(SHADES[shade]!);
      else if (coast[cell]) text += String.fromCharCode(0x2800 | coast[cell]! | borders[cell]!);
      else if (borders[cell]) text += paint.chalk.dim(String.fromCharCode(0x2800 | borders[cell]!));
      else text += ' ';
    }
    lines.push(`   ${text}`.trimEnd());
  }

  const legend = SHADES.map((s, i) => colours[i]!(s)).join('');
  const text =
    `${legend} fewest to most visitors per square of the map; ${formatCount(density.plotted)} homes shown` +
    (density.outside > 0 ? `, ${formatCount(density.outside)} outside the map.` : '.');
  lines.push(...wrap(text, paint.width));
  return lines;
}

interface Density {
  /** Visitors per home cell of the data, averaged over the cells whose centre falls in each character. */
  perCell: Float64Array;
  plotted: number;
  outside: number;
}

/**
 * Home cells are finer than characters and do not line up with them, so a
 * character holds one to six cell centres. Dividing by how many it holds
 * keeps a character's shade from depending on that accident.
 */
function homeDensity(insights: Insights, grid: MapGrid): Density {
  const step = insights.homes.cellDegrees;
  const centres = new Float64Array(grid.columns * grid.rows);
  for (let south = Math.floor(MAP_BOUNDS.south / step) * step; south < MAP_BOUNDS.north; south += step) {
    for (let west = Math.floor(MAP_BOUNDS.west / step) * step; west < MAP_BOUNDS.east; west += step) {
      const cell = grid.cellOf(south + step / 2, west + step / 2);
      if (cell >= 0) centres[cell]!++;
    }
  }
  const perCell = new Float64Array(grid.columns * grid.rows);
  let plotted = 0;
  let outside = 0;
  for (const [south, west, visitors] of insights.homes.cells) {
    const cell = grid.cellOf(south + step / 2, west + step / 2);
    if (cell < 0 || centres[cell] === 0) {
      outside += visitors;
      continue;
    }
    perCell[cell]! += visitors / centres[cell]!;
    plotted += visitors;
  }
  return { perCell, plotted, outside };
}

/** Shade index 0-3 on a logarithmic scale up to the densest character, or -1 for none. */
function shader(perCell: Float64Array): (value: number) => number {
  let max = 0;
  for (const v of perCell) if (v > max) max = v;
  const top = Math.log1p(max);
  return (value) => (value > 0 ? Math.max(0, Math.ceil((Math.log1p(value) / top) * SHADES.length) - 1) : -1);
}

/** Walks each polyline in steps of under half a dot, so no gap opens between points. */
function drawLines(
  polylines: readonly (readonly number[])[],
  dotsPerDegree: number,
  plot: (lat: number, lon: number) => void,
): void {
  for (const line of polylines) {
    for (let i = 0; i + 3 < line.length; i += 2) {
      const [lon1, lat1, lon2, lat2] = [line[i]!, line[i + 1]!, line[i + 2]!, line[i + 3]!];
      const length = Math.hypot((lon2 - lon1) * X_SHRINK, lat2 - lat1) * dotsPerDegree;
      const steps = Math.max(1, Math.ceil(length * 2));
      for (let s = 0; s <= steps; s++)
        plot(lat1 + ((lat2 - lat1) * s) / steps, lon1 + ((lon2 - lon1) * s) / steps);
    }
  }
}
