import type { CheckDefinition } from '../engine/types.js';
import { getCallerIdentity } from '../aws/identity.js';

/**
 * Regions where both Amazon Data Firehose and Amazon QuickSight are offered.
 * TODO: refresh from the AWS regional services list when QuickSight opens a
 * new region; a learner elsewhere is told to pick one of these.
 */
export const WORKSHOP_REGIONS = [
  'us-east-1', 'us-east-2', 'us-west-2', 'ca-central-1', 'sa-east-1',
  'eu-west-1', 'eu-west-2', 'eu-west-3', 'eu-central-1', 'eu-north-1', 'eu-south-1',
  'ap-south-1', 'ap-northeast-1', 'ap-northeast-2', 'ap-southeast-1', 'ap-southeast-2',
  'af-south-1',
];

export const identityKnown: CheckDefinition = {
  title: 'Credentials work',
  async run({ session }) {
    const identity = await getCallerIdentity(session.clients);
    if (identity.account !== session.account) {
      return { ok: false, detail: `credentials now belong to account ${identity.account}, not ${session.account}; run again with the right profile` };
    }
    return { ok: true, detail: `signed in as ${identity.arn}` };
  },
};

export const regionSupported: CheckDefinition = {
  title: 'Region offers Firehose and QuickSight',
  async run({ session }) {
    if (WORKSHOP_REGIONS.includes(session.region)) return { ok: true, detail: session.region };
    return {
      ok: false,
      detail: `QuickSight is not offered in ${session.region}; run again with --region us-east-1 (or another of ${WORKSHOP_REGIONS.length} regions listed in the README)`,
    };
  },
};
