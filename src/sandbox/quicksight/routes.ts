/**
 * QuickSight's REST paths (restJson1, from the service model) and the
 * operation each names. `{x}` segments are path labels.
 */
import type { RequestHead } from '../types.js';

const A = 'accounts/{AwsAccountId}';

const ROUTES: ReadonlyArray<readonly [method: string, path: string, operation: string]> = [
  ['GET', 'account/{AwsAccountId}', 'DescribeAccountSubscription'],
  ['POST', 'account/{AwsAccountId}', 'CreateAccountSubscription'],
  ['GET', `${A}/namespaces/{Namespace}/users`, 'ListUsers'],
  ['GET', `${A}/namespaces/{Namespace}/users/{UserName}`, 'DescribeUser'],
  ['POST', `${A}/data-sources`, 'CreateDataSource'],
  ['GET', `${A}/data-sources`, 'ListDataSources'],
  ['GET', `${A}/data-sources/{DataSourceId}`, 'DescribeDataSource'],
  ['DELETE', `${A}/data-sources/{DataSourceId}`, 'DeleteDataSource'],
  ['POST', `${A}/data-sets`, 'CreateDataSet'],
  ['GET', `${A}/data-sets`, 'ListDataSets'],
  ['GET', `${A}/data-sets/{DataSetId}`, 'DescribeDataSet'],
  ['DELETE', `${A}/data-sets/{DataSetId}`, 'DeleteDataSet'],
  ['GET', `${A}/data-sets/{DataSetId}/ingestions`, 'ListIngestions'],
  ['PUT', `${A}/data-sets/{DataSetId}/ingestions/{IngestionId}`, 'CreateIngestion'],
  ['GET', `${A}/data-sets/{DataSetId}/ingestions/{IngestionId}`, 'DescribeIngestion'],
  ['DELETE', `${A}/data-sets/{DataSetId}/ingestions/{IngestionId}`, 'CancelIngestion'],
  ['GET', `${A}/analyses`, 'ListAnalyses'],
  ['POST', `${A}/analyses/{AnalysisId}`, 'CreateAnalysis'],
  ['GET', `${A}/analyses/{AnalysisId}`, 'DescribeAnalysis'],
  ['DELETE', `${A}/analyses/{AnalysisId}`, 'DeleteAnalysis'],
  ['GET', `${A}/analyses/{AnalysisId}/definition`, 'DescribeAnalysisDefinition'],
];

const COMPILED = ROUTES.map(([method, path, operation]) => ({ method, parts: path.split('/'), operation }));

export interface RouteMatch {
  operation: string;
  /** Path labels by name, decoded. */
  params: Record<string, string>;
}

export function matchRoute(head: Pick<RequestHead, 'method' | 'segments'>): RouteMatch | undefined {
  // A trailing slash names the same resource.
  const segments = head.segments.at(-1) === '' ? head.segments.slice(0, -1) : head.segments;
  for (const route of COMPILED) {
    if (route.method !== head.method || route.parts.length !== segments.length) continue;
    const params: Record<string, string> = {};
    const matches = route.parts.every((part, i) => {
      if (part.startsWith('{')) {
        params[part.slice(1, -1)] = segments[i]!;
        return segments[i] !== '';
      }
      return part === segments[i];
    });
    if (matches) return { operation: route.operation, params };
  }
  return undefined;
}
