/**
 * Every event of a run, one JSON line each, in <home>/logs/. Events carry
 * names, ARNs and counts, never credentials, so the log is safe to share
 * with an instructor.
 */
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { WorkshopController } from './controller.js';

export function attachLogFile(controller: WorkshopController, home: string): () => void {
  const dir = join(home, 'logs');
  mkdirSync(dir, { recursive: true });
  const day = new Date().toISOString().slice(0, 10);
  const stream = createWriteStream(join(dir, `${day}.log`), { flags: 'a', mode: 0o600 });
  const unsubscribe = controller.subscribe((event) => {
    // Live frames are many and say nothing new once the next arrives.
    if (event.live) return;
    stream.write(JSON.stringify({ t: new Date(event.time).toISOString(), ...event, time: undefined }) + '\n');
  });
  return () => {
    unsubscribe();
    stream.end();
  };
}
