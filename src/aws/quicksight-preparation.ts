/**
 * Whether a data set carries the module's data preparation, judged by what
 * matters rather than by byte-equal JSON (the real service adds defaults to
 * what it was given, and a learner's console-made data set is laid out
 * differently): the prepared columns and types, the map roles of the
 * coordinates, and minutesInPark computed from the arrival and the tap.
 */
import { preparedColumns } from './quicksight-assets.js';
import type { DataSetState } from './quicksight-resources.js';

/** What is missing or different, one short phrase each; empty when the data set is prepared as the module says. */
export function preparationProblems(dataSet: DataSetState): string[] {
  const problems: string[] = [];
  const have = new Map(dataSet.columns.map((c) => [c.name, c.type]));
  const transforms = Object.values(dataSet.tables.LogicalTableMap).flatMap(
    (table) => table.DataTransforms ?? [],
  );

  for (const column of preparedColumns()) {
    const type = have.get(column.name);
    if (type === undefined) problems.push(`no column ${column.name}`);
    else if (type !== column.type) problems.push(`${column.name} is ${type}, not ${column.type}`);
    if (column.geographicRole) {
      const tagged = transforms.some(
        (t) =>
          t.TagColumnOperation?.ColumnName === column.name &&
          t.TagColumnOperation.Tags?.some((tag) => tag.ColumnGeographicRole === column.geographicRole),
      );
      if (!tagged) problems.push(`${column.name} is not tagged as ${column.geographicRole.toLowerCase()}`);
    }
  }
  const expression = transforms
    .flatMap((t) => t.CreateColumnsOperation?.Columns ?? [])
    .find((c) => c.ColumnName === 'minutesInPark')
    ?.Expression?.replace(/\s+/g, '');
  if (
    expression !== undefined &&
    !/^dateDiff\(\{visitor\.arrivalTime\},\{timestamp\},["']MI["']\)$/i.test(expression)
  ) {
    problems.push(`minutesInPark is ${expression}, not dateDiff({visitor.arrivalTime}, {timestamp}, "MI")`);
  }
  return problems;
}
