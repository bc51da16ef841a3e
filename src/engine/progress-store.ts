/**
 * Progress per account and region, in <home>/progress/<account>-<region>.json:
 *
 *   {
 *     "version": 1,
 *     "account": "000000000000", "region": "us-east-1", "mode": "sandbox",
 *     "updatedAt": "2026-12-03T16:00:00.000Z",
 *     "steps": { "<step id>": { "status": "done", "at": "…", "outputs": { … }, "problems": [ … ] } },
 *     "checkpoints": { "<step id>": <any JSON an action saved to resume from> }
 *   }
 *
 * Every write goes to a temp file that is renamed over the old one, so a
 * kill at any moment leaves either the old or the new file, never half of
 * one. A file that cannot be read is moved aside, never silently dropped.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Json, StepProgress } from './types.js';

export interface ProgressFile {
  version: 1;
  account: string;
  region: string;
  mode: string;
  updatedAt: string;
  steps: Record<string, StepProgress>;
  checkpoints: Record<string, Json>;
}

export interface LoadResult {
  progress: ProgressFile;
  /** Set when an unreadable file was moved aside: where it went. */
  movedAside?: string;
}

export function progressPath(home: string, account: string, region: string): string {
  return join(home, 'progress', `${account}-${region}.json`);
}

function emptyProgress(account: string, region: string, mode: string): ProgressFile {
  return { version: 1, account, region, mode, updatedAt: new Date().toISOString(), steps: {}, checkpoints: {} };
}

function isProgressFile(value: unknown): value is ProgressFile {
  const file = value as ProgressFile;
  return (
    typeof value === 'object' &&
    value !== null &&
    file.version === 1 &&
    typeof file.steps === 'object' &&
    file.steps !== null &&
    typeof file.checkpoints === 'object' &&
    file.checkpoints !== null
  );
}

export class ProgressStore {
  readonly path: string;

  constructor(
    home: string,
    private readonly account: string,
    private readonly region: string,
    private readonly mode: string,
  ) {
    this.path = progressPath(home, account, region);
  }

  load(): LoadResult {
    if (!existsSync(this.path)) return { progress: emptyProgress(this.account, this.region, this.mode) };
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
      const parsed: unknown = JSON.parse(text);
      if (isProgressFile(parsed)) return { progress: parsed };
    } catch {
      // unreadable or not JSON: handled below like any other bad content
    }
    const aside = `${this.path}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    renameSync(this.path, aside);
    return { progress: emptyProgress(this.account, this.region, this.mode), movedAside: aside };
  }

  save(progress: ProgressFile): void {
    progress.updatedAt = new Date().toISOString();
    mkdirSync(join(this.path, '..'), { recursive: true });
    const temp = `${this.path}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify(progress, null, 2) + '\n', { mode: 0o600 });
    renameSync(temp, this.path);
  }
}
