/**
 * Checks an analysis Definition in two passes, as the service does:
 *
 * - structure (at CreateAnalysis, InvalidParameterValueException): data set
 *   identifiers declared and used consistently, ids unique, each visual one
 *   kind, filter scopes and layouts naming visuals that exist, known enums;
 * - against the data sets (when creation settles, the analysis's Errors):
 *   DATA_SET_NOT_FOUND, COLUMN_TYPE_MISMATCH, COLUMN_GEOGRAPHIC_ROLE_MISMATCH.
 *   A column a data set does not have at all is refused at once when the
 *   data set exists.
 */

export class DefinitionError extends Error {}

export interface FieldUse {
  /** NumericalMeasureField, CategoryFilter, ... */
  kind: string;
  identifier: string;
  column: string;
  /** In a map's Geospatial well: the column must be a latitude or longitude. */
  geospatial: boolean;
  where: string;
}

export interface DefinitionFacts {
  /** Data set identifier -> ARN. */
  dataSets: Map<string, string>;
  fields: FieldUse[];
  sheets: Array<{ SheetId: string; Name?: string }>;
  visualCount: number;
}

export interface ColumnInfo {
  type: string;
  geographicRole?: string;
}

const FIELD_TYPES: Record<string, string[]> = {
  NumericalDimensionField: ['INTEGER', 'DECIMAL'],
  NumericalMeasureField: ['INTEGER', 'DECIMAL'],
  CategoricalDimensionField: ['STRING'],
  CategoricalMeasureField: ['STRING'],
  DateDimensionField: ['DATETIME'],
  DateMeasureField: ['DATETIME'],
  CategoryFilter: ['STRING'],
  NumericRangeFilter: ['INTEGER', 'DECIMAL'],
  NumericEqualityFilter: ['INTEGER', 'DECIMAL'],
  TimeEqualityFilter: ['DATETIME'],
  TimeRangeFilter: ['DATETIME'],
  RelativeDatesFilter: ['DATETIME'],
  TopBottomFilter: ['STRING', 'INTEGER', 'DECIMAL', 'DATETIME'],
};
const FILTER_KINDS = new Set([
  'CategoryFilter',
  'NumericRangeFilter',
  'NumericEqualityFilter',
  'TimeEqualityFilter',
  'TimeRangeFilter',
  'RelativeDatesFilter',
  'TopBottomFilter',
]);
const NUMERIC_AGGREGATIONS = [
  'SUM',
  'AVERAGE',
  'MIN',
  'MAX',
  'COUNT',
  'DISTINCT_COUNT',
  'VAR',
  'VARP',
  'STDEV',
  'STDEVP',
  'MEDIAN',
];
const CATEGORICAL_AGGREGATIONS = ['COUNT', 'DISTINCT_COUNT'];
const GRANULARITIES = ['YEAR', 'QUARTER', 'MONTH', 'WEEK', 'DAY', 'HOUR', 'MINUTE', 'SECOND', 'MILLISECOND'];

type Obj = Record<string, unknown>;

export function checkDefinition(definition: unknown): DefinitionFacts {
  if (!isObject(definition)) throw new DefinitionError('Definition must be an object.');
  const declarations = definition.DataSetIdentifierDeclarations;
  if (!Array.isArray(declarations) || declarations.length === 0) {
    throw new DefinitionError('Definition.DataSetIdentifierDeclarations must declare at least one data set.');
  }
  const dataSets = new Map<string, string>();
  declarations.forEach((declaration: Obj, i) => {
    const where = `Definition.DataSetIdentifierDeclarations[${i}]`;
    const identifier = requiredText(declaration, 'Identifier', where);
    const arn = requiredText(declaration, 'DataSetArn', where);
    if (!/^arn:aws[\w-]*:quicksight:[\w-]+:\d{12}:dataset\/.+$/.test(arn))
      throw new DefinitionError(`${where}.DataSetArn "${arn}" is not a data set ARN.`);
    if (dataSets.has(identifier))
      throw new DefinitionError(`${where}: the identifier "${identifier}" is declared twice.`);
    dataSets.set(identifier, arn);
  });

  const sheets = list(definition.Sheets, 'Definition.Sheets');
  if (sheets.length > 20) throw new DefinitionError('An analysis may have at most 20 sheets.');
  const visualsBySheet = new Map<string, Set<string>>();
  const visualIds = new Set<string>();
  sheets.forEach((sheet: Obj, s) => {
    const where = `Definition.Sheets[${s}]`;
    const sheetId = requiredText(sheet, 'SheetId', where);
    if (visualsBySheet.has(sheetId))
      throw new DefinitionError(`${where}: the SheetId "${sheetId}" is used twice.`);
    const visuals = list(sheet.Visuals, `${where}.Visuals`);
    if (visuals.length > 50)
      throw new DefinitionError(`${where} has ${visuals.length} visuals; a sheet may have at most 50.`);
    const ids = new Set<string>();
    visuals.forEach((visual: Obj, v) => {
      const kinds = isObject(visual) ? Object.keys(visual) : [];
      if (kinds.length !== 1)
        throw new DefinitionError(`${where}.Visuals[${v}] must hold exactly one kind of visual.`);
      const id = requiredText(visual[kinds[0]!] as Obj, 'VisualId', `${where}.Visuals[${v}].${kinds[0]}`);
      if (visualIds.has(id))
        throw new DefinitionError(`${where}.Visuals[${v}]: the VisualId "${id}" is used twice.`);
      visualIds.add(id);
      ids.add(id);
    });
    visualsBySheet.set(sheetId, ids);
    for (const [l, layout] of list(sheet.Layouts, `${where}.Layouts`).entries()) {
      const grid = ((layout as Obj)?.Configuration as Obj | undefined)?.GridLayout as Obj | undefined;
      for (const element of list(
        grid?.Elements,
        `${where}.Layouts[${l}].Configuration.GridLayout.Elements`,
      ) as Obj[]) {
        if (element?.ElementType === 'VISUAL' && !ids.has(String(element.ElementId))) {
          throw new DefinitionError(
            `${where}.Layouts[${l}]: the element "${String(element.ElementId)}" is not a visual of this sheet.`,
          );
        }
      }
    }
  });

  list(definition.FilterGroups, 'Definition.FilterGroups').forEach((group: Obj, g) =>
    checkFilterGroup(group, `Definition.FilterGroups[${g}]`, visualsBySheet),
  );

  const fields: FieldUse[] = [];
  const fieldIds = new Set<string>();
  collectFields(definition, 'Definition', false, fields, fieldIds, dataSets);
  return {
    dataSets,
    fields,
    sheets: sheets.map((sheet: Obj) => ({
      SheetId: String(sheet.SheetId),
      ...(typeof sheet.Name === 'string' ? { Name: sheet.Name } : {}),
    })),
    visualCount: visualIds.size,
  };
}

/** Columns the data sets do not have at all: refused at once, one message per column. */
export function unknownColumns(
  facts: DefinitionFacts,
  columnsOf: (arn: string) => Map<string, ColumnInfo> | undefined,
): string[] {
  const problems: string[] = [];
  for (const field of facts.fields) {
    const columns = columnsOf(facts.dataSets.get(field.identifier)!);
    if (columns && !columns.has(field.column)) {
      problems.push(`${field.where}: the data set "${field.identifier}" has no column "${field.column}".`);
    }
  }
  return problems;
}

/** The analysis's Errors once it settles: missing data sets and columns of the wrong type or role. */
export function definitionErrors(
  facts: DefinitionFacts,
  columnsOf: (arn: string) => Map<string, ColumnInfo> | undefined,
): Array<{ Type: string; Message: string }> {
  const errors: Array<{ Type: string; Message: string }> = [];
  for (const [identifier, arn] of facts.dataSets) {
    if (!columnsOf(arn))
      errors.push({
        Type: 'DATA_SET_NOT_FOUND',
        Message: `The data set ${arn} (identifier "${identifier}") does not exist.`,
      });
  }
  for (const field of facts.fields) {
    const column = columnsOf(facts.dataSets.get(field.identifier)!)?.get(field.column);
    if (!column) continue;
    const allowed = FIELD_TYPES[field.kind] ?? [];
    if (!allowed.includes(column.type)) {
      errors.push({
        Type: 'COLUMN_TYPE_MISMATCH',
        Message: `${field.where}: ${field.kind} needs a ${allowed.join(' or ')} column; "${field.column}" is ${column.type}.`,
      });
    }
    if (field.geospatial && column.geographicRole !== 'LATITUDE' && column.geographicRole !== 'LONGITUDE') {
      errors.push({
        Type: 'COLUMN_GEOGRAPHIC_ROLE_MISMATCH',
        Message: `${field.where}: "${field.column}" is on a map's Geospatial well but is not tagged as a latitude or longitude.`,
      });
    }
  }
  return errors;
}

function checkFilterGroup(group: Obj, where: string, visualsBySheet: Map<string, Set<string>>): void {
  requiredText(group, 'FilterGroupId', where);
  if (group.CrossDataset !== 'ALL_DATASETS' && group.CrossDataset !== 'SINGLE_DATASET') {
    throw new DefinitionError(`${where}.CrossDataset must be ALL_DATASETS or SINGLE_DATASET.`);
  }
  const filters = list(group.Filters, `${where}.Filters`);
  if (filters.length === 0) throw new DefinitionError(`${where}.Filters must hold at least one filter.`);
  const scope = group.ScopeConfiguration as Obj | undefined;
  if (!isObject(scope) || (!scope.SelectedSheets && !scope.AllSheets)) {
    throw new DefinitionError(`${where}.ScopeConfiguration must choose SelectedSheets or AllSheets.`);
  }
  const scopings = list(
    (scope.SelectedSheets as Obj | undefined)?.SheetVisualScopingConfigurations,
    `${where}.ScopeConfiguration`,
  );
  scopings.forEach((scoping: Obj, i) => {
    const at = `${where}.ScopeConfiguration.SelectedSheets.SheetVisualScopingConfigurations[${i}]`;
    const sheet = visualsBySheet.get(requiredText(scoping, 'SheetId', at));
    if (!sheet) throw new DefinitionError(`${at}: no sheet has the id "${String(scoping.SheetId)}".`);
    if (scoping.Scope !== 'ALL_VISUALS' && scoping.Scope !== 'SELECTED_VISUALS')
      throw new DefinitionError(`${at}.Scope must be ALL_VISUALS or SELECTED_VISUALS.`);
    for (const id of list(scoping.VisualIds, `${at}.VisualIds`)) {
      if (!sheet.has(String(id)))
        throw new DefinitionError(`${at}: the sheet has no visual "${String(id)}".`);
    }
  });
}

function collectFields(
  node: unknown,
  where: string,
  geospatial: boolean,
  fields: FieldUse[],
  fieldIds: Set<string>,
  dataSets: Map<string, string>,
): void {
  if (Array.isArray(node)) {
    node.forEach((item, i) => collectFields(item, `${where}[${i}]`, geospatial, fields, fieldIds, dataSets));
    return;
  }
  if (!isObject(node)) return;
  for (const [key, value] of Object.entries(node)) {
    const at = `${where}.${key}`;
    if (FIELD_TYPES[key] && isObject(value)) {
      const idKey = FILTER_KINDS.has(key) ? 'FilterId' : 'FieldId';
      const id = requiredText(value, idKey, at);
      if (fieldIds.has(id)) throw new DefinitionError(`${at}: the ${idKey} "${id}" is used twice.`);
      fieldIds.add(id);
      const column = value.Column as Obj | undefined;
      const columnName = requiredText(column ?? {}, 'ColumnName', `${at}.Column`);
      const identifier = requiredText(column ?? {}, 'DataSetIdentifier', `${at}.Column`);
      if (!dataSets.has(identifier))
        throw new DefinitionError(`${at}.Column: the data set identifier "${identifier}" is not declared.`);
      checkAggregation(key, value, at);
      fields.push({ kind: key, identifier, column: columnName, geospatial, where: at });
      continue;
    }
    collectFields(value, at, geospatial || key === 'Geospatial', fields, fieldIds, dataSets);
  }
}

function checkAggregation(kind: string, field: Obj, where: string): void {
  const aggregation = field.AggregationFunction;
  if (
    kind === 'NumericalMeasureField' &&
    isObject(aggregation) &&
    aggregation.SimpleNumericalAggregation !== undefined
  ) {
    if (!NUMERIC_AGGREGATIONS.includes(String(aggregation.SimpleNumericalAggregation))) {
      throw new DefinitionError(
        `${where}.AggregationFunction.SimpleNumericalAggregation must be one of ${NUMERIC_AGGREGATIONS.join(', ')}.`,
      );
    }
  }
  if (
    kind === 'CategoricalMeasureField' &&
    aggregation !== undefined &&
    !CATEGORICAL_AGGREGATIONS.includes(String(aggregation))
  ) {
    throw new DefinitionError(`${where}.AggregationFunction must be COUNT or DISTINCT_COUNT.`);
  }
  if (
    kind === 'DateDimensionField' &&
    field.DateGranularity !== undefined &&
    !GRANULARITIES.includes(String(field.DateGranularity))
  ) {
    throw new DefinitionError(`${where}.DateGranularity must be one of ${GRANULARITIES.join(', ')}.`);
  }
}

function requiredText(node: Obj, key: string, where: string): string {
  const value = isObject(node) ? node[key] : undefined;
  if (typeof value !== 'string' || value === '') throw new DefinitionError(`${where}.${key} is required.`);
  return value;
}

/** A list member; its items are checked where they are used (requiredText copes with non-objects). */
function list(value: unknown, where: string): Obj[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new DefinitionError(`${where} must be a list.`);
  return value as Obj[];
}

function isObject(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
