/**
 * Amazon QuickSight in the sandbox, over restJson1 (paths in routes.ts), with
 * the data sets' files read from the sandbox's S3 and prepared rows kept on
 * disk (api.ts reads them back).
 *
 * Operations: DescribeAccountSubscription, CreateAccountSubscription,
 * ListUsers, DescribeUser; Create/Describe/List/Delete for data sources, data
 * sets and analyses, DescribeAnalysisDefinition; CreateIngestion,
 * DescribeIngestion, ListIngestions, CancelIngestion. How accounts start out
 * comes from THEMEPARK_SANDBOX_QUICKSIGHT (settings.ts, QUICKSIGHT_ENV_DOC).
 */
import {
  unknownOperation,
  type SandboxContext,
  type SandboxRequest,
  type SandboxResponse,
  type SandboxService,
} from '../service-kit.js';
import type { SandboxRuntime } from '../types.js';
import {
  admit,
  createAccountSubscription,
  describeAccountSubscription,
  describeUser,
  listUsers,
} from './account.js';
import {
  createAnalysis,
  deleteAnalysis,
  describeAnalysis,
  describeAnalysisDefinition,
  listAnalyses,
} from './analyses.js';
import { createDataSource, deleteDataSource, describeDataSource, listDataSources } from './data-sources.js';
import { createDataSet, deleteDataSet, describeDataSet, listDataSets } from './data-sets.js';
import { IngestionJobs } from './ingestion-job.js';
import { cancelIngestion, createIngestion, describeIngestion, listIngestions } from './ingestions.js';
import { matchRoute } from './routes.js';
import { seedRegion } from './seed.js';
import { parseQuickSightSetting, type QuickSightSetting } from './settings.js';
import type { AccountState } from './state.js';

export { QUICKSIGHT_ENV_DOC, parseQuickSightSetting } from './settings.js';

interface QuickSightRuntime {
  setting: QuickSightSetting;
  jobs: IngestionJobs;
}

function runtimeOf(sandbox: SandboxRuntime): QuickSightRuntime {
  return sandbox.memory('quicksight', () => {
    const setting = parseQuickSightSetting(sandbox.options.quickSight);
    return { setting, jobs: new IngestionJobs(sandbox, setting) };
  });
}

type Handler = (
  req: SandboxRequest,
  state: AccountState,
  ctx: SandboxContext,
  params: Record<string, string>,
  rt: QuickSightRuntime,
) => SandboxResponse | Promise<SandboxResponse>;

const HANDLERS: Record<string, Handler> = {
  DescribeAccountSubscription: (_req, state, ctx) => describeAccountSubscription(state, ctx),
  CreateAccountSubscription: (req, state, ctx, _p, rt) =>
    createAccountSubscription(req, state, ctx, rt.setting),
  ListUsers: (req, state, ctx, params) => listUsers(req, state, ctx, params),
  DescribeUser: (_req, state, ctx, params) => describeUser(state, ctx, params),
  CreateDataSource: (req, state, ctx) => createDataSource(req, state, ctx),
  DescribeDataSource: (_req, state, ctx, params) => describeDataSource(state, ctx, params.DataSourceId!),
  ListDataSources: (req, state, ctx) => listDataSources(req, state, ctx),
  DeleteDataSource: (_req, state, ctx, params) => deleteDataSource(state, ctx, params.DataSourceId!),
  CreateDataSet: (req, state, ctx, _p, rt) => createDataSet(req, state, ctx, rt.jobs),
  DescribeDataSet: (_req, state, ctx, params) => describeDataSet(state, ctx, params.DataSetId!),
  ListDataSets: (req, state, ctx) => listDataSets(req, state, ctx),
  DeleteDataSet: (_req, state, ctx, params, rt) => deleteDataSet(state, ctx, params.DataSetId!, rt.jobs),
  CreateIngestion: (req, state, ctx, params, rt) => createIngestion(req, state, ctx, params, rt.jobs),
  DescribeIngestion: (_req, state, ctx, params) => describeIngestion(state, ctx, params),
  ListIngestions: (req, state, ctx, params) => listIngestions(req, state, ctx, params),
  CancelIngestion: (_req, state, ctx, params, rt) => cancelIngestion(state, ctx, params, rt.jobs),
  CreateAnalysis: (req, state, ctx, params) => createAnalysis(req, state, ctx, params),
  DescribeAnalysis: (_req, state, ctx, params) => describeAnalysis(state, ctx, params.AnalysisId!),
  DescribeAnalysisDefinition: (_req, state, ctx, params) =>
    describeAnalysisDefinition(state, ctx, params.AnalysisId!),
  ListAnalyses: (req, state, ctx) => listAnalyses(req, state, ctx),
  DeleteAnalysis: (req, state, ctx, params) => deleteAnalysis(req, state, ctx, params.AnalysisId!),
};

export const quickSightService: SandboxService = {
  name: 'quicksight',
  protocol: 'rest-json',
  operationOf: (head) => matchRoute(head)?.operation,
  async handle(req, ctx) {
    const match = matchRoute(req);
    const handler = match && HANDLERS[match.operation];
    if (!match || !handler) throw unknownOperation('rest-json', 'quicksight', req.operation);
    const rt = runtimeOf(ctx.sandbox);
    const state = admit(ctx, rt.setting, match.operation, match.params);
    if (state.subscription) seedRegion(ctx, state, rt.setting);
    return handler(req, state, ctx, match.params, rt);
  },
  // Parsing the setting here makes a typo in THEMEPARK_SANDBOX_QUICKSIGHT fail the start.
  start: (sandbox) => runtimeOf(sandbox).jobs.resume(),
  stop: (sandbox) => runtimeOf(sandbox).jobs.close(),
};
