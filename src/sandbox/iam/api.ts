/**
 * IAM roles and their policies, as internal functions for other services
 * (CloudFormation's AWS::IAM::Role, QuickSight's service role) and for the
 * query handlers in index.ts. Errors are the ones IAM answers, as SandboxErrors.
 *
 * IAM is global: roles belong to an account, not a region. Policy documents
 * are kept as the JSON text given; the query protocol URL-encodes them on the
 * way out, as AWS does.
 */
import { randomInt } from 'node:crypto';
import { SandboxError } from '../protocol.js';
import { ownRecord } from '../store.js';
import type { SandboxRuntime } from '../types.js';

export interface IamRole {
  RoleName: string;
  RoleId: string;
  Arn: string;
  Path: string;
  /** ISO-8601. */
  CreateDate: string;
  AssumeRolePolicyDocument: string;
  Description?: string;
  MaxSessionDuration: number;
  Tags: Array<{ Key: string; Value: string }>;
  /** Inline policies by name. */
  Policies: Record<string, string>;
  /** Managed policy ARNs attached to the role. */
  AttachedPolicyArns: string[];
}

export interface CreateRoleInput {
  roleName: string;
  assumeRolePolicyDocument: string;
  path?: string;
  description?: string;
  maxSessionDuration?: number;
  tags?: Array<{ Key: string; Value: string }>;
}

interface IamSlice {
  roles: Record<string, IamRole>;
}

const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;
const POLICY_NAME = /^[\w+=,.@-]{1,128}$/;
const ROLE_PATH = /^\/([\x21-\x7E]*\/)?$/;
const MAX_POLICY_SIZE = 10_240;

export function iamApi(sandbox: SandboxRuntime) {
  const slices = (account: string) => sandbox.store.account(account);
  const rolesOf = (account: string) => ownRecord(slices(account).slice<IamSlice>('iam', () => ({ roles: {} })).roles);
  const save = (account: string) => slices(account).markDirty();

  // Role names are case-insensitive in IAM: `Role` and `role` are the same role.
  const find = (account: string, roleName: string): IamRole | undefined => {
    const roles = rolesOf(account);
    if (Object.hasOwn(roles, roleName)) return roles[roleName];
    const lower = roleName.toLowerCase();
    return Object.values(roles).find((role) => role.RoleName.toLowerCase() === lower);
  };
  const existing = (account: string, roleName: string): IamRole => {
    const role = find(account, roleName);
    if (!role) throw new SandboxError(404, 'NoSuchEntity', `The role with name ${roleName} cannot be found.`);
    return role;
  };

  return {
    createRole(account: string, input: CreateRoleInput): IamRole {
      checkName(input.roleName, ROLE_NAME, 'roleName', 64);
      const path = input.path ?? '/';
      if (!ROLE_PATH.test(path) || path.length > 512) {
        throw validation(`The specified value for path is invalid. It must begin and end with / and contain only alphanumeric characters and/or / characters.`);
      }
      checkPolicyDocument(input.assumeRolePolicyDocument);
      if (find(account, input.roleName)) {
        throw new SandboxError(409, 'EntityAlreadyExists', `Role with name ${input.roleName} already exists.`);
      }
      const role: IamRole = {
        RoleName: input.roleName,
        RoleId: `AROA${randomId(17)}`,
        Arn: `arn:aws:iam::${account}:role${path}${input.roleName}`,
        Path: path,
        CreateDate: sandbox.now().toISOString(),
        AssumeRolePolicyDocument: input.assumeRolePolicyDocument,
        ...(input.description ? { Description: input.description } : {}),
        MaxSessionDuration: input.maxSessionDuration ?? 3600,
        Tags: input.tags ?? [],
        Policies: Object.create(null) as Record<string, string>,
        AttachedPolicyArns: [],
      };
      rolesOf(account)[role.RoleName] = role;
      save(account);
      return structuredClone(role);
    },

    /** The role, or undefined when there is none by that name. */
    getRole(account: string, roleName: string): IamRole | undefined {
      const role = find(account, roleName);
      return role ? structuredClone(role) : undefined;
    },

    /** Roles whose path starts with `pathPrefix`, by name. */
    listRoles(account: string, pathPrefix = '/'): IamRole[] {
      return Object.values(rolesOf(account))
        .filter((role) => role.Path.startsWith(pathPrefix))
        .sort((a, b) => a.RoleName.localeCompare(b.RoleName))
        .map((role) => structuredClone(role));
    },

    /** Refuses while the role still has inline or attached policies, as IAM does. */
    deleteRole(account: string, roleName: string): void {
      const role = existing(account, roleName);
      if (Object.keys(role.Policies).length > 0) {
        throw new SandboxError(409, 'DeleteConflict', 'Cannot delete entity, must delete policies first.');
      }
      if (role.AttachedPolicyArns.length > 0) {
        throw new SandboxError(409, 'DeleteConflict', 'Cannot delete entity, must detach all policies first.');
      }
      delete rolesOf(account)[role.RoleName];
      save(account);
    },

    /** Adds or replaces an inline policy on any existing role. */
    putRolePolicy(account: string, roleName: string, policyName: string, policyDocument: string): void {
      checkName(policyName, POLICY_NAME, 'policyName', 128);
      checkPolicyDocument(policyDocument);
      ownRecord(existing(account, roleName).Policies)[policyName] = policyDocument;
      save(account);
    },

    /** The inline policy's document, or undefined when the role has no policy by that name. */
    getRolePolicy(account: string, roleName: string, policyName: string): string | undefined {
      const policies = ownRecord(existing(account, roleName).Policies);
      return Object.hasOwn(policies, policyName) ? policies[policyName] : undefined;
    },

    listRolePolicies(account: string, roleName: string): string[] {
      return Object.keys(existing(account, roleName).Policies).sort();
    },

    deleteRolePolicy(account: string, roleName: string, policyName: string): void {
      const role = existing(account, roleName);
      ownRecord(role.Policies);
      if (!Object.hasOwn(role.Policies, policyName)) {
        throw new SandboxError(404, 'NoSuchEntity', `The role policy with name ${policyName} cannot be found.`);
      }
      delete role.Policies[policyName];
      save(account);
    },

    /** Managed policies are not modelled beyond their ARN: attaching one records it. */
    attachRolePolicy(account: string, roleName: string, policyArn: string): void {
      if (!/^arn:aws[\w-]*:iam::(aws|\d{12}):policy\/.+/.test(policyArn)) {
        throw new SandboxError(400, 'InvalidInput', `ARN ${policyArn} is not valid.`);
      }
      const role = existing(account, roleName);
      if (!role.AttachedPolicyArns.includes(policyArn)) role.AttachedPolicyArns.push(policyArn);
      save(account);
    },

    detachRolePolicy(account: string, roleName: string, policyArn: string): void {
      const role = existing(account, roleName);
      const index = role.AttachedPolicyArns.indexOf(policyArn);
      if (index === -1) throw new SandboxError(404, 'NoSuchEntity', `Policy ${policyArn} was not found.`);
      role.AttachedPolicyArns.splice(index, 1);
      save(account);
    },

    listAttachedRolePolicies(account: string, roleName: string): string[] {
      return existing(account, roleName).AttachedPolicyArns.slice();
    },
  };
}

export type IamApi = ReturnType<typeof iamApi>;

function checkName(value: string, pattern: RegExp, field: string, max: number): void {
  if (!pattern.test(value)) {
    throw validation(
      `1 validation error detected: Value '${value}' at '${field}' failed to satisfy constraint: ` +
        `Member must satisfy regular expression pattern: [\\w+=,.@-]+ and have length between 1 and ${max}`,
    );
  }
}

function checkPolicyDocument(document: string): void {
  if (document.length > MAX_POLICY_SIZE) {
    throw new SandboxError(409, 'LimitExceeded', `Cannot exceed quota for PolicySize: ${MAX_POLICY_SIZE}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(document);
  } catch {
    throw new SandboxError(400, 'MalformedPolicyDocument', 'This policy contains invalid Json');
  }
  if (typeof parsed !== 'object' || parsed === null || !('Statement' in parsed)) {
    throw new SandboxError(400, 'MalformedPolicyDocument', 'Syntax errors in policy.');
  }
}

function validation(message: string): SandboxError {
  return new SandboxError(400, 'ValidationError', message);
}

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function randomId(length: number): string {
  let id = '';
  for (let i = 0; i < length; i++) id += ID_ALPHABET[randomInt(ID_ALPHABET.length)];
  return id;
}
