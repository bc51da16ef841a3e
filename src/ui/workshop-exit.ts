/** How the run ended, for the CLI's exit code. */
export interface WorkshopExit {
  /** 'cleanup': the learner asked to remove what the workshop made; the command line does it, asking first. */
  reason: 'quit' | 'finished' | 'cleanup';
  /** Every step's checks passed. */
  allPassed: boolean;
  /** Set when the run ended on an unexpected exception (a bug). */
  error?: Error;
}
