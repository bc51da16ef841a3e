/**
 * A data set's physical and logical tables turned into one function from a
 * parsed JSON record to a prepared row, checked when the data set is
 * created:
 *
 *   JSON record ──flatten──> input columns ──DataTransforms, in order──> output columns
 *   {"visitor":{"age":25}}   visitor.age: INTEGER   cast, tag, create, rename, project, filter
 *
 * Nested objects become dotted column names (visitor.home.latitude), as
 * QuickSight flattens JSON. A value that cannot be converted drops the row;
 * a filter that does not match leaves it out without counting it as dropped.
 */
import { compileExpression, ExpressionError, type Compiled } from './expression.js';
import {
  cast,
  CastFailure,
  fromJson,
  INPUT_TYPES,
  OUTPUT_TYPES,
  type ColumnType,
  type Row,
} from './values.js';

export class PreparationError extends Error {}

export interface OutputColumn {
  name: string;
  type: ColumnType;
  /** LATITUDE, LONGITUDE, ... from TagColumnOperation. */
  geographicRole?: string;
  description?: string;
}

export const FILTERED = Symbol('filtered');

export type Prepared = { row: Row } | { dropped: string } | typeof FILTERED;

export interface Preparation {
  physicalTableId: string;
  dataSourceArn: string;
  /** UploadSettings.Format, when the data set gives one. */
  format: string | undefined;
  inputColumns: ReadonlyArray<{ name: string; type: string }>;
  outputColumns: readonly OutputColumn[];
  prepare(flat: Record<string, unknown>): Prepared;
}

type Step = (row: Row) => boolean;

/**
 * Checks the tables of a CreateDataSet request and compiles them. Throws
 * PreparationError naming the member at fault.
 */
export function buildPreparation(physicalTableMap: unknown, logicalTableMap: unknown): Preparation {
  const physical = onlyEntry(physicalTableMap, 'PhysicalTableMap');
  const [physicalTableId, table] = physical;
  checkTableId(physicalTableId, 'PhysicalTableMap');
  const s3 = (table as Record<string, unknown>).S3Source as Record<string, unknown> | undefined;
  if (!s3 || typeof s3 !== 'object') {
    const kinds = Object.keys(table as object).join(', ') || 'nothing';
    throw new PreparationError(
      `PhysicalTableMap.${physicalTableId} must be an S3Source for an S3 data source (got ${kinds}).`,
    );
  }
  const dataSourceArn = s3.DataSourceArn;
  if (typeof dataSourceArn !== 'string' || !dataSourceArn) {
    throw new PreparationError(`PhysicalTableMap.${physicalTableId}.S3Source.DataSourceArn is required.`);
  }
  const inputColumns = readInputColumns(
    s3.InputColumns,
    `PhysicalTableMap.${physicalTableId}.S3Source.InputColumns`,
  );
  const uploadSettings = (s3.UploadSettings ?? {}) as Record<string, unknown>;

  const columns = new Map<string, OutputColumn>();
  for (const column of inputColumns) {
    columns.set(column.name, { name: column.name, type: inputToColumnType(column.type) });
  }
  const steps: Step[] = [];
  const logical =
    logicalTableMap === undefined || logicalTableMap === null
      ? undefined
      : onlyEntry(logicalTableMap, 'LogicalTableMap');
  if (logical) {
    const [logicalId, definition] = logical;
    checkTableId(logicalId, 'LogicalTableMap');
    const where = `LogicalTableMap.${logicalId}`;
    const source = (definition as Record<string, unknown>).Source as Record<string, unknown> | undefined;
    if (typeof (definition as Record<string, unknown>).Alias !== 'string')
      throw new PreparationError(`${where}.Alias is required.`);
    if (source?.JoinInstruction) {
      throw new PreparationError(
        `${where}.Source.JoinInstruction: the sandbox prepares single-table data sets only.`,
      );
    }
    if (source?.PhysicalTableId !== physicalTableId) {
      throw new PreparationError(
        `${where}.Source.PhysicalTableId must name the physical table ${physicalTableId}.`,
      );
    }
    const transforms = (definition as Record<string, unknown>).DataTransforms ?? [];
    if (!Array.isArray(transforms)) throw new PreparationError(`${where}.DataTransforms must be a list.`);
    transforms.forEach((transform, i) =>
      steps.push(...compileTransform(transform, columns, `${where}.DataTransforms[${i}]`)),
    );
  }

  const outputColumns = [...columns.values()];
  return {
    physicalTableId,
    dataSourceArn,
    format: typeof uploadSettings.Format === 'string' ? uploadSettings.Format : undefined,
    inputColumns,
    outputColumns,
    prepare(flat) {
      const row: Row = {};
      try {
        for (const column of inputColumns)
          row[column.name] = fromJson(flat[column.name], column.type, column.name);
        for (const step of steps) if (!step(row)) return FILTERED;
      } catch (error) {
        if (error instanceof CastFailure) return { dropped: error.message };
        throw error;
      }
      const out: Row = {};
      for (const column of outputColumns) out[column.name] = row[column.name] ?? null;
      return { row: out };
    },
  };
}

function compileTransform(transform: unknown, columns: Map<string, OutputColumn>, where: string): Step[] {
  const keys = transform && typeof transform === 'object' ? Object.keys(transform) : [];
  if (keys.length !== 1) throw new PreparationError(`${where} must hold exactly one operation.`);
  const kind = keys[0]!;
  const op = (transform as Record<string, Record<string, unknown>>)[kind]!;
  const at = `${where}.${kind}`;
  const existing = (name: unknown, member = 'ColumnName'): OutputColumn => {
    if (typeof name !== 'string' || !name) throw new PreparationError(`${at}.${member} is required.`);
    const column = columns.get(name);
    if (!column)
      throw new PreparationError(
        `${at}: the column "${name}" does not exist at this point of the preparation.`,
      );
    return column;
  };

  switch (kind) {
    case 'CastColumnTypeOperation': {
      const column = existing(op.ColumnName);
      const type = op.NewColumnType;
      if (typeof type !== 'string' || !OUTPUT_TYPES.includes(type)) {
        throw new PreparationError(`${at}.NewColumnType must be one of ${OUTPUT_TYPES.join(', ')}.`);
      }
      column.type = type as ColumnType;
      const name = column.name;
      return [(row) => ((row[name] = cast(row[name] ?? null, type as ColumnType, name)), true)];
    }
    case 'TagColumnOperation': {
      const column = existing(op.ColumnName);
      if (!Array.isArray(op.Tags) || op.Tags.length === 0)
        throw new PreparationError(`${at}.Tags must list at least one tag.`);
      for (const tag of op.Tags as Array<Record<string, unknown>>) {
        const role = tag?.ColumnGeographicRole;
        if (typeof role === 'string') {
          if (
            (role === 'LATITUDE' || role === 'LONGITUDE') &&
            column.type !== 'DECIMAL' &&
            column.type !== 'INTEGER'
          ) {
            throw new PreparationError(
              `${at}: ${column.name} is a ${column.type}; a ${role} must be a DECIMAL or INTEGER column.`,
            );
          }
          column.geographicRole = role;
        }
        const text = (tag?.ColumnDescription as Record<string, unknown> | undefined)?.Text;
        if (typeof text === 'string') column.description = text;
      }
      return [];
    }
    case 'CreateColumnsOperation': {
      if (!Array.isArray(op.Columns) || op.Columns.length === 0)
        throw new PreparationError(`${at}.Columns must list at least one column.`);
      const types = new Map([...columns].map(([name, column]) => [name, column.type]));
      const created: Array<[string, Compiled]> = [];
      for (const [i, column] of (op.Columns as Array<Record<string, unknown>>).entries()) {
        const name = column?.ColumnName;
        if (typeof name !== 'string' || !name)
          throw new PreparationError(`${at}.Columns[${i}].ColumnName is required.`);
        if (typeof column.ColumnId !== 'string' || !column.ColumnId)
          throw new PreparationError(`${at}.Columns[${i}].ColumnId is required.`);
        if (columns.has(name)) throw new PreparationError(`${at}: a column named "${name}" already exists.`);
        if (typeof column.Expression !== 'string')
          throw new PreparationError(`${at}.Columns[${i}].Expression is required.`);
        let compiled: Compiled;
        try {
          compiled = compileExpression(column.Expression, types);
        } catch (error) {
          if (error instanceof ExpressionError)
            throw new PreparationError(`${at}.Columns[${i}] (${name}): ${error.message}.`);
          throw error;
        }
        if (compiled.type === 'BOOLEAN') compiled = { type: 'INTEGER', evaluate: compiled.evaluate };
        created.push([name, compiled]);
      }
      for (const [name, compiled] of created) columns.set(name, { name, type: compiled.type });
      return created.map(
        ([name, compiled]) =>
          (row) => ((row[name] = compiled.evaluate(row)), true),
      );
    }
    case 'RenameColumnOperation': {
      const column = existing(op.ColumnName);
      const to = op.NewColumnName;
      if (typeof to !== 'string' || !to) throw new PreparationError(`${at}.NewColumnName is required.`);
      if (columns.has(to)) throw new PreparationError(`${at}: a column named "${to}" already exists.`);
      const from = column.name;
      columns.delete(from);
      columns.set(to, { ...column, name: to });
      return [(row) => ((row[to] = row[from] ?? null), true)];
    }
    case 'ProjectOperation': {
      if (!Array.isArray(op.ProjectedColumns) || op.ProjectedColumns.length === 0) {
        throw new PreparationError(`${at}.ProjectedColumns must list at least one column.`);
      }
      const kept = (op.ProjectedColumns as unknown[]).map((name) => existing(name, 'ProjectedColumns'));
      columns.clear();
      for (const column of kept) columns.set(column.name, column);
      return [];
    }
    case 'FilterOperation': {
      if (typeof op.ConditionExpression !== 'string') {
        throw new PreparationError(
          `${at}: the sandbox supports FilterOperation with a ConditionExpression only.`,
        );
      }
      let compiled: Compiled;
      try {
        compiled = compileExpression(
          op.ConditionExpression,
          new Map([...columns].map(([n, c]) => [n, c.type])),
        );
      } catch (error) {
        if (error instanceof ExpressionError)
          throw new PreparationError(`${at}.ConditionExpression: ${error.message}.`);
        throw error;
      }
      if (compiled.type !== 'BOOLEAN')
        throw new PreparationError(`${at}.ConditionExpression must be a condition, not a ${compiled.type}.`);
      return [(row) => compiled.evaluate(row) === true];
    }
    case 'UntagColumnOperation': {
      const column = existing(op.ColumnName);
      delete column.geographicRole;
      return [];
    }
    default:
      throw new PreparationError(`${where}: ${kind} is not a data transform the sandbox knows.`);
  }
}

function readInputColumns(value: unknown, where: string): Array<{ name: string; type: string }> {
  if (!Array.isArray(value) || value.length === 0)
    throw new PreparationError(`${where} must list at least one column.`);
  if (value.length > 2048) throw new PreparationError(`${where} may list at most 2048 columns.`);
  const seen = new Set<string>();
  return value.map((column: Record<string, unknown>, i) => {
    const name = column?.Name;
    const type = column?.Type;
    if (typeof name !== 'string' || !name) throw new PreparationError(`${where}[${i}].Name is required.`);
    if (typeof type !== 'string' || !INPUT_TYPES.includes(type)) {
      throw new PreparationError(`${where}[${i}].Type must be one of ${INPUT_TYPES.join(', ')}.`);
    }
    if (seen.has(name)) throw new PreparationError(`${where}: the column "${name}" is listed twice.`);
    seen.add(name);
    return { name, type };
  });
}

function inputToColumnType(type: string): ColumnType {
  if (type === 'BIT' || type === 'BOOLEAN') return 'BOOLEAN';
  if (type === 'JSON') return 'STRING';
  return type as ColumnType;
}

function onlyEntry(map: unknown, name: string): [string, unknown] {
  if (!map || typeof map !== 'object' || Array.isArray(map))
    throw new PreparationError(`${name} is required.`);
  const entries = Object.entries(map);
  if (entries.length === 0) throw new PreparationError(`${name} must hold a table.`);
  if (entries.length > 1)
    throw new PreparationError(
      `${name}: the sandbox prepares single-table data sets only (got ${entries.length}).`,
    );
  const [id, table] = entries[0]!;
  if (!table || typeof table !== 'object') throw new PreparationError(`${name}.${id} must be an object.`);
  return [id, table];
}

function checkTableId(id: string, map: string): void {
  if (!/^[0-9a-zA-Z-]{1,64}$/.test(id))
    throw new PreparationError(`${map} key "${id}" must match [0-9a-zA-Z-]{1,64}.`);
}

/** Flattens nested objects into dotted names; arrays and scalars stay as they are. */
export function flatten(
  record: Record<string, unknown>,
  into: Record<string, unknown> = {},
  prefix = '',
): Record<string, unknown> {
  for (const key in record) {
    const value = record[key];
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      flatten(value as Record<string, unknown>, into, `${prefix}${key}.`);
    } else {
      into[prefix + key] = value;
    }
  }
  return into;
}
