/**
 * Who may call what: the checks every QuickSight request passes first (IAM
 * permission, the account in the path, the subscription, the identity
 * region for user calls), then the subscription and user operations.
 */
import { callerArn } from '../sts/index.js';
import type { SandboxContext, SandboxRequest, SandboxResponse } from '../service-kit.js';
import { restJsonResult } from '../service-kit.js';
import {
  accessDenied,
  invalidParameter,
  notFound,
  requiredString,
  resourceExists,
  unsupportedEdition,
} from './errors.js';
import type { QuickSightSetting } from './settings.js';
import { accountState, arns, colleagueUser, subscribe, type AccountState, type UserRecord } from './state.js';
import { ensureServiceRole } from './s3-access.js';

const SUBSCRIPTION_OPERATIONS = new Set(['DescribeAccountSubscription', 'CreateAccountSubscription']);
const USER_OPERATIONS = new Set(['ListUsers', 'DescribeUser']);

/**
 * The caller's account state, once the request may go on; throws the error
 * the real service gives otherwise.
 */
export function admit(
  ctx: SandboxContext,
  setting: QuickSightSetting,
  operation: string,
  params: Record<string, string>,
): AccountState {
  if (setting.noPermissions) {
    throw accessDenied(
      `User: ${callerArn(ctx.account)} is not authorized to perform: quicksight:${operation} on resource: ` +
        `arn:aws:quicksight:${ctx.region}:${ctx.account}:*`,
    );
  }
  if (params.AwsAccountId !== ctx.account) {
    throw accessDenied(
      `The caller from account ${ctx.account} is not allowed to act in account ${params.AwsAccountId}.`,
    );
  }
  const state = accountState(ctx.store, ctx.account, setting);
  if (state.subscription) {
    state.identityRegion ??= ctx.region;
    ensureServiceRole(ctx.sandbox, ctx.account, !setting.noS3Access);
    if (setting.severalUsers && !state.users.some((user) => user.UserName === colleagueUser().UserName)) {
      state.users.push(colleagueUser());
    }
    ctx.store.markDirty();
  }
  if (SUBSCRIPTION_OPERATIONS.has(operation)) return state;

  if (USER_OPERATIONS.has(operation)) {
    if (!state.subscription) {
      throw notFound(
        `Account ${ctx.account} is not signed up with QuickSight with namespace ${params.Namespace ?? 'default'}`,
      );
    }
    if (state.identityRegion !== ctx.region) {
      throw accessDenied(
        `Operation is being called from endpoint ${ctx.region}, but your identity region is ${state.identityRegion}. ` +
          `Please use the ${state.identityRegion} endpoint.`,
      );
    }
    return state;
  }
  if (!state.subscription)
    throw unsupportedEdition(`Account ${ctx.account} is not subscribed for QuickSight`);
  return state;
}

export function describeAccountSubscription(state: AccountState, ctx: SandboxContext): SandboxResponse {
  const subscription = state.subscription;
  if (!subscription) throw notFound(`Account ${ctx.account} is not signed up with QuickSight.`);
  return restJsonResult({
    AccountInfo: {
      AccountName: subscription.accountName,
      Edition: subscription.edition,
      NotificationEmail: subscription.notificationEmail,
      AuthenticationType: subscription.authenticationType,
      AccountSubscriptionStatus: subscription.status,
    },
  });
}

const API_EDITIONS = ['ENTERPRISE', 'ENTERPRISE_AND_Q'];
const AUTHENTICATION_METHODS = ['IAM_AND_QUICKSIGHT', 'IAM_ONLY', 'ACTIVE_DIRECTORY', 'IAM_IDENTITY_CENTER'];

export function createAccountSubscription(
  req: SandboxRequest,
  state: AccountState,
  ctx: SandboxContext,
  setting: QuickSightSetting,
): SandboxResponse {
  const body = req.json ?? {};
  const accountName = requiredString(body, 'AccountName');
  const email = requiredString(body, 'NotificationEmail');
  const method = requiredString(body, 'AuthenticationMethod');
  if (!AUTHENTICATION_METHODS.includes(method)) {
    throw invalidParameter(`AuthenticationMethod must be one of ${AUTHENTICATION_METHODS.join(', ')}.`);
  }
  const edition = typeof body.Edition === 'string' ? body.Edition : 'ENTERPRISE';
  if (!API_EDITIONS.includes(edition)) {
    throw invalidParameter(
      `Edition ${edition} cannot be subscribed to through the API; choose ENTERPRISE or ENTERPRISE_AND_Q.`,
    );
  }
  if (state.subscription) throw resourceExists(`Account ${ctx.account} is already subscribed to QuickSight.`);
  if (!claimAccountName(ctx, accountName))
    throw resourceExists(`The QuickSight account name ${accountName} is already taken.`);

  subscribe(state, ctx.account, edition as 'ENTERPRISE', accountName, email, method);
  state.identityRegion = ctx.region;
  if (setting.severalUsers) state.users.push(colleagueUser());
  ensureServiceRole(ctx.sandbox, ctx.account, !setting.noS3Access);
  ctx.store.markDirty();
  return restJsonResult({
    SignupResponse: {
      IAMUser: method !== 'IAM_IDENTITY_CENTER',
      userLoginName: 'sandbox-learner',
      accountName,
      directoryType: method,
    },
  });
}

/**
 * QuickSight account names are unique across all of AWS; here, across the
 * sandbox's accounts, kept in the global document (account name -> account id).
 */
function claimAccountName(ctx: SandboxContext, name: string): boolean {
  const names = ctx.sandbox.store.global.slice<Record<string, string>>(
    'quicksight-account-names',
    () => ({}),
  );
  const key = name.toLowerCase();
  if (Object.hasOwn(names, key) && names[key] !== ctx.account) return false;
  names[key] = ctx.account;
  ctx.sandbox.store.global.markDirty();
  return true;
}

function userOutput(user: UserRecord, state: AccountState, account: string) {
  return { Arn: arns.user(state.identityRegion!, account, user.UserName), ...user };
}

export function listUsers(
  req: SandboxRequest,
  state: AccountState,
  ctx: SandboxContext,
  params: Record<string, string>,
): SandboxResponse {
  checkNamespace(params.Namespace!);
  const all = state.users.map((user) => userOutput(user, state, ctx.account));
  const { items, nextToken } = page(all, req.query.get('next-token'), req.query.get('max-results'));
  return restJsonResult({ UserList: items, ...(nextToken ? { NextToken: nextToken } : {}) });
}

export function describeUser(
  state: AccountState,
  ctx: SandboxContext,
  params: Record<string, string>,
): SandboxResponse {
  checkNamespace(params.Namespace!);
  const user = state.users.find((candidate) => candidate.UserName === params.UserName);
  if (!user) throw notFound(`The user with name ${params.UserName} does not exist in namespace default.`);
  return restJsonResult({ User: userOutput(user, state, ctx.account) });
}

function checkNamespace(namespace: string): void {
  if (namespace !== 'default') throw notFound(`Namespace ${namespace} not found.`);
}

/** NextToken/MaxResults paging over a list in a stable order; the token is the next item's index. */
export function page<T>(
  items: T[],
  token: string | null,
  max: string | null,
): { items: T[]; nextToken?: string } {
  const size = max === null ? 100 : Number(max);
  if (!Number.isInteger(size) || size < 1 || size > 100)
    throw invalidParameter('MaxResults must be between 1 and 100.');
  const start = token ? Number(Buffer.from(token, 'base64url').toString()) : 0;
  if (!Number.isInteger(start) || start < 0) throw invalidParameter('NextToken is not valid.');
  const end = start + size;
  return end < items.length
    ? { items: items.slice(start, end), nextToken: Buffer.from(String(end)).toString('base64url') }
    : { items: items.slice(start) };
}

/**
 * Checks a Permissions list: every principal must be a user of this account
 * in its identity region, which is the mistake the real service refuses most
 * (a principal ARN built with the resource's region instead).
 */
export function checkPermissions(
  value: unknown,
  state: AccountState,
  account: string,
): Array<{ Principal: string; Actions: string[] }> {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw invalidParameter('Permissions must be a list.');
  if (value.length > 64) throw invalidParameter('Permissions may list at most 64 principals.');
  return value.map((permission: Record<string, unknown>, i) => {
    const principal = permission?.Principal;
    const actions = permission?.Actions;
    if (typeof principal !== 'string' || !principal)
      throw invalidParameter(`Permissions[${i}].Principal is required.`);
    if (
      !Array.isArray(actions) ||
      actions.length === 0 ||
      !actions.every((a) => typeof a === 'string' && /^quicksight:\w+$/.test(a))
    ) {
      throw invalidParameter(`Permissions[${i}].Actions must list quicksight:<Action> names.`);
    }
    const known = state.users.some(
      (user) => arns.user(state.identityRegion!, account, user.UserName) === principal,
    );
    if (!known) {
      throw invalidParameter(
        `Invalid principal ${principal}: it is not a user of this account in its QuickSight identity region (${state.identityRegion}).`,
      );
    }
    return { Principal: principal, Actions: actions as string[] };
  });
}
