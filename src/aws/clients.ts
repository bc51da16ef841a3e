/**
 * Every SDK client the runner uses, built once from one configuration so that
 * a profile, a region or the sandbox's endpoint applies to all of them alike.
 * Clients are created on first use: a run that never reaches QuickSight never
 * loads its client.
 */
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { FirehoseClient } from '@aws-sdk/client-firehose';
import { IAMClient } from '@aws-sdk/client-iam';
import { QuickSightClient } from '@aws-sdk/client-quicksight';
import { S3Client } from '@aws-sdk/client-s3';
import { STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@aws-sdk/types';

export interface ClientSettings {
  region: string;
  credentials: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  /** Set for the sandbox: every client talks to this loopback URL. */
  endpoint?: string;
  /** More attempts than the SDK's default 3, for the sender under throttling. */
  maxAttempts?: number;
}

export interface AwsClients {
  readonly settings: ClientSettings;
  readonly sts: STSClient;
  readonly cloudFormation: CloudFormationClient;
  readonly firehose: FirehoseClient;
  readonly s3: S3Client;
  readonly iam: IAMClient;
  readonly quickSight: QuickSightClient;
  /** A QuickSight client for another region (QuickSight's identity region). */
  quickSightIn(region: string): QuickSightClient;
  destroy(): void;
}

export function createClients(settings: ClientSettings): AwsClients {
  const common = {
    region: settings.region,
    credentials: settings.credentials,
    ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
    ...(settings.maxAttempts ? { maxAttempts: settings.maxAttempts } : {}),
  };
  const made = new Map<string, { destroy(): void }>();

  function once<T extends { destroy(): void }>(key: string, make: () => T): T {
    let client = made.get(key) as T | undefined;
    if (!client) {
      client = make();
      made.set(key, client);
    }
    return client;
  }

  return {
    settings,
    get sts() {
      return once('sts', () => new STSClient(common));
    },
    get cloudFormation() {
      return once('cfn', () => new CloudFormationClient(common));
    },
    get firehose() {
      return once('firehose', () => new FirehoseClient(common));
    },
    get s3() {
      // Path-style because the sandbox is one host; the CRC32 checksums stay on,
      // since the sandbox verifies them as S3 does.
      return once('s3', () => new S3Client({ ...common, forcePathStyle: Boolean(settings.endpoint) }));
    },
    get iam() {
      return once('iam', () => new IAMClient(common));
    },
    get quickSight() {
      return once('quicksight', () => new QuickSightClient(common));
    },
    quickSightIn(region: string) {
      if (region === settings.region) return this.quickSight;
      return once(`quicksight:${region}`, () => new QuickSightClient({ ...common, region }));
    },
    destroy() {
      for (const client of made.values()) client.destroy();
      made.clear();
    },
  };
}
