/**
 * THEMEPARK_SANDBOX_QUICKSIGHT: how the sandbox's QuickSight account starts
 * out, so each way the real one can refuse the workshop can be tried on
 * purpose. Parsed strictly: a typo fails the sandbox's start instead of
 * quietly running the happy path a test did not mean to run.
 */

export interface QuickSightSetting {
  /** Accounts start without a subscription until CreateAccountSubscription. */
  unsubscribed: boolean;
  /** The QuickSight service role starts without read access to any bucket. */
  noS3Access: boolean;
  /** An older data set already fills the account's SPICE capacity. */
  spiceFull: boolean;
  /** SPICE capacity per region, in bytes. */
  spiceCapacityBytes: number;
  /** The edition accounts are subscribed with. */
  edition: 'STANDARD' | 'ENTERPRISE';
  /** The identity region every account gets; undefined: the region of its first QuickSight call. */
  identityRegion: string | undefined;
  /** A second QuickSight user (an author) besides the learner, so a runner must choose. */
  severalUsers: boolean;
  /** The caller may not use QuickSight at all (no quicksight:* in their IAM policy). */
  noPermissions: boolean;
}

/** Text for the README: what the variable accepts. */
export const QUICKSIGHT_ENV_DOC = `\
THEMEPARK_SANDBOX_QUICKSIGHT="word,word,..."  e.g. "unsubscribed,no-s3-access"
  How the sandbox's QuickSight accounts start out, to try the ways the real
  service refuses. Any of:
    unsubscribed        not signed up: DescribeAccountSubscription and user calls
                        answer ResourceNotFoundException, data calls
                        UnsupportedUserEditionException, until
                        CreateAccountSubscription is called.
    no-s3-access        the QuickSight service role (aws-quicksight-service-role-v0)
                        may read no bucket: CreateDataSource answers 401
                        AccessDeniedException "Insufficient permission to access
                        the manifest file" until a role policy grants the bucket.
                        (The sandbox creates the role at an account's first
                        QuickSight call, standing in for sign-up.)
    spice-full          an older data set (old-sales-data) fills SPICE, so
                        ingestions fail ACCOUNT_CAPACITY_LIMIT_EXCEEDED until it is
                        deleted.
    spice-mb=N          SPICE capacity per region in MB (default 10240).
    standard            Standard edition: CreateAnalysis with a Definition answers
                        UnsupportedUserEditionException (default Enterprise).
    identity-region=R   the accounts' QuickSight identity region (default: the
                        region of an account's first QuickSight call).
    several-users       a second author besides the learner.
    no-permissions      the caller lacks quicksight:* permissions: every call
                        answers AccessDeniedException.`;

const DEFAULT_SPICE_MB = 10 * 1024;
const FORM =
  'THEMEPARK_SANDBOX_QUICKSIGHT must be a comma-separated list of: unsubscribed, no-s3-access, spice-full, ' +
  'spice-mb=<MB>, standard, identity-region=<region>, several-users, no-permissions';

/** Parses THEMEPARK_SANDBOX_QUICKSIGHT; undefined or blank means the real service's happy defaults. */
export function parseQuickSightSetting(raw: string | undefined): QuickSightSetting {
  const setting: QuickSightSetting = {
    unsubscribed: false,
    noS3Access: false,
    spiceFull: false,
    spiceCapacityBytes: DEFAULT_SPICE_MB * 1024 * 1024,
    edition: 'ENTERPRISE',
    identityRegion: undefined,
    severalUsers: false,
    noPermissions: false,
  };
  if (raw === undefined || raw.trim() === '') return setting;

  for (const word of raw.split(',').map((part) => part.trim().toLowerCase())) {
    const [name, value] = word.split('=', 2) as [string, string | undefined];
    if (value === undefined && FLAGS[name]) {
      FLAGS[name](setting);
    } else if (name === 'spice-mb' && value !== undefined && /^\d+$/.test(value)) {
      setting.spiceCapacityBytes = Number(value) * 1024 * 1024;
    } else if (name === 'identity-region' && value !== undefined && /^[a-z]{2}(-[a-z]+)+-\d$/.test(value)) {
      setting.identityRegion = value;
    } else {
      throw new Error(`${FORM} (got ${JSON.stringify(raw)}; "${word}" is not one of them)`);
    }
  }
  return setting;
}

const FLAGS: Record<string, (setting: QuickSightSetting) => void> = {
  unsubscribed: (s) => (s.unsubscribed = true),
  'no-s3-access': (s) => (s.noS3Access = true),
  'spice-full': (s) => (s.spiceFull = true),
  standard: (s) => (s.edition = 'STANDARD'),
  'several-users': (s) => (s.severalUsers = true),
  'no-permissions': (s) => (s.noPermissions = true),
};
