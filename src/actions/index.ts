/** Every action a step may name in steps/workshop.yaml. */
import type { ActionDefinition } from '../engine/types.js';
import { deployFirehose } from './deploy-firehose.js';
import { showIdentity } from './show-identity.js';

export const actions: Record<string, ActionDefinition> = {
  showIdentity,
  deployFirehose,
};
