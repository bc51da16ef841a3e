/**
 * The entry the runner spawns: `node dist/sandbox/main.js --home DIR [--port N]`.
 * It stops (saving state) on SIGINT or SIGTERM, when the parent's IPC channel
 * disconnects, or when stdin is a pipe and the parent closes it, so a sandbox
 * never outlives the runner that started it.
 */
import { fstatSync } from 'node:fs';
import { runSandboxForeground } from './foreground.js';

const stop = new AbortController();
const abort = () => stop.abort();
process.once('SIGINT', abort);
process.once('SIGTERM', abort);
process.once('disconnect', abort);
if (stdinIsPipe()) {
  process.stdin.once('end', abort);
  process.stdin.once('close', abort);
  process.stdin.resume();
}

runSandboxForeground({ argv: process.argv.slice(2), env: process.env, stdout: process.stdout, stderr: process.stderr, stop: stop.signal })
  .then((code) => {
    process.stdin.pause();
    process.exitCode = code;
    // Let stdout drain, then leave even if a stray handle (a client's socket) is open.
    setTimeout(() => process.exit(code), 100).unref();
  })
  .catch((error: unknown) => {
    process.stderr.write(`sandbox: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });

/** A terminal or /dev/null on stdin says nothing about the parent; only a pipe or socket does. */
function stdinIsPipe(): boolean {
  try {
    const stat = fstatSync(0);
    return stat.isFIFO() || stat.isSocket();
  } catch {
    return false;
  }
}
