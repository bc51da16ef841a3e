/**
 * Two kinds of failure, split by who must act.
 *
 * A UserError means the learner or instructor must do something: it prints
 * what happened and what to try, never a stack trace. Anything else that
 * escapes is our bug: one line naming it, and the stack only with --debug.
 */
export class UserError extends Error {
  constructor(
    message: string,
    /** What to do about it: a command to run or a flag to pass. */
    readonly tryThis?: string,
    /** 2 for bad command-line input, 1 for everything else. */
    readonly exitCode: number = 1,
  ) {
    super(message);
    this.name = 'UserError';
  }
}

/** Bad command-line input: exits 2, as usage errors do. */
export class UsageError extends UserError {
  constructor(message: string, tryThis = 'Run themepark-workshop --help to see every command and flag.') {
    super(message, tryThis, 2);
    this.name = 'UsageError';
  }
}

export interface FailureReport {
  lines: string[];
  exitCode: number;
}

/** Turn anything thrown into the one or two lines a person reads. */
export function describeFailure(error: unknown, debug: boolean): FailureReport {
  if (error instanceof UserError) {
    const lines = [`✗ ${error.message}`];
    if (error.tryThis) lines.push(`  ${error.tryThis}`);
    if (debug && error.stack) lines.push(error.stack);
    return { lines, exitCode: error.exitCode };
  }
  const message = error instanceof Error ? error.message : String(error);
  const lines = [`✗ Unexpected error: ${message}`];
  if (debug && error instanceof Error && error.stack) lines.push(error.stack);
  else lines.push('  This is a bug in themepark-workshop. Run again with --debug to see where it happened.');
  return { lines, exitCode: 1 };
}
