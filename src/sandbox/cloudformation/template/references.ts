/**
 * What a piece of a template points at, found without evaluating anything:
 * the basis for "Unresolved resource dependencies" errors and for the
 * implicit dependencies that order creation.
 */
import { templateFormatError } from './errors.js';
import { intrinsicName, isPlainObject, SUPPORTED_FUNCTIONS } from './intrinsic-names.js';
import { splitGetAtt } from './parse.js';
import { parseSubString, subVariableTarget } from './sub.js';
import type { TemplateValue } from './types.js';

export interface References {
  /** Targets of Ref and of plain `${Name}` in Fn::Sub. */
  refs: Set<string>;
  /** Resources named by Fn::GetAtt and by `${Res.Attr}` in Fn::Sub. */
  getAtts: Set<string>;
  /** The same, as `Res.Attr` pairs (only where the attribute name is plain text). */
  attributes: Set<string>;
  /** Conditions named by Fn::If and by `{ Condition: X }` inside condition functions. */
  conditions: Set<string>;
}

export function emptyReferences(): References {
  return { refs: new Set(), getAtts: new Set(), attributes: new Set(), conditions: new Set() };
}

const SUPPORTED = new Set<string>(SUPPORTED_FUNCTIONS);

/** Adds everything `value` references to `into` and returns it. */
export function collectReferences(value: TemplateValue | undefined, into = emptyReferences()): References {
  if (Array.isArray(value)) {
    for (const item of value) collectReferences(item, into);
    return into;
  }
  if (!isPlainObject(value)) return into;

  const name = intrinsicName(value);
  if (name === undefined) {
    for (const child of Object.values(value)) collectReferences(child, into);
    return into;
  }
  if (!SUPPORTED.has(name)) {
    throw templateFormatError(
      `Encountered unsupported function: ${name} Supported functions are: [${SUPPORTED_FUNCTIONS.join(', ')}]`,
    );
  }

  const argument = value[name];
  switch (name) {
    case 'Ref':
      if (typeof argument === 'string') into.refs.add(argument);
      else collectReferences(argument, into);
      break;
    case 'Fn::GetAtt': {
      const [resource, attribute] = typeof argument === 'string' ? splitGetAtt(argument) : toList(argument);
      if (typeof resource === 'string') into.getAtts.add(resource);
      if (typeof resource === 'string' && typeof attribute === 'string')
        into.attributes.add(`${resource}.${attribute}`);
      collectReferences(attribute, into);
      break;
    }
    case 'Fn::Sub':
      collectSubReferences(argument, into);
      break;
    case 'Fn::If': {
      const [condition, ...branches] = toList(argument);
      if (typeof condition === 'string') into.conditions.add(condition);
      collectReferences(branches, into);
      break;
    }
    case 'Fn::And':
    case 'Fn::Or':
    case 'Fn::Not':
      for (const item of toList(argument)) {
        if (isPlainObject(item) && Object.keys(item).length === 1 && typeof item.Condition === 'string') {
          into.conditions.add(item.Condition);
        } else {
          collectReferences(item, into);
        }
      }
      break;
    default:
      collectReferences(argument, into);
  }
  return into;
}

function collectSubReferences(argument: TemplateValue, into: References): void {
  const [source, variables] = typeof argument === 'string' ? [argument, undefined] : toList(argument);
  const local = isPlainObject(variables) ? variables : {};
  collectReferences(Object.values(local), into);
  if (typeof source !== 'string') return;

  for (const part of parseSubString(source)) {
    if (!('variable' in part) || part.variable in local) continue;
    const target = subVariableTarget(part.variable);
    if ('ref' in target) {
      into.refs.add(target.ref);
    } else {
      into.getAtts.add(target.getAtt[0]);
      into.attributes.add(target.getAtt.join('.'));
    }
  }
}

function toList(value: TemplateValue | undefined): TemplateValue[] {
  return Array.isArray(value) ? value : [];
}
