import type { AwsClients } from '../aws/clients.js';

/** The names the module uses; every check finds resources by these. */
export interface WorkshopNames {
  stack: string;
  bucket: string;
  stream: string;
  dataSource: string;
  dataSet: string;
  analysis: string;
  quickSightAccountName: string;
}

/** Who and where the learner is, and the clients that act for them. */
export interface Session {
  mode: 'aws' | 'sandbox';
  account: string;
  region: string;
  /** ARN of the caller, from STS GetCallerIdentity. */
  identityArn: string;
  profile?: string;
  /** The sandbox's endpoint when mode is sandbox. */
  endpoint?: string;
  /** The folder for progress, logs and the sandbox's data. */
  home: string;
  names: WorkshopNames;
  clients: AwsClients;
}
