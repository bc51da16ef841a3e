/** Every action a step may name in steps/workshop.yaml. */
import type { ActionDefinition } from '../engine/types.js';
import { deployFirehose } from './deploy-firehose.js';
import { showInsights } from './insights.js';
import { buildQuickSightAnalysis } from './quicksight-analysis.js';
import { prepareQuickSightDataSet } from './quicksight-data-set.js';
import { connectQuickSightToBucket } from './quicksight-data-source.js';
import { checkQuickSightAccount } from './quicksight-preflight.js';
import { sendDay } from './send-day.js';
import { showIdentity } from './show-identity.js';
import { watchLanding } from './watch-landing.js';

export const actions: Record<string, ActionDefinition> = {
  showIdentity,
  deployFirehose,
  sendDay,
  watchLanding,
  checkQuickSightAccount,
  connectQuickSightToBucket,
  prepareQuickSightDataSet,
  buildQuickSightAnalysis,
  showInsights,
};
