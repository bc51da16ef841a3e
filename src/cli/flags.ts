/** Parsing and checking of flag values, shared by every sub-command. */
import { InvalidArgumentError } from 'commander';

export function parseScale(value: string): number {
  const scale = Number(value);
  if (!Number.isFinite(scale) || scale <= 0 || scale > 1) {
    throw new InvalidArgumentError('give a share of the full crowd between 0 and 1, for example 0.05.');
  }
  return scale;
}

export function parseSeed(value: string): number {
  const seed = Number(value);
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new InvalidArgumentError('give a whole number from 0 to 4294967295.');
  }
  return seed;
}

export function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InvalidArgumentError('give a port from 0 to 65535.');
  return port;
}

export function parseConcurrency(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new InvalidArgumentError('give a whole number from 1 to 64.');
  return n;
}

export function parseAccount(value: string): string {
  if (!/^\d{12}$/.test(value)) throw new InvalidArgumentError('give a 12-digit account id.');
  return value;
}

/** Flags every command that talks to an account accepts. */
export interface SessionOptions {
  sandbox?: boolean;
  sandboxAccount?: string;
  profile?: string;
  region?: string;
  home?: string;
  debug?: boolean;
}

export interface RunFlags extends SessionOptions {
  step?: string;
  yes?: boolean;
  showCommands?: boolean;
  scale: number;
  seed: number;
}
