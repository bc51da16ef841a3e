/**
 * The module's QuickSight definitions, kept once in assets/ as JSON so the
 * runner, the tests and a curious learner all read the same thing:
 *
 *   assets/quicksight-data-set.json   the data preparation (physical + logical table)
 *   assets/quicksight-analysis.json   the five visuals and their filters on `event`
 *   assets/quicksight-manifest.json   the manifest file's shape
 *
 * `${Name}` in a string is replaced by the value given for Name.
 */
import { readFileSync } from 'node:fs';
import type { AnalysisDefinition, LogicalTable, PhysicalTable } from '@aws-sdk/client-quicksight';
import { packagePath } from '../engine/paths.js';

export const DATA_SET_ASSET = packagePath('assets', 'quicksight-data-set.json');
export const ANALYSIS_ASSET = packagePath('assets', 'quicksight-analysis.json');
export const MANIFEST_ASSET = packagePath('assets', 'quicksight-manifest.json');

export interface DataSetTables {
  PhysicalTableMap: Record<string, PhysicalTable>;
  LogicalTableMap: Record<string, LogicalTable>;
}

export function dataSetTables(dataSourceArn: string): DataSetTables {
  return fill(readJson(DATA_SET_ASSET), { DataSourceArn: dataSourceArn }) as DataSetTables;
}

export function analysisDefinition(dataSetArn: string): AnalysisDefinition {
  return fill(readJson(ANALYSIS_ASSET), { DataSetArn: dataSetArn }) as AnalysisDefinition;
}

/** The manifest text for these `s3://bucket/prefix/` prefixes, formatted for a human to read. */
export function manifestText(uriPrefixes: string[]): string {
  const manifest = readJson(MANIFEST_ASSET) as { fileLocations: Array<{ URIPrefixes: string[] }> };
  manifest.fileLocations = [{ URIPrefixes: uriPrefixes }];
  return JSON.stringify(manifest, null, 2) + '\n';
}

/** The columns the prepared data set must have, with their types and map roles, read from the asset. */
export function preparedColumns(): Array<{ name: string; type: string; geographicRole?: string }> {
  const tables = readJson(DATA_SET_ASSET) as {
    PhysicalTableMap: Record<string, { S3Source: { InputColumns: Array<{ Name: string; Type: string }> } }>;
    LogicalTableMap: Record<string, { DataTransforms: Array<Record<string, Record<string, unknown>>> }>;
  };
  const columns = new Map<string, { name: string; type: string; geographicRole?: string }>();
  for (const input of Object.values(tables.PhysicalTableMap)[0]!.S3Source.InputColumns) {
    columns.set(input.Name, { name: input.Name, type: input.Type });
  }
  for (const transform of Object.values(tables.LogicalTableMap)[0]!.DataTransforms) {
    const cast = transform.CastColumnTypeOperation;
    if (cast) columns.get(String(cast.ColumnName))!.type = String(cast.NewColumnType);
    const tag = transform.TagColumnOperation as
      { ColumnName: string; Tags: Array<{ ColumnGeographicRole?: string }> } | undefined;
    if (tag)
      columns.get(tag.ColumnName)!.geographicRole = tag.Tags.find(
        (t) => t.ColumnGeographicRole,
      )?.ColumnGeographicRole;
    const create = transform.CreateColumnsOperation as { Columns: Array<{ ColumnName: string }> } | undefined;
    // The one calculated column, minutesInPark, is a whole number of minutes.
    for (const column of create?.Columns ?? [])
      columns.set(column.ColumnName, { name: column.ColumnName, type: 'INTEGER' });
  }
  return [...columns.values()];
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`cannot read ${file}: ${(error as Error).message}`);
  }
}

function fill(value: unknown, values: Record<string, string>): unknown {
  if (typeof value === 'string') {
    return value.replace(/\$\{(\w+)\}/g, (match, name: string) => {
      if (!Object.hasOwn(values, name)) throw new Error(`no value for ${match} in a QuickSight asset`);
      return values[name]!;
    });
  }
  if (Array.isArray(value)) return value.map((item) => fill(item, values));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, fill(item, values)]));
  }
  return value;
}
