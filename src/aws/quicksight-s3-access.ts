/**
 * QuickSight reads S3 through its service role (aws-quicksight-service-role-v0,
 * created at sign-up; newer accounts may use aws-quicksight-s3-consumers-role-v0).
 * The console's bucket ticks edit a policy on it. This module reads that
 * role's policies to tell whether the workshop's bucket is granted, and adds
 * the least-privilege grant (this bucket only, read and list) when asked.
 *
 * Reading the role needs iam:GetRole, iam:ListRolePolicies, iam:GetRolePolicy,
 * iam:ListAttachedRolePolicies, iam:GetPolicy and iam:GetPolicyVersion; a
 * learner without them gets 'unknown' and finds out at CreateDataSource.
 */
import {
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  ListAttachedRolePoliciesCommand,
  ListRolePoliciesCommand,
  PutRolePolicyCommand,
} from '@aws-sdk/client-iam';
import type { AwsClients } from './clients.js';
import { errorName, isNotFound } from './errors.js';

export const SERVICE_ROLE_NAMES = ['aws-quicksight-service-role-v0', 'aws-quicksight-s3-consumers-role-v0'];
export const GRANT_POLICY_NAME = 'theme-park-workshop-s3-read';

export type BucketAccess =
  | { state: 'granted'; roleName: string }
  | { state: 'not-granted'; roleName: string }
  | { state: 'no-role' }
  | { state: 'unknown'; reason: string };

/** The least-privilege policy: list and locate this bucket, read its objects. */
export function bucketReadPolicy(bucket: string): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'ListThemeParkBucket',
        Effect: 'Allow',
        Action: ['s3:ListBucket', 's3:GetBucketLocation'],
        Resource: `arn:aws:s3:::${bucket}`,
      },
      {
        Sid: 'ReadThemeParkObjects',
        Effect: 'Allow',
        Action: ['s3:GetObject', 's3:GetObjectVersion'],
        Resource: `arn:aws:s3:::${bucket}/*`,
      },
    ],
  });
}

export async function bucketAccess(clients: AwsClients, bucket: string): Promise<BucketAccess> {
  try {
    const roleName = await serviceRoleName(clients);
    if (!roleName) return { state: 'no-role' };
    for (const document of await roleDocuments(clients, roleName)) {
      if (grants(document, bucket)) return { state: 'granted', roleName };
    }
    return { state: 'not-granted', roleName };
  } catch (error) {
    if (/AccessDenied|NotAuthorized|UnauthorizedOperation/.test(errorName(error) ?? '')) {
      return { state: 'unknown', reason: error instanceof Error ? error.message : String(error) };
    }
    throw error;
  }
}

/** Adds (or replaces) the workshop's inline grant on the service role. */
export async function grantBucketRead(clients: AwsClients, roleName: string, bucket: string): Promise<void> {
  await clients.iam.send(
    new PutRolePolicyCommand({
      RoleName: roleName,
      PolicyName: GRANT_POLICY_NAME,
      PolicyDocument: bucketReadPolicy(bucket),
    }),
  );
}

export async function serviceRoleName(clients: AwsClients): Promise<string | undefined> {
  for (const name of SERVICE_ROLE_NAMES) {
    try {
      await clients.iam.send(new GetRoleCommand({ RoleName: name }));
      return name;
    } catch (error) {
      if (!isNotFound(error) && errorName(error) !== 'NoSuchEntityException') throw error;
    }
  }
  return undefined;
}

async function roleDocuments(clients: AwsClients, roleName: string): Promise<string[]> {
  const documents: string[] = [];
  const inline = await clients.iam.send(new ListRolePoliciesCommand({ RoleName: roleName }));
  for (const policyName of inline.PolicyNames ?? []) {
    const policy = await clients.iam.send(
      new GetRolePolicyCommand({ RoleName: roleName, PolicyName: policyName }),
    );
    if (policy.PolicyDocument) documents.push(decodeURIComponent(policy.PolicyDocument));
  }
  const attached = await clients.iam.send(new ListAttachedRolePoliciesCommand({ RoleName: roleName }));
  for (const { PolicyArn: arn } of attached.AttachedPolicies ?? []) {
    if (!arn) continue;
    if (/:policy\/(AmazonS3ReadOnlyAccess|AmazonS3FullAccess)$/.test(arn)) {
      documents.push(JSON.stringify({ Statement: { Effect: 'Allow', Action: 's3:*', Resource: '*' } }));
      continue;
    }
    const { Policy } = await clients.iam.send(new GetPolicyCommand({ PolicyArn: arn }));
    if (!Policy?.DefaultVersionId) continue;
    const version = await clients.iam.send(
      new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: Policy.DefaultVersionId }),
    );
    if (version.PolicyVersion?.Document) documents.push(decodeURIComponent(version.PolicyVersion.Document));
  }
  return documents;
}

/**
 * Whether a policy document allows listing the bucket and reading its
 * objects. Allow statements with * and ? wildcards only; a Deny or a
 * condition elsewhere could still refuse, which CreateDataSource then shows.
 */
export function grants(document: string, bucket: string): boolean {
  let parsed: { Statement?: unknown };
  try {
    parsed = JSON.parse(document) as { Statement?: unknown };
  } catch {
    return false;
  }
  const statements = (Array.isArray(parsed.Statement) ? parsed.Statement : [parsed.Statement]) as Array<
    Record<string, unknown>
  >;
  const allows = (action: string, resource: string) =>
    statements.some(
      (s) =>
        s?.Effect === 'Allow' &&
        strings(s.Action).some((p) => wildcard(p, 'i').test(action)) &&
        strings(s.Resource).some((p) => wildcard(p, '').test(resource)),
    );
  return (
    allows('s3:ListBucket', `arn:aws:s3:::${bucket}`) &&
    allows('s3:GetObject', `arn:aws:s3:::${bucket}/any-object`)
  );
}

function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function wildcard(pattern: string, flags: string): RegExp {
  return new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
    flags,
  );
}
