/**
 * Which event ids have been counted. Firehose delivers at least once and
 * the sender resends a batch whose call was cut, so a record may land
 * twice; it must count once. Simulator ids are `<run tag>-<position>`, so a
 * bit per position of each run is enough (a full day: 57 KiB), instead of a
 * set of half a million strings. Ids of any other shape go in a set.
 */
export class DistinctIds {
  private readonly runs = new Map<string, Uint8Array>();
  private readonly others = new Set<string>();
  private lastTag = '';
  private lastBits: Uint8Array | undefined;

  /** True the first time `id` is seen. */
  firstTime(id: string): boolean {
    const dash = id.lastIndexOf('-');
    const position = dash > 0 ? positionOf(id, dash + 1) : -1;
    if (position < 0) {
      if (this.others.has(id)) return false;
      this.others.add(id);
      return true;
    }

    let bits: Uint8Array;
    // Records come in runs of the same tag: compare in place before slicing a new string.
    if (this.lastBits && dash === this.lastTag.length && id.startsWith(this.lastTag)) {
      bits = this.lastBits;
    } else {
      const tag = id.slice(0, dash);
      bits = this.runs.get(tag) ?? this.remember(tag, new Uint8Array(1024));
      this.lastTag = tag;
      this.lastBits = bits;
    }
    const byte = position >>> 3;
    if (byte >= bits.length) {
      const bigger = new Uint8Array(Math.max(byte + 1, bits.length * 2));
      bigger.set(bits);
      bits = this.remember(this.lastTag, bigger);
      this.lastBits = bits;
    }

    const mask = 1 << (position & 7);
    if (bits[byte]! & mask) return false;
    bits[byte] = bits[byte]! | mask;
    return true;
  }

  private remember(tag: string, bits: Uint8Array): Uint8Array {
    this.runs.set(tag, bits);
    return bits;
  }

  /** The run tags of simulator ids seen, sorted. */
  runTags(): string[] {
    return [...this.runs.keys()].sort();
  }
}

/** The decimal number from `start` to the end of `id`, or -1 when it is not one (or too large to index). */
function positionOf(id: string, start: number): number {
  if (start >= id.length || id.length - start > 9) return -1;
  let position = 0;
  for (let i = start; i < id.length; i++) {
    const digit = id.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    position = position * 10 + digit;
  }
  return position;
}
