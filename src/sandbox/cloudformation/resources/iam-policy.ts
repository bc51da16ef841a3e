/**
 * AWS::IAM::Policy: an inline policy put on each of the roles it names.
 * Ref is a generated id. Users and Groups are not modelled by the sandbox's IAM.
 */
import { iamApi } from '../../iam/api.js';
import type { TemplateObject } from '../template/index.js';
import { generatedName } from './names.js';
import { policyText } from './policy-text.js';
import { asProvisionError as call } from './sandbox-errors.js';
import { ProvisionError, type ProvisionContext, type ResourceProvisioner } from './types.js';

export const policyProvisioner: ResourceProvisioner = {
  seconds: { create: 2, update: 1, delete: 1 },
  attributes: [],

  async create(properties, context) {
    put(properties, {}, context);
    // CloudFormation's ids for inline policies are short: `<stack>-<Logic>-<random>`.
    const physicalId = generatedName(context.stackName.slice(0, 5), context.logicalId.slice(0, 5), {
      maxLength: 30,
    });
    return { physicalId, attributes: {} };
  },

  async update(physicalId, properties, previous, context) {
    put(properties, previous, context);
    return { physicalId, attributes: {} };
  },

  async delete(_physicalId, properties, context) {
    put({}, properties, context);
  },
};

/** Removes the `previous` policy from roles that should no longer have it, then puts the new one. */
function put(properties: TemplateObject, previous: TemplateObject, context: ProvisionContext): void {
  for (const key of ['Users', 'Groups']) {
    if (Array.isArray(properties[key]) && (properties[key] as unknown[]).length > 0) {
      throw new ProvisionError(
        `AWS::IAM::Policy ${key} are not supported by the themepark sandbox; attach the policy to Roles`,
      );
    }
  }
  const iam = iamApi(context.sandbox);
  const name = properties.PolicyName as string | undefined;
  const roles = roleNames(properties);
  const oldName = previous.PolicyName as string | undefined;
  for (const role of roleNames(previous)) {
    if (oldName === undefined || (oldName === name && roles.includes(role))) continue;
    if (
      iam.getRole(context.account, role) &&
      iam.getRolePolicy(context.account, role, oldName) !== undefined
    ) {
      call(() => iam.deleteRolePolicy(context.account, role, oldName));
    }
  }
  if (name === undefined) return;
  const document = policyText(properties.PolicyDocument);
  for (const role of roles) call(() => iam.putRolePolicy(context.account, role, name, document));
}

/** Roles may be given by name or by ARN. */
function roleNames(properties: TemplateObject): string[] {
  const roles = Array.isArray(properties.Roles) ? properties.Roles : [];
  return roles
    .filter((role): role is string => typeof role === 'string')
    .map((role) => role.replace(/^arn:[^:]+:iam::\d{12}:role\/(.*\/)?/, ''));
}
