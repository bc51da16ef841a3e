/** Number, size and time formats shared by the live views, so figures read the same everywhere. */

const COUNT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const DECIMAL = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1, minimumFractionDigits: 1 });

/** 457123 -> "457,123". */
export function formatCount(value: number): string {
  return COUNT.format(Math.round(value));
}

const BYTE_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];

/**
 * Binary units, because Firehose's buffer hint is documented in MiB and a learner compares
 * against it. 1536 -> "1.5 KiB".
 */
export function formatBytes(bytes: number): string {
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${formatCount(value)} B` : `${DECIMAL.format(value)} ${BYTE_UNITS[unit]}`;
}

/** 0 -> "0s", 75 -> "1m 15s", 3725 -> "1h 02m". Seconds are dropped past an hour: nobody needs them. */
export function formatDuration(totalSeconds: number): string {
  const seconds = Math.max(0, Math.round(totalSeconds));
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = seconds % 60;
  if (hours > 0) return `${hours}h ${String(minutes).padStart(2, '0')}m`;
  if (minutes > 0) return `${minutes}m ${String(rest).padStart(2, '0')}s`;
  return `${rest}s`;
}

/** A per-second rate: "1,020/s" for counts, "340.2 KiB/s" for bytes. */
export function formatRate(perSecond: number, kind: 'count' | 'bytes'): string {
  return kind === 'bytes' ? `${formatBytes(perSecond)}/s` : `${formatCount(perSecond)}/s`;
}

/** "HH:MM:SS" of an event's time, in the machine's zone, for the log. */
export function formatClock(epochMs: number): string {
  const date = new Date(epochMs);
  return [date.getHours(), date.getMinutes(), date.getSeconds()]
    .map((part) => String(part).padStart(2, '0'))
    .join(':');
}

/** Cut a string to `width` columns with an ellipsis, for table cells. */
export function truncate(text: string, width: number): string {
  const chars = Array.from(text);
  if (chars.length <= width) return text;
  if (width <= 1) return chars.slice(0, width).join('');
  return chars.slice(0, width - 1).join('') + '…';
}
