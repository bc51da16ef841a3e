/**
 * Decimal text of whole numbers from lookup tables.
 *
 * V8 keeps recent number-to-text conversions in a cache that lives in the
 * old generation; every new string it holds survives young-generation
 * collections. With a fresh number per record (sequence, visitor id,
 * coordinates) that cache alone kept about 300 KB alive at every collection
 * and made the young generation grow to its maximum, adding 16 MiB to a full
 * day's peak memory. Joining strings from these tables avoids the cache.
 */
const PLAIN: readonly string[] = Array.from({ length: 1000 }, (_, n) => String(n));
const THREE_DIGITS: readonly string[] = Array.from({ length: 1000 }, (_, n) => String(n).padStart(3, '0'));

/** The decimal text of a whole number 0 <= n; the same as String(n). */
export function decimal(n: number): string {
  if (n < 1000) return PLAIN[n] ?? String(n);
  if (n < 1_000_000) return PLAIN[Math.floor(n / 1000)]! + THREE_DIGITS[n % 1000]!;
  if (n < 1_000_000_000) {
    const millions = PLAIN[Math.floor(n / 1_000_000)]!;
    return millions + THREE_DIGITS[Math.floor(n / 1000) % 1000]! + THREE_DIGITS[n % 1000]!;
  }
  return String(n);
}

/**
 * The text of a number with at most six decimals, the same as String(value)
 * for any value equal to k / 1e6 for a whole k: the shortest text of such a
 * double is that decimal with trailing zeros dropped.
 */
export function sixDecimals(value: number): string {
  const micros = Math.round(value * 1e6);
  const sign = micros < 0 ? '-' : '';
  const magnitude = micros < 0 ? -micros : micros;
  const whole = Math.floor(magnitude / 1e6);
  const fraction = magnitude - whole * 1e6;
  if (fraction === 0) return sign + decimal(whole);
  const digits = THREE_DIGITS[Math.floor(fraction / 1000)]! + THREE_DIGITS[fraction % 1000]!;
  let end = 6;
  while (digits.charCodeAt(end - 1) === 48) end--;
  return sign + decimal(whole) + '.' + digits.slice(0, end);
}
