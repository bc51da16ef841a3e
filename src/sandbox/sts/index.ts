/**
 * STS: who the caller is. The sandbox has one user per account, named after
 * the learner's role in it.
 */
import { createHash } from 'node:crypto';
import { operationTable, queryResult, type SandboxContext, type SandboxService } from '../service-kit.js';

export const SANDBOX_USER_NAME = 'sandbox-learner';

/** The ARN GetCallerIdentity answers for an account. */
export function callerArn(account: string): string {
  return `arn:aws:iam::${account}:user/${SANDBOX_USER_NAME}`;
}

/** A stable IAM-style unique id (AIDA + 17 characters) derived from the account. */
function userId(account: string): string {
  const digest = createHash('sha256').update(`user:${account}`).digest('hex').toUpperCase();
  return `AIDA${digest.slice(0, 17)}`;
}

function getCallerIdentity(_req: unknown, ctx: SandboxContext) {
  return queryResult(
    'GetCallerIdentity',
    { UserId: userId(ctx.account), Account: ctx.account, Arn: callerArn(ctx.account) },
    'sts',
  );
}

export const stsService: SandboxService = {
  name: 'sts',
  protocol: 'query',
  queryVersion: '2011-06-15',
  handle: operationTable('sts', 'query', { GetCallerIdentity: getCallerIdentity }),
};
