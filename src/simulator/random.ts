/**
 * The simulator's only source of randomness: sfc32 (Chris Doty-Humphrey's
 * "small fast chaotic" generator, 128 bits of state), seeded through
 * splitmix32 so that nearby seeds (1, 2, 3 ...) start far apart.
 *
 * Math.random() is never used: the same seed must give the same day on every
 * machine and every run, so that an interrupted send can resume by
 * regenerating and skipping what was already sent.
 */
export class SeededRandom {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /** @param seed a safe non-negative integer; bits above 32 are mixed in too. */
  constructor(seed: number) {
    if (!Number.isSafeInteger(seed) || seed < 0) {
      throw new RangeError(`The seed must be a non-negative integer, got ${seed}`);
    }
    const mixer = new SplitMix32((seed >>> 0) ^ Math.imul(Math.floor(seed / 2 ** 32), 0x85ebca6b));
    this.a = mixer.next();
    this.b = mixer.next();
    this.c = mixer.next();
    this.d = mixer.next();
    // The first outputs of a freshly seeded sfc32 are still correlated with the seed.
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** An integer in [0, n). The bias of scaling a 32-bit draw is below 1e-8 for the n used here. */
  below(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** An integer in [min, max], both ends included. */
  between(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
}

/** Expands a seed into well-spread 32-bit words; used only to seed sfc32. */
class SplitMix32 {
  constructor(private state: number) {}

  next(): number {
    this.state = (this.state + 0x9e3779b9) | 0;
    let z = this.state;
    z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
    z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
    return (z ^ (z >>> 15)) >>> 0;
  }
}

/**
 * A lookup table for drawing an index by integer weights with one draw: entry
 * k holds the index whose cumulative weight range contains k. The tables here
 * sum to a few hundred at most, so this is smaller and faster than a search.
 */
export function weightedLookup(weights: readonly number[]): Uint8Array {
  const total = weights.reduce((sum, w) => sum + w, 0);
  if (total <= 0 || weights.length > 256) throw new RangeError('weights must be positive and at most 256');
  const table = new Uint8Array(total);
  let k = 0;
  weights.forEach((weight, index) => {
    table.fill(index, k, k + weight);
    k += weight;
  });
  return table;
}

/** FNV-1a over a string's UTF-16 code units, as 8 hex digits: a short, stable fingerprint. */
export function fingerprint(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}
