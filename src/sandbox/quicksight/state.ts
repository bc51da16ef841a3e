/**
 * What the sandbox's QuickSight remembers, per account: the subscription,
 * the users and the identity region, then per region (QuickSight resources
 * and SPICE are regional) the data sources, data sets, ingestions and
 * analyses. Kept in the account's state document as the slice `quicksight`;
 * prepared rows live in files of their own (prepared-rows.ts).
 *
 * Requests are stored as the client sent them (JSON), so Describe calls can
 * echo them back the way the real service does.
 */
import type { SandboxRuntime } from '../types.js';
import type { StateSlices } from '../store.js';
import type { QuickSightSetting } from './settings.js';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export interface SubscriptionRecord {
  status: 'ACCOUNT_CREATED';
  edition: 'STANDARD' | 'ENTERPRISE' | 'ENTERPRISE_AND_Q';
  accountName: string;
  notificationEmail: string;
  authenticationType: string;
}

export interface UserRecord {
  UserName: string;
  Email: string;
  Role: string;
  IdentityType: string;
  Active: boolean;
  PrincipalId: string;
}

export type ResourceStatus = 'CREATION_IN_PROGRESS' | 'CREATION_SUCCESSFUL' | 'CREATION_FAILED';

export interface DataSourceRecord {
  id: string;
  name: string;
  type: string;
  parameters: JsonObject;
  permissions: JsonObject[];
  status: ResourceStatus;
  errorInfo?: { Type: string; Message: string };
  /** Epoch seconds. */
  createdTime: number;
  lastUpdatedTime: number;
}

export interface DataSetRecord {
  id: string;
  name: string;
  importMode: string;
  physicalTableMap: JsonObject;
  logicalTableMap: JsonObject;
  permissions: JsonObject[];
  /** The columns the data set's rows have, after every transform. */
  outputColumns: Array<{ Name: string; Type: string }>;
  consumedSpiceBytes: number;
  /** Rows kept in the prepared-rows file, after the last completed ingestion. */
  rowCount: number;
  createdTime: number;
  lastUpdatedTime: number;
}

export type IngestionStatus = 'INITIALIZED' | 'QUEUED' | 'RUNNING' | 'COMPLETED' | 'FAILED' | 'CANCELLED';

export interface IngestionRecord {
  id: string;
  dataSetId: string;
  status: IngestionStatus;
  requestType: 'INITIAL_INGESTION' | 'EDIT' | 'INCREMENTAL_REFRESH' | 'FULL_REFRESH';
  requestSource: 'MANUAL' | 'SCHEDULED';
  createdTime: number;
  /** Epoch seconds when it finished, for IngestionTimeInSeconds. */
  endedTime?: number;
  rowsIngested: number;
  rowsDropped: number;
  sizeBytes: number;
  errorInfo?: { Type: string; Message: string };
}

export interface AnalysisRecord {
  id: string;
  name: string;
  definition: JsonObject;
  permissions: JsonObject[];
  /** DELETED while in its recovery window. */
  status: ResourceStatus | 'DELETED';
  errors: Array<{ Type: string; Message: string }>;
  dataSetArns: string[];
  createdTime: number;
  lastUpdatedTime: number;
}

export interface RegionState {
  dataSources: Record<string, DataSourceRecord>;
  dataSets: Record<string, DataSetRecord>;
  /** By data set id, oldest first. */
  ingestions: Record<string, IngestionRecord[]>;
  analyses: Record<string, AnalysisRecord>;
  /** Set once the region got what the settings put there from the start (spice-full's old data set). */
  seeded?: boolean;
}

export interface AccountState {
  /** Undefined until the account's first QuickSight call (or its subscription) decides it. */
  identityRegion?: string;
  /** Undefined: not signed up. */
  subscription?: SubscriptionRecord;
  users: UserRecord[];
  /** Set once the account has been given its starting state from the settings. */
  initialised: boolean;
  regions: Record<string, RegionState>;
}

export const SLICE = 'quicksight';

/** The account's QuickSight state, created from the settings on first use. */
export function accountState(store: StateSlices, account: string, setting: QuickSightSetting): AccountState {
  const state = store.slice<AccountState>(SLICE, () => ({ users: [], initialised: false, regions: {} }));
  if (!state.initialised) {
    state.initialised = true;
    if (!setting.unsubscribed)
      subscribe(state, account, setting.edition, `sandbox-${account}`, 'learner@example.com');
    if (setting.identityRegion) state.identityRegion = setting.identityRegion;
    store.markDirty();
  }
  return state;
}

/** Signs the account up and registers the learner (and, with several-users, a colleague) as users. */
export function subscribe(
  state: AccountState,
  account: string,
  edition: SubscriptionRecord['edition'],
  accountName: string,
  email: string,
  authenticationType = 'IAM_AND_QUICKSIGHT',
): void {
  state.subscription = {
    status: 'ACCOUNT_CREATED',
    edition,
    accountName,
    notificationEmail: email,
    authenticationType,
  };
  if (state.users.length === 0) state.users.push(learnerUser(account));
}

export function regionState(state: AccountState, region: string): RegionState {
  return (state.regions[region] ??= { dataSources: {}, dataSets: {}, ingestions: {}, analyses: {} });
}

/** The QuickSight user the sandbox's STS caller (sandbox-learner) is registered as. */
function learnerUser(account: string): UserRecord {
  return {
    UserName: 'sandbox-learner',
    Email: 'learner@example.com',
    Role: 'ADMIN',
    IdentityType: 'IAM',
    Active: true,
    PrincipalId: `federated/iam/AIDA${account}SANDBOX`,
  };
}

export function colleagueUser(): UserRecord {
  return {
    UserName: 'park-analyst',
    Email: 'analyst@example.com',
    Role: 'AUTHOR',
    IdentityType: 'QUICKSIGHT',
    Active: true,
    PrincipalId: 'user/d-sandbox/park-analyst',
  };
}

export const arns = {
  dataSource: (region: string, account: string, id: string) =>
    `arn:aws:quicksight:${region}:${account}:datasource/${id}`,
  dataSet: (region: string, account: string, id: string) =>
    `arn:aws:quicksight:${region}:${account}:dataset/${id}`,
  ingestion: (region: string, account: string, dataSetId: string, id: string) =>
    `arn:aws:quicksight:${region}:${account}:dataset/${dataSetId}/ingestion/${id}`,
  analysis: (region: string, account: string, id: string) =>
    `arn:aws:quicksight:${region}:${account}:analysis/${id}`,
  user: (identityRegion: string, account: string, name: string) =>
    `arn:aws:quicksight:${identityRegion}:${account}:user/default/${name}`,
};

/** Epoch seconds with milliseconds, as QuickSight's timestamps go on the wire. */
export function epochSeconds(sandbox: Pick<SandboxRuntime, 'now'>): number {
  return sandbox.now().getTime() / 1000;
}
