/**
 * Analyses built from a Definition: CreateAnalysis, DescribeAnalysis,
 * DescribeAnalysisDefinition, ListAnalyses, DeleteAnalysis. Creation answers
 * 202 CREATION_IN_PROGRESS and settles a moment later, successful or failed
 * with Errors (analysis-definition.ts). Deleting keeps the analysis for a
 * recovery window unless ForceDeleteWithoutRecovery is set, and its id
 * cannot be used again until then, as on AWS.
 */
import {
  restJsonResult,
  type SandboxContext,
  type SandboxRequest,
  type SandboxResponse,
} from '../service-kit.js';
import { checkPermissions, page } from './account.js';
import {
  checkDefinition,
  definitionErrors,
  DefinitionError,
  unknownColumns,
  type ColumnInfo,
  type DefinitionFacts,
} from './analysis-definition.js';
import { prepare } from './data-sets.js';
import {
  checkId,
  invalidParameter,
  notFound,
  requiredString,
  resourceExists,
  unsupportedEdition,
} from './errors.js';
import {
  arns,
  epochSeconds,
  regionState,
  type AccountState,
  type AnalysisRecord,
  type JsonObject,
} from './state.js';

const SETTLE_SECONDS = 2;
const DAY = 86_400;

export function createAnalysis(
  req: SandboxRequest,
  state: AccountState,
  ctx: SandboxContext,
  params: Record<string, string>,
): SandboxResponse {
  const body = req.json ?? {};
  const id = checkId(params.AnalysisId!, 'AnalysisId', /^[\w-]+$/, 512);
  const name = requiredString(body, 'Name');
  if (body.SourceEntity !== undefined && body.Definition === undefined) {
    throw invalidParameter(
      'The sandbox builds analyses from a Definition; SourceEntity (a template) is not supported.',
    );
  }
  if (body.Definition === undefined) throw invalidParameter('Either Definition or SourceEntity is required.');
  editionAllowsDefinitions(state);
  const facts = definitionFacts(body.Definition);
  const problems = unknownColumns(facts, (arn) => columnsOf(state, ctx, arn));
  if (problems.length > 0) throw invalidParameter(problems.join(' '));
  const permissions = checkPermissions(body.Permissions, state, ctx.account);

  const analyses = regionState(state, ctx.region).analyses;
  const previous = Object.hasOwn(analyses, id) ? analyses[id] : undefined;
  if (previous?.status === 'DELETED') {
    throw resourceExists(
      `Analysis ${id} is deleted but can still be restored; restore it, or delete it with ForceDeleteWithoutRecovery before creating it again.`,
    );
  }
  if (previous) throw resourceExists(`Analysis ${id} already exists.`);
  const now = epochSeconds(ctx.sandbox);
  analyses[id] = {
    id,
    name,
    definition: body.Definition as JsonObject,
    permissions,
    status: 'CREATION_IN_PROGRESS',
    errors: [],
    dataSetArns: [...facts.dataSets.values()],
    createdTime: now,
    lastUpdatedTime: now,
  };
  ctx.store.markDirty();
  return restJsonResult(
    {
      Arn: arns.analysis(ctx.region, ctx.account, id),
      AnalysisId: id,
      CreationStatus: 'CREATION_IN_PROGRESS',
    },
    202,
  );
}

export function describeAnalysis(state: AccountState, ctx: SandboxContext, id: string): SandboxResponse {
  const record = settled(state, ctx, existing(state, ctx, id));
  return restJsonResult({
    Analysis: {
      AnalysisId: id,
      Arn: arns.analysis(ctx.region, ctx.account, id),
      Name: record.name,
      Status: record.status,
      Errors: record.errors,
      DataSetArns: record.dataSetArns,
      CreatedTime: record.createdTime,
      LastUpdatedTime: record.lastUpdatedTime,
      Sheets: definitionFacts(record.definition).sheets,
    },
  });
}

export function describeAnalysisDefinition(
  state: AccountState,
  ctx: SandboxContext,
  id: string,
): SandboxResponse {
  editionAllowsDefinitions(state);
  const record = settled(state, ctx, existing(state, ctx, id));
  return restJsonResult({
    AnalysisId: id,
    Name: record.name,
    Errors: record.errors,
    ResourceStatus: record.status,
    Definition: record.definition,
  });
}

export function listAnalyses(req: SandboxRequest, state: AccountState, ctx: SandboxContext): SandboxResponse {
  const records = Object.values(regionState(state, ctx.region).analyses)
    .filter((record) => record.status !== 'DELETED')
    .map((record) => settled(state, ctx, record))
    .sort((a, b) => a.createdTime - b.createdTime);
  const { items, nextToken } = page(records, req.query.get('next-token'), req.query.get('max-results'));
  return restJsonResult({
    AnalysisSummaryList: items.map((record) => ({
      Arn: arns.analysis(ctx.region, ctx.account, record.id),
      AnalysisId: record.id,
      Name: record.name,
      Status: record.status,
      CreatedTime: record.createdTime,
      LastUpdatedTime: record.lastUpdatedTime,
    })),
    ...(nextToken ? { NextToken: nextToken } : {}),
  });
}

export function deleteAnalysis(
  req: SandboxRequest,
  state: AccountState,
  ctx: SandboxContext,
  id: string,
): SandboxResponse {
  const record = existing(state, ctx, id);
  const force = req.query.get('force-delete-without-recovery') === 'true';
  const window = req.query.get('recovery-window-in-days');
  if (force && window !== null)
    throw invalidParameter('Give either RecoveryWindowInDays or ForceDeleteWithoutRecovery, not both.');
  const days = window === null ? 30 : Number(window);
  if (!Number.isInteger(days) || days < 7 || days > 30)
    throw invalidParameter('RecoveryWindowInDays must be a whole number from 7 to 30.');
  const now = epochSeconds(ctx.sandbox);
  if (force) {
    delete regionState(state, ctx.region).analyses[id];
  } else {
    if (record.status === 'DELETED') throw notFound(`Analysis ${id} is already deleted.`);
    record.status = 'DELETED';
    record.lastUpdatedTime = now;
  }
  ctx.store.markDirty();
  return restJsonResult({
    Arn: arns.analysis(ctx.region, ctx.account, id),
    AnalysisId: id,
    DeletionTime: force ? now : now + days * DAY,
  });
}

/** Standard edition cannot hold analyses defined through the API (AWS.md section 4). */
function editionAllowsDefinitions(state: AccountState): void {
  if (state.subscription?.edition === 'STANDARD') {
    throw unsupportedEdition(
      'This operation is not supported in the STANDARD edition of Amazon QuickSight. Upgrade to the ENTERPRISE edition to define analyses through the API.',
    );
  }
}

function definitionFacts(definition: unknown): DefinitionFacts {
  try {
    return checkDefinition(definition);
  } catch (error) {
    if (error instanceof DefinitionError) throw invalidParameter(error.message);
    throw error;
  }
}

function existing(state: AccountState, ctx: SandboxContext, id: string): AnalysisRecord {
  const analyses = regionState(state, ctx.region).analyses;
  if (!Object.hasOwn(analyses, id)) throw notFound(`Analysis ${id} does not exist in ${ctx.region}.`);
  return analyses[id]!;
}

/** Decides the creation once its time has come: the data sets and columns are checked as they are then. */
function settled(state: AccountState, ctx: SandboxContext, record: AnalysisRecord): AnalysisRecord {
  if (record.status !== 'CREATION_IN_PROGRESS') return record;
  if (epochSeconds(ctx.sandbox) - record.createdTime < SETTLE_SECONDS / ctx.sandbox.timeScale) return record;
  record.errors = definitionErrors(checkDefinition(record.definition), (arn) => columnsOf(state, ctx, arn));
  record.status = record.errors.length > 0 ? 'CREATION_FAILED' : 'CREATION_SUCCESSFUL';
  record.lastUpdatedTime = epochSeconds(ctx.sandbox);
  ctx.store.markDirty();
  return record;
}

/** The prepared columns of the data set an ARN names in this account and region, with their map roles. */
function columnsOf(
  state: AccountState,
  ctx: SandboxContext,
  arn: string,
): Map<string, ColumnInfo> | undefined {
  const prefix = arns.dataSet(ctx.region, ctx.account, '');
  if (!arn.startsWith(prefix)) return undefined;
  const sets = regionState(state, ctx.region).dataSets;
  const id = arn.slice(prefix.length);
  if (!Object.hasOwn(sets, id)) return undefined;
  const record = sets[id]!;
  const columns = prepare(record.physicalTableMap, record.logicalTableMap).outputColumns;
  return new Map(
    columns.map((column) => [
      column.name,
      { type: column.type === 'BOOLEAN' ? 'INTEGER' : column.type, geographicRole: column.geographicRole },
    ]),
  );
}
