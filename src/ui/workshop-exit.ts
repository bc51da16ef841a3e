/** How the run ended, for the CLI's exit code. */
export interface WorkshopExit {
  reason: 'quit' | 'finished';
  /** Every step's checks passed. */
  allPassed: boolean;
  /** Set when the run ended on an unexpected exception (a bug). */
  error?: Error;
}
