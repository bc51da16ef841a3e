/**
 * The sandbox's persistent state: one JSON document per account plus one
 * global document, under `<home>/state/`. Services own named slices of a
 * document; after changing one they call markDirty(), and the document is
 * written a moment later (debounced, temp file + rename so a crash never leaves
 * half a file). close() writes whatever is still pending.
 *
 * File format (`account-<id>.json`, `global.json`):
 *   { "format": 1, "slices": { "<slice name>": <the slice's JSON> } }
 *
 * Slices hold plain JSON: store times as ISO strings or epoch numbers, never
 * Date objects, and keep large payloads (object bodies) in files of their own.
 */
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const FORMAT = 1;

/** One document's slices, as a service sees them. */
export interface StateSlices {
  /**
   * The slice named `name`, created with `init()` the first time. The object is
   * live: mutate it, then call markDirty().
   */
  slice<T extends object>(name: string, init: () => T): T;
  /** Schedules a write of this document. Cheap; call it after every change. */
  markDirty(): void;
}

interface StateDocument {
  file: string;
  slices: Record<string, object>;
  dirty: boolean;
  /** The write in progress, so two writes of one file never overlap. */
  writing: Promise<void>;
}

export class SandboxStore {
  private readonly documents = new Map<string, StateDocument>();
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  private constructor(
    private readonly dir: string,
    private readonly debounceMs: number,
  ) {}

  /** Opens (creating if needed) `<dir>` and loads every document in it. */
  static async open(dir: string, debounceMs = 250): Promise<SandboxStore> {
    const store = new SandboxStore(dir, debounceMs);
    await mkdir(dir, { recursive: true });
    for (const name of await readdir(dir)) {
      const match = /^(account-\d{12}|global)\.json$/.exec(name);
      if (match) store.load(match[1]!, await readFile(join(dir, name), 'utf8'));
    }
    return store;
  }

  /** The slices of one account (12 digits). */
  account(accountId: string): StateSlices {
    return this.slicesOf(`account-${accountId}`);
  }

  /** Slices shared by all accounts, e.g. S3's global bucket namespace. */
  get global(): StateSlices {
    return this.slicesOf('global');
  }

  /** Accounts that have any state, in no particular order. */
  accounts(): string[] {
    return [...this.documents.keys()].filter((key) => key.startsWith('account-')).map((key) => key.slice(8));
  }

  /** Writes every changed document now. */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await Promise.all([...this.documents.values()].map((doc) => this.write(doc)));
  }

  /** Flushes, after which changes are no longer written. */
  async close(): Promise<void> {
    await this.flush();
    this.closed = true;
  }

  private load(key: string, text: string): void {
    const file = join(this.dir, `${key}.json`);
    let parsed: { format?: number; slices?: Record<string, object> };
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new Error(`sandbox state file ${file} is not valid JSON; move it away to start that account afresh`);
    }
    if (parsed.format !== FORMAT || typeof parsed.slices !== 'object' || parsed.slices === null) {
      throw new Error(`sandbox state file ${file} has an unknown format; move it away to start that account afresh`);
    }
    this.documents.set(key, { file, slices: parsed.slices, dirty: false, writing: Promise.resolve() });
  }

  private slicesOf(key: string): StateSlices {
    return {
      slice: <T extends object>(name: string, init: () => T): T => {
        const doc = this.document(key);
        let value = doc.slices[name] as T | undefined;
        if (value === undefined) {
          value = init();
          doc.slices[name] = value;
          this.markDirty(doc);
        }
        return value;
      },
      markDirty: () => this.markDirty(this.document(key)),
    };
  }

  private document(key: string): StateDocument {
    let doc = this.documents.get(key);
    if (!doc) {
      doc = { file: join(this.dir, `${key}.json`), slices: {}, dirty: false, writing: Promise.resolve() };
      this.documents.set(key, doc);
    }
    return doc;
  }

  private markDirty(doc: StateDocument): void {
    doc.dirty = true;
    if (this.closed || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flush().catch((error: unknown) => {
        // A failed background write is retried at the next change or at close.
        process.emitWarning(`sandbox: could not save state: ${String(error)}`);
      });
    }, this.debounceMs);
    this.timer.unref();
  }

  private write(doc: StateDocument): Promise<void> {
    if (!doc.dirty || this.closed) return doc.writing;
    doc.dirty = false;
    const text = JSON.stringify({ format: FORMAT, slices: doc.slices });
    const next = doc.writing.then(async () => {
      const temp = `${doc.file}.${process.pid}.tmp`;
      try {
        await writeFile(temp, text);
        await rename(temp, doc.file);
      } catch (error) {
        doc.dirty = true;
        throw error;
      }
    });
    doc.writing = next.catch(() => undefined);
    return next;
  }
}

/**
 * Makes a record keyed by user input safe to index: without a prototype,
 * `record['__proto__'] = x` stores a key instead of replacing the prototype.
 * Call it on every such record read from a slice (cheap after the first time).
 */
export function ownRecord<T>(record: Record<string, T>): Record<string, T> {
  if (Object.getPrototypeOf(record) !== null) Object.setPrototypeOf(record, null);
  return record;
}
