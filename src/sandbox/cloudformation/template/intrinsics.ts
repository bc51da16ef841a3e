/**
 * Evaluates intrinsic functions against what is known at that moment: the
 * parameters, the pseudo parameters, conditions, and the resources created so
 * far. Called per resource just before it is provisioned, and for outputs.
 */
import { ResolveError } from './errors.js';
import { intrinsicName, isPlainObject } from './intrinsic-names.js';
import { splitGetAtt } from './parse.js';
import { parseSubString, subVariableTarget } from './sub.js';
import type { ParameterValue, PseudoParameters, Template, TemplateObject, TemplateValue } from './types.js';

/** What `{ Ref: 'AWS::NoValue' }` evaluates to: the property or list item disappears. */
export const NO_VALUE: unique symbol = Symbol('AWS::NoValue');
type Resolved = TemplateValue | typeof NO_VALUE;

export interface ResolveContext {
  parameters: Record<string, ParameterValue>;
  pseudo: PseudoParameters;
  mappings: Template['mappings'];
  /** The value of a named condition; conditions may name each other. */
  condition(name: string): boolean;
  /** Ref of a resource: its physical id. Throws ResolveError if it does not exist (yet). */
  refResource(logicalId: string): string;
  getAtt(logicalId: string, attribute: string): TemplateValue;
  /** Fn::ImportValue: a value another stack exported in this account and region. */
  importValue(name: string): string;
}

/** Evaluates every intrinsic in `value`; `undefined` when the whole value is AWS::NoValue. */
export function resolveValue(value: TemplateValue, context: ResolveContext): TemplateValue | undefined {
  const resolved = resolve(value, context);
  return resolved === NO_VALUE ? undefined : resolved;
}

/** Evaluates a condition expression (Fn::Equals, Fn::And, ...) to a boolean. */
export function resolveCondition(value: TemplateValue, context: ResolveContext): boolean {
  if (isPlainObject(value) && Object.keys(value).length === 1 && typeof value.Condition === 'string') {
    return context.condition(value.Condition);
  }
  const resolved = resolve(value, context);
  if (typeof resolved === 'boolean') return resolved;
  if (resolved === 'true' || resolved === 'false') return resolved === 'true';
  throw new ResolveError(
    `Template error: condition must evaluate to a boolean, got ${JSON.stringify(resolved)}`,
  );
}

function resolve(value: TemplateValue, context: ResolveContext): Resolved {
  if (Array.isArray(value)) {
    return value
      .map((item) => resolve(item, context))
      .filter((item): item is TemplateValue => item !== NO_VALUE);
  }
  if (!isPlainObject(value)) return value;

  const name = intrinsicName(value);
  if (name === undefined) {
    const object: TemplateObject = {};
    for (const [key, child] of Object.entries(value)) {
      const resolved = resolve(child, context);
      if (resolved !== NO_VALUE) object[key] = resolved;
    }
    return object;
  }
  return callFunction(name, value[name], context);
}

function callFunction(name: string, argument: TemplateValue, context: ResolveContext): Resolved {
  switch (name) {
    case 'Ref':
      return ref(text(resolve(argument, context), 'Ref'), context);
    case 'Fn::GetAtt': {
      const [resource, attribute] =
        typeof argument === 'string' ? splitGetAtt(argument) : list(argument, name);
      return context.getAtt(text(resource, name), text(resolve(attribute, context), name));
    }
    case 'Fn::Sub':
      return sub(argument, context);
    case 'Fn::Join': {
      const [delimiter, items] = list(argument, name);
      const values = resolve(items, context);
      if (!Array.isArray(values))
        throw new ResolveError('Template error: Fn::Join requires a list of strings to join');
      return values.map((item) => text(item, name)).join(text(delimiter, name));
    }
    case 'Fn::Select': {
      const [index, items] = list(argument, name);
      const values = resolve(items, context);
      const position = Number(resolve(index, context));
      if (
        !Array.isArray(values) ||
        !Number.isInteger(position) ||
        position < 0 ||
        position >= values.length
      ) {
        throw new ResolveError(
          'Template error: Fn::Select cannot select nonexistent value at index ' + String(index),
        );
      }
      return values[position];
    }
    case 'Fn::Split': {
      const [delimiter, source] = list(argument, name);
      return text(resolve(source, context), name).split(text(delimiter, name));
    }
    case 'Fn::If': {
      const [condition, whenTrue, whenFalse] = list(argument, name);
      return resolve(context.condition(text(condition, name)) ? whenTrue : whenFalse, context);
    }
    case 'Fn::Equals': {
      const [left, right] = list(argument, name).map((item) => resolve(item, context));
      return comparable(left) === comparable(right);
    }
    case 'Fn::Not': {
      const [only] = list(argument, name);
      return !resolveCondition(only, context);
    }
    case 'Fn::And':
      return list(argument, name).every((item) => resolveCondition(item, context));
    case 'Fn::Or':
      return list(argument, name).some((item) => resolveCondition(item, context));
    case 'Fn::FindInMap':
      return findInMap(
        list(argument, name).map((item) => text(resolve(item, context), name)),
        context,
      );
    case 'Fn::Base64':
      return Buffer.from(text(resolve(argument, context), name)).toString('base64');
    case 'Fn::GetAZs': {
      const region = text(resolve(argument ?? '', context), name) || context.pseudo.region;
      return ['a', 'b', 'c'].map((zone) => `${region}${zone}`);
    }
    case 'Fn::ImportValue':
      return context.importValue(text(resolve(argument, context), name));
    case 'Fn::Length': {
      const values = resolve(argument, context);
      if (!Array.isArray(values)) throw new ResolveError('Template error: Fn::Length requires a list');
      return values.length;
    }
    case 'Fn::ToJsonString':
      return JSON.stringify(resolve(argument, context));
    default:
      throw new ResolveError(`Template error: unsupported function ${name}`);
  }
}

function ref(name: string, context: ResolveContext): Resolved {
  if (name in context.parameters) return context.parameters[name];
  const { pseudo } = context;
  switch (name) {
    case 'AWS::AccountId':
      return pseudo.accountId;
    case 'AWS::Region':
      return pseudo.region;
    case 'AWS::StackName':
      return pseudo.stackName;
    case 'AWS::StackId':
      return pseudo.stackId;
    case 'AWS::Partition':
      return pseudo.partition ?? 'aws';
    case 'AWS::URLSuffix':
      return pseudo.urlSuffix ?? 'amazonaws.com';
    case 'AWS::NotificationARNs':
      return [];
    case 'AWS::NoValue':
      return NO_VALUE;
    default:
      return context.refResource(name);
  }
}

function sub(argument: TemplateValue, context: ResolveContext): string {
  const [source, variables] =
    typeof argument === 'string' ? [argument, undefined] : list(argument, 'Fn::Sub');
  const local: Record<string, Resolved> = {};
  if (isPlainObject(variables)) {
    for (const [key, value] of Object.entries(variables)) local[key] = resolve(value, context);
  }
  return parseSubString(text(source, 'Fn::Sub'))
    .map((part) => {
      if ('text' in part) return part.text;
      if (part.variable in local) return text(local[part.variable], 'Fn::Sub');
      const target = subVariableTarget(part.variable);
      const value = 'ref' in target ? ref(target.ref, context) : context.getAtt(...target.getAtt);
      return text(value, 'Fn::Sub');
    })
    .join('');
}

function findInMap([mapName, topKey, secondKey]: string[], context: ResolveContext): TemplateValue {
  const value = context.mappings[mapName]?.[topKey]?.[secondKey];
  if (value === undefined) {
    throw new ResolveError(`Template error: Unable to get mapping for ${mapName}::${topKey}::${secondKey}`);
  }
  return value;
}

function list(value: TemplateValue, name: string): TemplateValue[] {
  if (!Array.isArray(value)) throw new ResolveError(`Template error: ${name} requires a list argument`);
  return value;
}

/** Scalars as CloudFormation passes them around: everything is text in the end. */
function text(value: Resolved | undefined, name: string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new ResolveError(`Template error: ${name} expected a string but got ${describe(value)}`);
}

function comparable(value: Resolved): string {
  if (typeof value === 'string') return value;
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : JSON.stringify(value);
}

function describe(value: Resolved | undefined): string {
  if (value === NO_VALUE) return 'AWS::NoValue';
  if (Array.isArray(value)) return 'a list';
  return value === null || value === undefined
    ? 'nothing'
    : typeof value === 'object'
      ? 'an object'
      : typeof value;
}
