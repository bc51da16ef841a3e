/**
 * One page of a bucket listing, as ListObjectsV2 (and v1) define it, over the
 * bucket's keys in sorted order. Pure: the caller supplies the sorted keys.
 *
 * With a delimiter, keys sharing a prefix up to the next delimiter roll up into
 * one CommonPrefix, which counts as one entry towards maxKeys. A page that
 * stops on a CommonPrefix resumes after every key under it.
 */

export interface ListInput {
  prefix?: string;
  delimiter?: string;
  /** @default 1000 (also the most S3 returns) */
  maxKeys?: number;
  /** List keys strictly after this one (StartAfter, a decoded ContinuationToken, or v1's Marker). */
  after?: string;
}

export interface ListPage {
  keys: string[];
  commonPrefixes: string[];
  isTruncated: boolean;
  /** The last key or common prefix on this page: where the next page starts after. */
  last?: string;
}

export const MAX_LIST_KEYS = 1000;

export function listPage(sortedKeys: readonly string[], input: ListInput): ListPage {
  const prefix = input.prefix ?? '';
  const delimiter = input.delimiter || undefined;
  const maxKeys = Math.min(input.maxKeys ?? MAX_LIST_KEYS, MAX_LIST_KEYS);
  const after = input.after ?? '';
  const from = after > prefix ? after : prefix;

  const keys: string[] = [];
  const commonPrefixes: string[] = [];
  let last: string | undefined;
  let index = firstIndexAtOrAfter(sortedKeys, from);
  if (index < sortedKeys.length && sortedKeys[index] === after) index++;

  for (; index < sortedKeys.length; index++) {
    const key = sortedKeys[index]!;
    if (!key.startsWith(prefix)) break;

    let rollUp: string | undefined;
    if (delimiter) {
      const at = key.indexOf(delimiter, prefix.length);
      if (at !== -1) rollUp = key.slice(0, at + delimiter.length);
    }
    // A common prefix at or before `after` was returned on an earlier page.
    if (rollUp !== undefined && (rollUp <= after || rollUp === last)) continue;

    if (keys.length + commonPrefixes.length >= maxKeys) return { keys, commonPrefixes, isTruncated: true, last };
    if (rollUp !== undefined) commonPrefixes.push(rollUp);
    else keys.push(key);
    last = rollUp ?? key;
  }
  return { keys, commonPrefixes, isTruncated: false, last };
}

/** Binary search: the index of the first key >= `value`. */
export function firstIndexAtOrAfter(sortedKeys: readonly string[], value: string): number {
  let low = 0;
  let high = sortedKeys.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (sortedKeys[mid]! < value) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * S3 orders keys by their UTF-8 bytes. JavaScript's `<` compares UTF-16 code
 * units, which agrees except for characters above U+FFFF against U+E000–U+FFFF.
 * TODO: compare code points if a workshop ever uses such keys.
 */
export function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
