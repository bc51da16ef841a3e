/** The template engine: parse, check, plan and evaluate CloudFormation templates. Pure, no I/O. */
export {
  requiredCapabilities,
  checkCapabilities,
  type Capability,
  type CapabilityNeed,
} from './capabilities.js';
export { CloudFormationError, ResolveError, templateFormatError, validationError } from './errors.js';
export type { CloudFormationErrorCode } from './errors.js';
export { resolveValue, resolveCondition, NO_VALUE, type ResolveContext } from './intrinsics.js';
export { creationOrder, dependencyGraph, dependents } from './ordering.js';
export { resolveParameters, parameterView, type GivenParameter } from './parameters.js';
export { parseTemplateBody } from './parse.js';
export { readTemplate, PSEUDO_PARAMETERS } from './read.js';
export {
  loadTemplate,
  planStack,
  resolutionContext,
  resolveOutputs,
  MAX_TEMPLATE_BODY_BYTES,
  type ResolvedOutput,
  type ResourceLookup,
  type StackPlan,
  type StackPlanInput,
} from './plan.js';
export type * from './types.js';
