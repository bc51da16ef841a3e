/**
 * Readers for a live view's state. The state is JSON from an action; a view must still draw
 * something sensible if a field is missing or has the wrong type, so every read has a fallback.
 */
import type { Json } from '../engine/types.js';

export type LiveState = Record<string, Json>;

export function readNumber(state: LiveState, key: string, fallback = 0): number {
  const value = state[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

export function readOptionalNumber(state: LiveState, key: string): number | undefined {
  const value = state[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

export function readString(state: LiveState, key: string, fallback = ''): string {
  const value = state[key];
  return typeof value === 'string' ? value : fallback;
}

export function readBoolean(state: LiveState, key: string, fallback = false): boolean {
  const value = state[key];
  return typeof value === 'boolean' ? value : fallback;
}

/** The objects of an array field; anything else in it is skipped. */
export function readObjects(state: LiveState, key: string): LiveState[] {
  const value = state[key];
  if (!Array.isArray(value)) return [];
  return value.filter(
    (item): item is LiveState => typeof item === 'object' && item !== null && !Array.isArray(item),
  );
}

/** A value of unknown shape on one line: for the generic view. */
export function describeValue(value: Json): string {
  if (value === null) return '—';
  if (typeof value === 'number')
    return Number.isInteger(value) ? value.toLocaleString('en-US') : String(value);
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return `${value.length} item${value.length === 1 ? '' : 's'}`;
  return JSON.stringify(value);
}
