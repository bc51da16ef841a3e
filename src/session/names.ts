import type { WorkshopNames } from './types.js';

/**
 * The names every step and check uses. They derive from the account and
 * region alone, so `verify` finds a learner's resources whether the runner
 * built them or the learner clicked them together in the console.
 */
export function workshopNames(account: string, region: string): WorkshopNames {
  return {
    stack: 'theme-park-firehose',
    // Account and region both: bucket names are global, and a learner may
    // run the module in two regions of one account.
    bucket: `theme-park-data-${account}-${region}`,
    stream: 'theme-park-streaming-data',
    dataSource: 'theme-park-data',
    dataSet: 'theme-park-data',
    analysis: 'theme-park-analysis',
    quickSightAccountName: `theme-park-admin-${account}`,
  };
}
