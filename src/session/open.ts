/**
 * Who and where the learner is. On AWS the SDK's own chains find the
 * credentials (env, profile, SSO, container, instance metadata) and the
 * region; on the sandbox a child process is started and every client is
 * pointed at it with fixed local credentials.
 */
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { fromNodeProviderChain, fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import { join } from 'node:path';
import { UsageError, UserError } from '../cli/errors.js';
import { createClients, type ClientSettings } from '../aws/clients.js';
import { explainCredentials } from '../aws/errors.js';
import { workshopNames } from './names.js';
import { startSandboxProcess } from './sandbox-process.js';
import type { Session } from './types.js';

export const DEFAULT_SANDBOX_ACCOUNT = '000000000000';
export const DEFAULT_SANDBOX_REGION = 'us-east-1';
/** The sandbox takes any secret; only the access key id matters (it names the account). */
const SANDBOX_SECRET = 'sandbox-not-a-secret';

export interface SessionFlags {
  sandbox: boolean;
  sandboxAccount?: string;
  /** Use a sandbox that is already running instead of starting one. */
  sandboxEndpoint?: string;
  profile?: string;
  /** Act through this role, assumed with the profile's (or the chain's) credentials. */
  roleArn?: string;
  region?: string;
  home: string;
}

export interface OpenSession {
  session: Session;
  /** Stop the sandbox child, if one was started, and release the clients. */
  close(): Promise<void>;
}

export async function openSession(flags: SessionFlags): Promise<OpenSession> {
  return flags.sandbox ? openSandboxSession(flags) : openAwsSession(flags);
}

async function openAwsSession(flags: SessionFlags): Promise<OpenSession> {
  let region = flags.region;
  if (!region) {
    const probe = new STSClient({ profile: flags.profile });
    try {
      region = await probe.config.region();
    } catch {
      throw new UserError('No AWS region is set.', 'Pass --region (for example --region us-east-1), or set AWS_REGION.');
    } finally {
      probe.destroy();
    }
  }
  const chain = fromNodeProviderChain({ profile: flags.profile, clientConfig: { region } });
  const credentials = flags.roleArn
    ? fromTemporaryCredentials({
        params: { RoleArn: flags.roleArn, RoleSessionName: 'themepark-workshop-verify', DurationSeconds: 900 },
        masterCredentials: chain,
        clientConfig: { region },
      })
    : chain;
  return identify({ region, credentials }, 'aws', flags, async () => {});
}

async function openSandboxSession(flags: SessionFlags): Promise<OpenSession> {
  const account = flags.sandboxAccount ?? DEFAULT_SANDBOX_ACCOUNT;
  if (!/^\d{12}$/.test(account)) throw new UsageError(`--sandbox-account must be 12 digits, not "${account}".`);

  let endpoint = flags.sandboxEndpoint;
  let stop = async () => {};
  if (!endpoint) {
    const child = await startSandboxProcess({ dataDir: join(flags.home, 'sandbox'), env: process.env });
    endpoint = child.endpoint;
    stop = () => child.stop();
  }
  const settings: ClientSettings = {
    region: flags.region ?? DEFAULT_SANDBOX_REGION,
    credentials: { accessKeyId: account, secretAccessKey: SANDBOX_SECRET },
    endpoint,
  };
  try {
    return await identify(settings, 'sandbox', flags, stop);
  } catch (error) {
    await stop();
    throw error;
  }
}

async function identify(
  settings: ClientSettings,
  mode: Session['mode'],
  flags: SessionFlags,
  stop: () => Promise<void>,
): Promise<OpenSession> {
  const clients = createClients(settings);
  let identity;
  try {
    identity = await clients.sts.send(new GetCallerIdentityCommand({}));
  } catch (error) {
    clients.destroy();
    throw explainCredentials(error);
  }
  const account = identity.Account!;
  const session: Session = {
    mode,
    account,
    region: settings.region,
    identityArn: identity.Arn ?? '',
    profile: flags.profile,
    endpoint: settings.endpoint,
    home: flags.home,
    names: workshopNames(account, settings.region),
    clients,
  };
  return {
    session,
    async close() {
      clients.destroy();
      await stop();
    },
  };
}
