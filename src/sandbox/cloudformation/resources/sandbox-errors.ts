/** Another service's errors become the resource's failure reason, worded as that service words them. */
import { SandboxError } from '../../protocol.js';
import { ProvisionError } from './types.js';

export function asProvisionError<T>(
  run: () => T,
  reword: (error: SandboxError) => string = (error) => error.message,
): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof SandboxError) throw new ProvisionError(reword(error));
    throw error;
  }
}

/** Runs `run`, treating the given error codes (e.g. "it is already gone") as success. */
export function ignoring(codes: readonly string[], run: () => void): void {
  try {
    run();
  } catch (error) {
    if (error instanceof SandboxError && codes.includes(error.code)) return;
    if (error instanceof SandboxError) throw new ProvisionError(error.message);
    throw error;
  }
}
