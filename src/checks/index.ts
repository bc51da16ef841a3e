/** Every check a step may list in steps/workshop.yaml; `verify` runs them all. */
import type { CheckDefinition } from '../engine/types.js';
import { bucketExists, stackDeployed, streamActive } from './firehose.js';
import { identityKnown, regionSupported } from './identity.js';
import { dataLanded, noRecordsMissing } from './landing.js';
import {
  quickSightAnalysisReady,
  quickSightDataSetPrepared,
  quickSightDataSourceReady,
  quickSightIngestionComplete,
  quickSightSubscribed,
} from './quicksight.js';

export const checks: Record<string, CheckDefinition> = {
  identityKnown,
  regionSupported,
  stackDeployed,
  streamActive,
  bucketExists,
  dataLanded,
  noRecordsMissing,
  quickSightSubscribed,
  quickSightDataSourceReady,
  quickSightDataSetPrepared,
  quickSightIngestionComplete,
  quickSightAnalysisReady,
};
