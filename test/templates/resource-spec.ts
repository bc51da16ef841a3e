/**
 * Checks a template against CloudFormation's resource specification, as the
 * AWS CDK keeps it (@aws-cdk/aws-service-spec): every resource type exists,
 * every property name exists for its type (nested property types too),
 * required properties are present, literal values have roughly the right
 * primitive type and allowed value, and every Fn::GetAtt names a real
 * attribute. Intrinsic functions are trusted, except that both branches of an
 * Fn::If are checked.
 */
import { loadAwsServiceSpec } from '@aws-cdk/aws-service-spec';
import type { PropertyType, Resource, ResourceProperties, SpecDatabase } from '@aws-cdk/service-spec-types';
import type { Template, TemplateValue } from '../../src/sandbox/cloudformation/template/index.js';

export type { SpecDatabase };

export async function loadResourceSpec(): Promise<SpecDatabase> {
  return loadAwsServiceSpec();
}

/** Problems found, each as `path: what is wrong`; empty when the template fits the spec. */
export function specProblems(db: SpecDatabase, template: Template): string[] {
  const problems: string[] = [];
  const typeOf = new Map<string, Resource>();

  for (const [name, resource] of Object.entries(template.resources)) {
    const [spec] = db.lookup('resource', 'cloudFormationType', 'equals', resource.Type);
    if (!spec) {
      problems.push(`Resources/${name}: unknown resource type ${resource.Type}`);
      continue;
    }
    typeOf.set(name, spec);
    checkObject(db, spec.properties, resource.Properties, `Resources/${name}/Properties`, problems);
  }

  for (const [path, [target, attribute]] of getAtts(template)) {
    const spec = typeOf.get(target);
    if (spec && !(attribute in spec.attributes)) {
      problems.push(`${path}: ${spec.cloudFormationType} has no attribute ${attribute}`);
    }
  }
  return problems;
}

function checkObject(
  db: SpecDatabase,
  properties: ResourceProperties,
  value: TemplateValue,
  path: string,
  problems: string[],
): void {
  if (isIntrinsic(value))
    return checkIntrinsic(value, (branch, at) => checkObject(db, properties, branch, at, problems), path);
  if (!isObject(value)) {
    problems.push(`${path}: expected an object`);
    return;
  }
  for (const [key, child] of Object.entries(value)) {
    const property = properties[key];
    if (!property) problems.push(`${path}/${key}: no such property`);
    else checkValue(db, property.type, child, `${path}/${key}`, problems);
  }
  for (const [key, property] of Object.entries(properties)) {
    if (property.required && !(key in value)) problems.push(`${path}/${key}: required property missing`);
  }
}

function checkValue(
  db: SpecDatabase,
  type: PropertyType,
  value: TemplateValue,
  path: string,
  problems: string[],
): void {
  if (isIntrinsic(value)) {
    checkIntrinsic(value, (branch, at) => checkValue(db, type, branch, at, problems), path);
    return;
  }
  switch (type.type) {
    case 'string':
      if (typeof value !== 'string' && typeof value !== 'number') problems.push(`${path}: expected a string`);
      else if (type.allowedValues && !type.allowedValues.includes(String(value))) {
        problems.push(`${path}: ${String(value)} is not one of ${type.allowedValues.join(', ')}`);
      }
      return;
    case 'number':
    case 'integer':
      if (
        typeof value !== 'number' &&
        !(typeof value === 'string' && value.trim() !== '' && !isNaN(Number(value)))
      ) {
        problems.push(`${path}: expected a number`);
      }
      return;
    case 'boolean':
      if (typeof value !== 'boolean' && value !== 'true' && value !== 'false')
        problems.push(`${path}: expected a boolean`);
      return;
    case 'json':
      if (!isObject(value) && typeof value !== 'string') problems.push(`${path}: expected a JSON object`);
      return;
    case 'date-time':
    case 'null':
      return;
    case 'tag':
      checkObject(db, TAG_PROPERTIES, value, path, problems);
      return;
    case 'array':
      if (!Array.isArray(value)) problems.push(`${path}: expected a list`);
      else value.forEach((item, i) => checkValue(db, type.element, item, `${path}/${i}`, problems));
      return;
    case 'map':
      if (!isObject(value)) problems.push(`${path}: expected a map`);
      else
        for (const [key, item] of Object.entries(value))
          checkValue(db, type.element, item, `${path}/${key}`, problems);
      return;
    case 'ref':
      checkObject(db, db.get('typeDefinition', type.reference).properties, value, path, problems);
      return;
    case 'union': {
      const attempts = type.types.map((member) => {
        const found: string[] = [];
        checkValue(db, member, value, path, found);
        return found;
      });
      if (!attempts.some((found) => found.length === 0))
        problems.push(...attempts.sort((a, b) => a.length - b.length)[0]!);
      return;
    }
  }
}

const TAG_PROPERTIES: ResourceProperties = {
  Key: { type: { type: 'string' }, required: true },
  Value: { type: { type: 'string' }, required: true },
};

/** Fn::If: check both branches (AWS::NoValue always fits); other functions are trusted. */
function checkIntrinsic(
  value: Record<string, TemplateValue>,
  check: (branch: TemplateValue, path: string) => void,
  path: string,
): void {
  const branches = value['Fn::If'];
  if (!Array.isArray(branches)) return;
  branches.slice(1).forEach((branch, i) => {
    if (!(isObject(branch) && branch.Ref === 'AWS::NoValue')) check(branch, `${path}/Fn::If[${i + 1}]`);
  });
}

function isObject(value: TemplateValue | undefined): value is Record<string, TemplateValue> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isIntrinsic(value: TemplateValue): value is Record<string, TemplateValue> {
  if (!isObject(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && (keys[0] === 'Ref' || keys[0]!.startsWith('Fn::'));
}

/** Every Fn::GetAtt (and `${A.B}` in Fn::Sub) in resources and outputs, with where it was found. */
function getAtts(template: Template): Array<[string, [string, string]]> {
  const found: Array<[string, [string, string]]> = [];
  const walk = (value: TemplateValue | undefined, path: string): void => {
    if (Array.isArray(value)) return value.forEach((item, i) => walk(item, `${path}/${i}`));
    if (!isObject(value)) return;
    const getAtt = value['Fn::GetAtt'];
    if (Array.isArray(getAtt) && typeof getAtt[0] === 'string' && typeof getAtt[1] === 'string') {
      found.push([path, [getAtt[0], getAtt[1]]]);
    }
    const sub = value['Fn::Sub'];
    const source = Array.isArray(sub) ? sub[0] : sub;
    if (typeof source === 'string') {
      for (const match of source.matchAll(/\$\{([A-Za-z0-9]+)\.([A-Za-z0-9.]+)\}/g)) {
        found.push([path, [match[1]!, match[2]!]]);
      }
    }
    for (const [key, child] of Object.entries(value)) walk(child, `${path}/${key}`);
  };
  for (const [name, resource] of Object.entries(template.resources))
    walk(resource.Properties, `Resources/${name}/Properties`);
  for (const [name, output] of Object.entries(template.outputs)) walk(output.Value, `Outputs/${name}`);
  return found;
}
