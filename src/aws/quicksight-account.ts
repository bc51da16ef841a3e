/**
 * The QuickSight account as the workshop needs it: is it subscribed, on
 * which edition, in which identity region do its users live, and which user
 * should own what the workshop creates (resources created without
 * permissions for a user exist but nobody sees them in the console).
 */
import {
  CreateAccountSubscriptionCommand,
  DescribeAccountSubscriptionCommand,
  ListUsersCommand,
  type User,
} from '@aws-sdk/client-quicksight';
import type { AwsClients } from './clients.js';
import { errorName } from './errors.js';
import { identityRegionIn, isNotSubscribed } from './quicksight-errors.js';

export interface Subscription {
  accountName: string;
  edition: string;
  status: string;
  notificationEmail?: string;
}

export interface QuickSightUser {
  userName: string;
  arn: string;
  role: string;
  email?: string;
  identityType?: string;
  active: boolean;
}

/** The subscription, or undefined when the account never signed up. */
export async function describeSubscription(
  clients: AwsClients,
  account: string,
): Promise<Subscription | undefined> {
  try {
    const { AccountInfo: info } = await clients.quickSight.send(
      new DescribeAccountSubscriptionCommand({ AwsAccountId: account }),
    );
    return {
      accountName: info?.AccountName ?? '',
      edition: info?.Edition ?? 'UNKNOWN',
      status: info?.AccountSubscriptionStatus ?? 'UNKNOWN',
      ...(info?.NotificationEmail ? { notificationEmail: info.NotificationEmail } : {}),
    };
  } catch (error) {
    if (errorName(error) === 'ResourceNotFoundException' || isNotSubscribed(error)) return undefined;
    throw error;
  }
}

/**
 * Subscribes through the API. It can only choose Enterprise (AWS.md section
 * 4) and starts a paid, per-user subscription: call it only after the
 * learner accepted that.
 */
export async function subscribeEnterprise(
  clients: AwsClients,
  account: string,
  accountName: string,
  email: string,
): Promise<void> {
  await clients.quickSight.send(
    new CreateAccountSubscriptionCommand({
      AwsAccountId: account,
      AccountName: accountName,
      NotificationEmail: email,
      Edition: 'ENTERPRISE',
      AuthenticationMethod: 'IAM_AND_QUICKSIGHT',
    }),
  );
}

/**
 * The region where the account's QuickSight users live. User calls made
 * anywhere else are refused with a message naming it; that is how it is found.
 */
export async function findIdentityRegion(
  clients: AwsClients,
  account: string,
  region: string,
): Promise<string> {
  try {
    await clients.quickSight.send(
      new ListUsersCommand({ AwsAccountId: account, Namespace: 'default', MaxResults: 1 }),
    );
    return region;
  } catch (error) {
    const home = identityRegionIn(error);
    if (home) return home;
    throw error;
  }
}

export async function listUsers(
  clients: AwsClients,
  account: string,
  identityRegion: string,
): Promise<QuickSightUser[]> {
  const client = clients.quickSightIn(identityRegion);
  const users: QuickSightUser[] = [];
  let token: string | undefined;
  do {
    const page = await client.send(
      new ListUsersCommand({ AwsAccountId: account, Namespace: 'default', NextToken: token }),
    );
    users.push(...(page.UserList ?? []).map(toUser));
    token = page.NextToken;
  } while (token);
  return users;
}

function toUser(user: User): QuickSightUser {
  return {
    userName: user.UserName ?? '',
    arn: user.Arn ?? '',
    role: user.Role ?? 'READER',
    ...(user.Email ? { email: user.Email } : {}),
    ...(user.IdentityType ? { identityType: user.IdentityType } : {}),
    active: user.Active !== false,
  };
}

const OWNER_ROLES = ['ADMIN', 'AUTHOR', 'ADMIN_PRO', 'AUTHOR_PRO'];

/**
 * The QuickSight user name an IAM identity signs in as: an IAM user by its
 * name, an assumed role as "RoleName/SessionName".
 */
export function userNameFor(identityArn: string): string | undefined {
  const user = /^arn:aws[\w-]*:iam::\d{12}:user\/(?:.*\/)?([^/]+)$/.exec(identityArn);
  if (user) return user[1];
  const role = /^arn:aws[\w-]*:sts::\d{12}:assumed-role\/([^/]+)\/(.+)$/.exec(identityArn);
  return role ? `${role[1]}/${role[2]}` : undefined;
}

/**
 * Users who could own the workshop's resources (admins and authors, active),
 * the caller's own user first, then admins, then authors.
 */
export function ownerCandidates(users: QuickSightUser[], identityArn: string): QuickSightUser[] {
  const mine = userNameFor(identityArn);
  const rank = (user: QuickSightUser) => (user.userName === mine ? 0 : user.role.startsWith('ADMIN') ? 1 : 2);
  return users
    .filter((user) => user.active && OWNER_ROLES.includes(user.role))
    .sort((a, b) => rank(a) - rank(b) || a.userName.localeCompare(b.userName));
}
