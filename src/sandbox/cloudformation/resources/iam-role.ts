/**
 * AWS::IAM::Role through the sandbox's IAM, with its inline Policies and
 * ManagedPolicyArns. Ref is the role name; GetAtt Arn and RoleId.
 */
import { iamApi } from '../../iam/api.js';
import type { TemplateObject, TemplateValue } from '../template/index.js';
import { generatedName } from './names.js';
import { policyText } from './policy-text.js';
import { asProvisionError as call } from './sandbox-errors.js';
import { ProvisionError, type ResourceProvisioner } from './types.js';

export const roleProvisioner: ResourceProvisioner = {
  seconds: { create: 2, update: 1, delete: 1 },
  attributes: ['Arn', 'RoleId'],
  nameProperty: 'RoleName',
  // TODO: update the trust policy, description and session length in place once iamApi can
  // (UpdateAssumeRolePolicy, UpdateRole); until then a change to them makes a new role.
  replaceOn: ['RoleName', 'Path', 'AssumeRolePolicyDocument', 'Description', 'MaxSessionDuration'],

  async create(properties, context) {
    const iam = iamApi(context.sandbox);
    const roleName =
      typeof properties.RoleName === 'string'
        ? properties.RoleName
        : generatedName(context.stackName, context.logicalId, { maxLength: 64 });
    const role = call(() =>
      iam.createRole(context.account, {
        roleName,
        assumeRolePolicyDocument: policyText(properties.AssumeRolePolicyDocument),
        ...(typeof properties.Path === 'string' ? { path: properties.Path } : {}),
        ...(typeof properties.Description === 'string' ? { description: properties.Description } : {}),
        ...(properties.MaxSessionDuration !== undefined
          ? { maxSessionDuration: Number(properties.MaxSessionDuration) }
          : {}),
        tags: tagsOf(properties.Tags),
      }),
    );
    context.initiated(roleName);
    applyPolicies(context.sandbox, context.account, roleName, properties, {});
    return { physicalId: roleName, attributes: { Arn: role.Arn, RoleId: role.RoleId } };
  },

  async update(physicalId, properties, previous, context) {
    applyPolicies(context.sandbox, context.account, physicalId, properties, previous);
    const role = iamApi(context.sandbox).getRole(context.account, physicalId);
    if (!role) throw new ProvisionError(`The role with name ${physicalId} cannot be found.`);
    return { physicalId, attributes: { Arn: role.Arn, RoleId: role.RoleId } };
  },

  async delete(physicalId, properties, context) {
    const iam = iamApi(context.sandbox);
    if (!iam.getRole(context.account, physicalId)) return;
    // Only what this resource put there; anything else attached makes the delete fail, as on AWS.
    applyPolicies(context.sandbox, context.account, physicalId, {}, properties);
    call(() => iam.deleteRole(context.account, physicalId));
  },
};

/** Brings the role's inline and managed policies from `previous` to `properties`. */
function applyPolicies(
  sandbox: Parameters<typeof iamApi>[0],
  account: string,
  roleName: string,
  properties: TemplateObject,
  previous: TemplateObject,
): void {
  const iam = iamApi(sandbox);
  const inline = inlinePolicies(properties.Policies);
  for (const name of Object.keys(inlinePolicies(previous.Policies))) {
    if (!(name in inline) && iam.getRolePolicy(account, roleName, name) !== undefined) {
      call(() => iam.deleteRolePolicy(account, roleName, name));
    }
  }
  for (const [name, document] of Object.entries(inline))
    call(() => iam.putRolePolicy(account, roleName, name, document));

  const managed = stringList(properties.ManagedPolicyArns);
  for (const arn of stringList(previous.ManagedPolicyArns)) {
    if (!managed.includes(arn) && iam.listAttachedRolePolicies(account, roleName).includes(arn)) {
      call(() => iam.detachRolePolicy(account, roleName, arn));
    }
  }
  for (const arn of managed) call(() => iam.attachRolePolicy(account, roleName, arn));
}

function inlinePolicies(value: TemplateValue | undefined): Record<string, string> {
  const policies: Record<string, string> = {};
  if (!Array.isArray(value)) return policies;
  for (const item of value) {
    if (item && typeof item === 'object' && !Array.isArray(item) && typeof item.PolicyName === 'string') {
      policies[item.PolicyName] = policyText(item.PolicyDocument);
    }
  }
  return policies;
}

function stringList(value: TemplateValue | undefined): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

function tagsOf(value: TemplateValue | undefined): Array<{ Key: string; Value: string }> {
  if (!Array.isArray(value)) return [];
  return value.flatMap((tag) =>
    tag && typeof tag === 'object' && !Array.isArray(tag)
      ? [{ Key: String(tag.Key), Value: String(tag.Value) }]
      : [],
  );
}
