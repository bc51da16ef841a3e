/**
 * IAM over the awsQuery protocol: the role and inline-policy operations a
 * learner or a check may call directly. The work is done by api.ts.
 */
import {
  operationTable,
  queryList,
  queryResult,
  requiredParam,
  SandboxError,
  type SandboxContext,
  type SandboxRequest,
  type SandboxService,
  type XmlObject,
} from '../service-kit.js';
import { iamApi, type IamRole } from './api.js';

/** IAM returns policy documents URL-encoded; the SDK hands them to callers as is. */
function encodePolicy(document: string): string {
  return encodeURIComponent(document);
}

function roleXml(role: IamRole): XmlObject {
  return {
    Path: role.Path,
    RoleName: role.RoleName,
    RoleId: role.RoleId,
    Arn: role.Arn,
    CreateDate: role.CreateDate,
    AssumeRolePolicyDocument: encodePolicy(role.AssumeRolePolicyDocument),
    Description: role.Description,
    MaxSessionDuration: role.MaxSessionDuration,
    Tags: role.Tags.length > 0 ? { member: role.Tags.map((tag) => ({ ...tag })) } : undefined,
  };
}

const result = (action: string, content?: XmlObject) => queryResult(action, content, 'iam');

/** Marker/MaxItems paging over an already sorted list; the marker is the next item's index. */
function page<T>(req: SandboxRequest, items: T[]): { items: T[]; IsTruncated: boolean; Marker?: string } {
  const maxItems = Number(req.params.MaxItems ?? 100);
  if (!Number.isInteger(maxItems) || maxItems < 1 || maxItems > 1000) {
    throw new SandboxError(400, 'ValidationError', 'MaxItems must be between 1 and 1000.');
  }
  const start = req.params.Marker ? Number(Buffer.from(req.params.Marker, 'base64url').toString()) : 0;
  if (!Number.isInteger(start) || start < 0) throw new SandboxError(400, 'ValidationError', 'Invalid Marker.');
  const end = start + maxItems;
  return end < items.length
    ? { items: items.slice(start, end), IsTruncated: true, Marker: Buffer.from(String(end)).toString('base64url') }
    : { items: items.slice(start), IsTruncated: false };
}

const handlers = {
  CreateRole(req: SandboxRequest, ctx: SandboxContext) {
    const maxSession = req.params.MaxSessionDuration;
    const role = iamApi(ctx.sandbox).createRole(ctx.account, {
      roleName: requiredParam(req, 'RoleName'),
      assumeRolePolicyDocument: requiredParam(req, 'AssumeRolePolicyDocument'),
      ...(req.params.Path ? { path: req.params.Path } : {}),
      ...(req.params.Description ? { description: req.params.Description } : {}),
      ...(maxSession ? { maxSessionDuration: Number(maxSession) } : {}),
      tags: queryList(req.params, 'Tags', ['Key', 'Value'] as const).map((tag) => ({
        Key: tag.Key ?? '',
        Value: tag.Value ?? '',
      })),
    });
    return result('CreateRole', { Role: roleXml(role) });
  },

  GetRole(req: SandboxRequest, ctx: SandboxContext) {
    const name = requiredParam(req, 'RoleName');
    const role = iamApi(ctx.sandbox).getRole(ctx.account, name);
    if (!role) throw new SandboxError(404, 'NoSuchEntity', `The role with name ${name} cannot be found.`);
    return result('GetRole', { Role: { ...roleXml(role), RoleLastUsed: {} } });
  },

  ListRoles(req: SandboxRequest, ctx: SandboxContext) {
    const roles = iamApi(ctx.sandbox).listRoles(ctx.account, req.params.PathPrefix || '/');
    const { items, IsTruncated, Marker } = page(req, roles);
    return result('ListRoles', { Roles: { member: items.map(roleXml) }, IsTruncated, Marker });
  },

  DeleteRole(req: SandboxRequest, ctx: SandboxContext) {
    iamApi(ctx.sandbox).deleteRole(ctx.account, requiredParam(req, 'RoleName'));
    return result('DeleteRole');
  },

  PutRolePolicy(req: SandboxRequest, ctx: SandboxContext) {
    iamApi(ctx.sandbox).putRolePolicy(
      ctx.account,
      requiredParam(req, 'RoleName'),
      requiredParam(req, 'PolicyName'),
      requiredParam(req, 'PolicyDocument'),
    );
    return result('PutRolePolicy');
  },

  GetRolePolicy(req: SandboxRequest, ctx: SandboxContext) {
    const roleName = requiredParam(req, 'RoleName');
    const policyName = requiredParam(req, 'PolicyName');
    const document = iamApi(ctx.sandbox).getRolePolicy(ctx.account, roleName, policyName);
    if (document === undefined) {
      throw new SandboxError(404, 'NoSuchEntity', `The role policy with name ${policyName} cannot be found.`);
    }
    return result('GetRolePolicy', { RoleName: roleName, PolicyName: policyName, PolicyDocument: encodePolicy(document) });
  },

  ListRolePolicies(req: SandboxRequest, ctx: SandboxContext) {
    const names = iamApi(ctx.sandbox).listRolePolicies(ctx.account, requiredParam(req, 'RoleName'));
    const { items, IsTruncated, Marker } = page(req, names);
    return result('ListRolePolicies', { PolicyNames: { member: items }, IsTruncated, Marker });
  },

  DeleteRolePolicy(req: SandboxRequest, ctx: SandboxContext) {
    iamApi(ctx.sandbox).deleteRolePolicy(ctx.account, requiredParam(req, 'RoleName'), requiredParam(req, 'PolicyName'));
    return result('DeleteRolePolicy');
  },

  AttachRolePolicy(req: SandboxRequest, ctx: SandboxContext) {
    iamApi(ctx.sandbox).attachRolePolicy(ctx.account, requiredParam(req, 'RoleName'), requiredParam(req, 'PolicyArn'));
    return result('AttachRolePolicy');
  },

  DetachRolePolicy(req: SandboxRequest, ctx: SandboxContext) {
    iamApi(ctx.sandbox).detachRolePolicy(ctx.account, requiredParam(req, 'RoleName'), requiredParam(req, 'PolicyArn'));
    return result('DetachRolePolicy');
  },

  ListAttachedRolePolicies(req: SandboxRequest, ctx: SandboxContext) {
    const arns = iamApi(ctx.sandbox).listAttachedRolePolicies(ctx.account, requiredParam(req, 'RoleName'));
    const { items, IsTruncated, Marker } = page(req, arns);
    const attached = items.map((arn) => ({ PolicyName: arn.slice(arn.lastIndexOf('/') + 1), PolicyArn: arn }));
    return result('ListAttachedRolePolicies', { AttachedPolicies: { member: attached }, IsTruncated, Marker });
  },
};

export const iamService: SandboxService = {
  name: 'iam',
  protocol: 'query',
  queryVersion: '2010-05-08',
  handle: operationTable('iam', 'query', handlers),
};
