/**
 * Which acknowledgements a template needs before CloudFormation will create
 * it: IAM resources need CAPABILITY_IAM, IAM resources with names chosen in
 * the template need CAPABILITY_NAMED_IAM (names can collide across stacks).
 */
import { CloudFormationError } from './errors.js';
import type { Template } from './types.js';

export type Capability = 'CAPABILITY_IAM' | 'CAPABILITY_NAMED_IAM' | 'CAPABILITY_AUTO_EXPAND';

/** IAM types, each with the property that gives it a custom name (if any). */
const IAM_NAME_PROPERTY: Record<string, string | undefined> = {
  'AWS::IAM::AccessKey': undefined,
  'AWS::IAM::Group': 'GroupName',
  'AWS::IAM::InstanceProfile': 'InstanceProfileName',
  'AWS::IAM::ManagedPolicy': 'ManagedPolicyName',
  'AWS::IAM::Policy': undefined,
  'AWS::IAM::Role': 'RoleName',
  'AWS::IAM::User': 'UserName',
  'AWS::IAM::UserToGroupAddition': undefined,
};

export interface CapabilityNeed {
  /** Empty when the template needs no acknowledgement. */
  capabilities: Capability[];
  /** ValidateTemplate's CapabilitiesReason. */
  reason?: string;
}

export function requiredCapabilities(template: Template): CapabilityNeed {
  const iamTypes = new Set<string>();
  let named = false;
  for (const resource of Object.values(template.resources)) {
    if (!(resource.Type in IAM_NAME_PROPERTY)) continue;
    iamTypes.add(resource.Type);
    const nameProperty = IAM_NAME_PROPERTY[resource.Type];
    if (nameProperty !== undefined && resource.Properties[nameProperty] !== undefined) named = true;
  }
  if (iamTypes.size === 0) return { capabilities: [] };
  return {
    capabilities: [named ? 'CAPABILITY_NAMED_IAM' : 'CAPABILITY_IAM'],
    reason: `The following resource(s) require capabilities: [${[...iamTypes].join(', ')}]`,
  };
}

/** Throws InsufficientCapabilitiesException unless `granted` covers `need`. */
export function checkCapabilities(need: CapabilityNeed, granted: readonly string[]): void {
  const [required] = need.capabilities;
  if (required === undefined) return;
  const ok =
    granted.includes('CAPABILITY_NAMED_IAM') ||
    (required === 'CAPABILITY_IAM' && granted.includes('CAPABILITY_IAM'));
  if (!ok)
    throw new CloudFormationError(
      'InsufficientCapabilitiesException',
      `Requires capabilities : [${required}]`,
    );
}
