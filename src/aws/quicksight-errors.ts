/**
 * The ways QuickSight refuses the workshop, recognised from the SDK's errors
 * (AWS.md section 4), each with a message that says what happened and what
 * to do. Anything not recognised is rethrown as it is.
 */
import { errorName } from './errors.js';

export type ProblemKind =
  | 'not-subscribed'
  | 's3-access'
  | 'spice'
  | 'edition'
  | 'permissions'
  | 'no-user'
  | 'refresh-limit'
  | 'ingestion'
  | 'data-source'
  | 'analysis'
  | 'data-set';

/** A refusal the learner can fix; `message` says what happened, `fix` what to do, in order. */
export class QuickSightProblem extends Error {
  constructor(
    readonly kind: ProblemKind,
    what: string,
    readonly fix: string[],
  ) {
    super(`${what} ${fix.join(' ')}`);
    this.name = 'QuickSightProblem';
  }
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** "Account … is not signed up with QuickSight" / "… is not subscribed for QuickSight". */
export function isNotSubscribed(error: unknown): boolean {
  const name = errorName(error);
  return (
    (name === 'ResourceNotFoundException' || name === 'UnsupportedUserEditionException') &&
    /not (signed up|subscribed)/i.test(message(error))
  );
}

/** QuickSight's role may not read the manifest (CreateDataSource, 401). */
export function isS3AccessDenied(error: unknown): boolean {
  return (
    errorName(error) === 'AccessDeniedException' &&
    /insufficient permission to access the manifest/i.test(message(error))
  );
}

/** The caller's IAM identity may not call QuickSight at all. */
export function isCallerDenied(error: unknown): boolean {
  return errorName(error) === 'AccessDeniedException' && /not authorized to perform/i.test(message(error));
}

/** The region named by "your identity region is X", when the error says so. */
export function identityRegionIn(error: unknown): string | undefined {
  if (errorName(error) !== 'AccessDeniedException') return undefined;
  return /identity region is ([a-z]{2}(?:-[a-z]+)+-\d)/.exec(message(error))?.[1];
}

/** A feature the account's edition lacks (not the "not subscribed" variant of the same exception). */
export function isEditionUnsupported(error: unknown): boolean {
  return errorName(error) === 'UnsupportedUserEditionException' && !isNotSubscribed(error);
}

export function consoleUrl(region: string, path: string): string {
  return `https://${region}.quicksight.aws.amazon.com/sn/${path}`;
}

export const SIGNUP_URL = 'https://quicksight.aws.amazon.com/';
export const SPICE_ADMIN_URL = 'https://quicksight.aws.amazon.com/sn/admin#capacity';
export const PRICING_URL = 'https://aws.amazon.com/quicksight/pricing/';

/** Turns a caller-denied error into the permissions problem; anything else is returned unchanged. */
export function explainCallerDenied(error: unknown, identityArn: string): unknown {
  if (!isCallerDenied(error)) return error;
  return new QuickSightProblem(
    'permissions',
    `Your identity ${identityArn} may not use QuickSight's API: ${message(error)}`,
    [
      'Ask an administrator to allow quicksight:Describe*, quicksight:List*, quicksight:Create*, quicksight:Delete*,',
      'quicksight:PassDataSource and quicksight:PassDataSet (and iam:GetRole, iam:PutRolePolicy on the QuickSight',
      'service role if you want this tool to grant S3 access), or run as a role that has them. Then run this step again.',
    ],
  );
}

export function notSubscribedProblem(
  account: string,
  accountName: string,
  bucket: string,
): QuickSightProblem {
  return new QuickSightProblem(
    'not-subscribed',
    `Account ${account} is not signed up for Amazon QuickSight.`,
    [
      `Sign up at ${SIGNUP_URL} (Sign up for QuickSight): choose the Standard edition as the module did`,
      `(billed per user per month after any free trial; see ${PRICING_URL}), account name ${accountName},`,
      `your e-mail address, and under "Allow access and autodiscovery" tick Amazon S3 and the bucket ${bucket}.`,
      'Then run this step again. Or set THEMEPARK_QUICKSIGHT_EMAIL=<your e-mail> and run this step again to subscribe',
      'through the API, which can only choose the Enterprise edition and asks you to accept its cost first.',
    ],
  );
}

export function s3AccessProblem(bucket: string, region: string): QuickSightProblem {
  return new QuickSightProblem(
    's3-access',
    `QuickSight may not read the bucket ${bucket} ("Insufficient permission to access the manifest file"): it reads S3 through its service role, which reaches only the buckets ticked for it.`,
    [
      `Open ${consoleUrl(region, 'admin')} → Security & permissions → QuickSight access to AWS services → Amazon S3,`,
      `tick ${bucket} and save; or let this step add a policy for this bucket only (read, list) to the QuickSight`,
      'service role. Then run this step again.',
    ],
  );
}

export function editionProblem(edition: string, what: string, region: string): QuickSightProblem {
  return new QuickSightProblem(
    'edition',
    `Your QuickSight account is on the ${edition} edition, which cannot ${what} through the API.`,
    [
      `Either upgrade to Enterprise (Manage QuickSight → Your subscriptions → Upgrade; billed per author per month, see ${PRICING_URL})`,
      "and run this step again, or build the five visuals by hand in the console as this step's text describes,",
      `starting from ${consoleUrl(region, 'start/analyses')}, and name the analysis theme-park-analysis so the checks find it.`,
    ],
  );
}

export function noUserProblem(identityArn: string, identityRegion: string): QuickSightProblem {
  return new QuickSightProblem(
    'no-user',
    `No QuickSight author or admin user is registered for this account (identity region ${identityRegion}), so nobody could see what this step creates.`,
    [
      `Open ${SIGNUP_URL} once signed in as ${identityArn} to register yourself, or ask a QuickSight admin to invite you`,
      'as an author. Set THEMEPARK_QUICKSIGHT_USER=<user name> to pick a user yourself. Then run this step again.',
    ],
  );
}
