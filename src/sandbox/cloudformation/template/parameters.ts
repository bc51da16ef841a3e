/**
 * Parameter values for a stack: the caller's, else the previous ones (on
 * update), else the template's defaults, each checked against its
 * constraints with CloudFormation's wording.
 */
import { validationError } from './errors.js';
import type { ParameterDeclaration, ParameterValue } from './types.js';

export interface GivenParameter {
  ParameterKey: string;
  ParameterValue?: string;
  UsePreviousValue?: boolean;
}

/** Returns every declared parameter's value as text, as DescribeStacks shows it. */
export function resolveParameters(
  declarations: Record<string, ParameterDeclaration>,
  given: GivenParameter[],
  previous: Record<string, string> = {},
): Record<string, string> {
  const unknown = given.map((p) => p.ParameterKey).filter((key) => !(key in declarations));
  if (unknown.length)
    throw validationError(`Parameters: [${unknown.join(', ')}] do not exist in the template`);

  const byKey = new Map(given.map((p) => [p.ParameterKey, p]));
  const values: Record<string, string> = {};
  const missing: string[] = [];
  for (const [key, declaration] of Object.entries(declarations)) {
    const supplied = byKey.get(key);
    let value: string | undefined;
    if (supplied?.UsePreviousValue) {
      value = previous[key];
      if (value === undefined) {
        throw validationError(
          `Invalid input for parameter key ${key}. Cannot specify usePreviousValue as true for a parameter key not in the previous template`,
        );
      }
    } else {
      value = supplied?.ParameterValue ?? declaration.Default;
    }
    if (value === undefined) missing.push(key);
    else values[key] = checkConstraints(key, declaration, value);
  }
  if (missing.length) throw validationError(`Parameters: [${missing.join(', ')}] must have values`);
  return values;
}

function checkConstraints(key: string, declaration: ParameterDeclaration, value: string): string {
  const fail = (rule: string) =>
    validationError(
      declaration.ConstraintDescription
        ? `Parameter '${key}' failed to satisfy constraint: ${declaration.ConstraintDescription}`
        : `Parameter '${key}' ${rule}`,
    );

  const items = isListType(declaration.Type) ? splitList(value) : [value];
  for (const item of items) {
    if (declaration.AllowedValues && !declaration.AllowedValues.includes(item)) {
      throw validationError(`Parameter '${key}' must be one of AllowedValues`);
    }
    if (declaration.Type === 'Number' || declaration.Type === 'List<Number>') {
      const number = Number(item);
      if (item.trim() === '' || Number.isNaN(number))
        throw validationError(`Parameter '${key}' must be a number.`);
      if (declaration.MinValue !== undefined && number < declaration.MinValue) {
        throw fail(`must be a number not less than ${declaration.MinValue}`);
      }
      if (declaration.MaxValue !== undefined && number > declaration.MaxValue) {
        throw fail(`must be a number not greater than ${declaration.MaxValue}`);
      }
    }
  }
  if (declaration.Type === 'String') {
    if (
      declaration.AllowedPattern !== undefined &&
      !new RegExp(`^(?:${declaration.AllowedPattern})$`).test(value)
    ) {
      throw fail(`must match pattern ${declaration.AllowedPattern}`);
    }
    if (declaration.MinLength !== undefined && value.length < declaration.MinLength) {
      throw fail(`must contain at least ${declaration.MinLength} characters`);
    }
    if (declaration.MaxLength !== undefined && value.length > declaration.MaxLength) {
      throw fail(`must contain at most ${declaration.MaxLength} characters`);
    }
  }
  return value;
}

function isListType(type: string): boolean {
  return type === 'CommaDelimitedList' || type.startsWith('List<');
}

function splitList(value: string): string[] {
  return value === '' ? [] : value.split(',').map((item) => item.trim());
}

/** Values as intrinsics see them: list types become lists. */
export function parameterView(
  declarations: Record<string, ParameterDeclaration>,
  values: Record<string, string>,
): Record<string, ParameterValue> {
  const view: Record<string, ParameterValue> = {};
  for (const [key, value] of Object.entries(values)) {
    view[key] = isListType(declarations[key]?.Type ?? 'String') ? splitList(value) : value;
  }
  return view;
}
