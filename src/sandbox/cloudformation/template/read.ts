/**
 * Checks a parsed template's structure and references and gives it a typed
 * shape. Everything here fails the API call (ValidationError) before any
 * resource is touched, as CloudFormation's own template validation does.
 */
import { templateFormatError, validationError } from './errors.js';
import { isPlainObject } from './intrinsic-names.js';
import { collectReferences, type References } from './references.js';
import type {
  DeletionPolicy,
  OutputDeclaration,
  ParameterDeclaration,
  ResourceDeclaration,
  Template,
  TemplateObject,
  TemplateValue,
} from './types.js';

export const PSEUDO_PARAMETERS = [
  'AWS::AccountId',
  'AWS::NotificationARNs',
  'AWS::NoValue',
  'AWS::Partition',
  'AWS::Region',
  'AWS::StackId',
  'AWS::StackName',
  'AWS::URLSuffix',
];

const SECTIONS = new Set([
  'AWSTemplateFormatVersion',
  'Description',
  'Metadata',
  'Parameters',
  'Rules',
  'Mappings',
  'Conditions',
  'Transform',
  'Resources',
  'Outputs',
]);

const RESOURCE_KEYS = new Set([
  'Type',
  'Properties',
  'DependsOn',
  'Condition',
  'DeletionPolicy',
  'UpdateReplacePolicy',
  'Metadata',
  'CreationPolicy',
  'UpdatePolicy',
]);

const PARAMETER_TYPES =
  /^(String|Number|List<Number>|CommaDelimitedList|AWS::[A-Za-z0-9:]+|List<AWS::[A-Za-z0-9:]+>)$/;
const DELETION_POLICIES = new Set(['Delete', 'Retain', 'Snapshot', 'RetainExceptOnCreate']);
const LOGICAL_ID = /^[A-Za-z0-9]+$/;

export function readTemplate(document: TemplateObject): Template {
  const unknown = Object.keys(document).filter((key) => !SECTIONS.has(key));
  if (unknown.length)
    throw templateFormatError(`Invalid template property or properties [${unknown.join(', ')}]`);

  const version = document.AWSTemplateFormatVersion;
  if (version !== undefined && String(version) !== '2010-09-09') {
    throw templateFormatError(`Unsupported template version ${String(version)}`);
  }
  if (document.Transform !== undefined) {
    // TODO: expand AWS::Serverless (SAM) templates if the simulator ever deploys through one.
    throw validationError(
      `Transform ${JSON.stringify(document.Transform)} is not supported by the themepark sandbox`,
    );
  }

  const template: Template = {
    formatVersion: version === undefined ? undefined : String(version),
    description: typeof document.Description === 'string' ? document.Description : undefined,
    parameters: readParameters(section(document, 'Parameters')),
    mappings: readMappings(section(document, 'Mappings')),
    conditions: section(document, 'Conditions'),
    resources: readResources(section(document, 'Resources')),
    outputs: readOutputs(section(document, 'Outputs')),
  };
  checkReferences(template);
  return template;
}

function section(document: TemplateObject, name: string): TemplateObject {
  const value = document[name];
  if (value === undefined || value === null) return {};
  if (!isPlainObject(value)) throw templateFormatError(`${name} must be an object`);
  return value;
}

function readParameters(section: TemplateObject): Record<string, ParameterDeclaration> {
  const parameters: Record<string, ParameterDeclaration> = {};
  for (const [name, raw] of Object.entries(section)) {
    if (!LOGICAL_ID.test(name)) throw templateFormatError(`Parameter name ${name} is non alphanumeric.`);
    if (!isPlainObject(raw) || typeof raw.Type !== 'string') {
      throw templateFormatError(`Every Parameters object must contain a Type member.`);
    }
    if (!PARAMETER_TYPES.test(raw.Type))
      throw templateFormatError(`Unrecognized parameter type: ${raw.Type}`);
    const declaration: ParameterDeclaration = { Type: raw.Type };
    if (raw.Default !== undefined && raw.Default !== null) declaration.Default = textOf(raw.Default);
    if (Array.isArray(raw.AllowedValues)) declaration.AllowedValues = raw.AllowedValues.map(textOf);
    if (raw.AllowedPattern !== undefined) declaration.AllowedPattern = textOf(raw.AllowedPattern);
    for (const key of ['MinLength', 'MaxLength', 'MinValue', 'MaxValue'] as const) {
      if (raw[key] !== undefined) declaration[key] = Number(raw[key]);
    }
    if (raw.NoEcho !== undefined) declaration.NoEcho = raw.NoEcho === true || raw.NoEcho === 'true';
    if (typeof raw.Description === 'string') declaration.Description = raw.Description;
    if (typeof raw.ConstraintDescription === 'string')
      declaration.ConstraintDescription = raw.ConstraintDescription;
    parameters[name] = declaration;
  }
  return parameters;
}

/** Lists in a Default are joined as CloudFormation stores them: comma-separated. */
function textOf(value: TemplateValue): string {
  return Array.isArray(value) ? value.map(textOf).join(',') : String(value);
}

function readMappings(section: TemplateObject): Template['mappings'] {
  const mappings: Template['mappings'] = {};
  for (const [name, map] of Object.entries(section)) {
    if (!isPlainObject(map) || !Object.values(map).every(isPlainObject)) {
      throw templateFormatError(`Mappings attribute ${name} must be a map of maps`);
    }
    mappings[name] = map as Record<string, TemplateObject>;
  }
  return mappings;
}

function readResources(section: TemplateObject): Record<string, ResourceDeclaration> {
  const names = Object.keys(section);
  if (names.length === 0) throw templateFormatError('At least one Resources member must be defined.');

  const resources: Record<string, ResourceDeclaration> = {};
  for (const name of names) {
    const raw = section[name];
    if (!LOGICAL_ID.test(name)) throw templateFormatError(`Resource name ${name} is non alphanumeric.`);
    if (!isPlainObject(raw) || typeof raw.Type !== 'string') {
      throw templateFormatError(`[/Resources/${name}] Every Resources object must contain a Type member.`);
    }
    const extra = Object.keys(raw).filter((key) => !RESOURCE_KEYS.has(key));
    if (extra.length) throw templateFormatError(`Invalid template resource property '${extra[0]}'`);

    const properties = raw.Properties ?? {};
    if (!isPlainObject(properties)) {
      throw templateFormatError(`[/Resources/${name}/Properties] Properties must be an object.`);
    }
    const dependsOn =
      raw.DependsOn === undefined ? [] : Array.isArray(raw.DependsOn) ? raw.DependsOn : [raw.DependsOn];
    if (!dependsOn.every((item): item is string => typeof item === 'string')) {
      throw templateFormatError(
        `[/Resources/${name}/DependsOn] DependsOn must be a string or a list of strings.`,
      );
    }
    const policy = raw.DeletionPolicy;
    if (policy !== undefined && !DELETION_POLICIES.has(String(policy))) {
      throw templateFormatError(`Unrecognized DeletionPolicy ${String(policy)} for resource ${name}`);
    }
    resources[name] = {
      Type: raw.Type,
      Properties: properties,
      DependsOn: dependsOn,
      ...(typeof raw.Condition === 'string' ? { Condition: raw.Condition } : {}),
      ...(policy !== undefined ? { DeletionPolicy: String(policy) as DeletionPolicy } : {}),
      ...(raw.Metadata !== undefined ? { Metadata: raw.Metadata } : {}),
    };
  }
  return resources;
}

function readOutputs(section: TemplateObject): Record<string, OutputDeclaration> {
  const outputs: Record<string, OutputDeclaration> = {};
  for (const [name, raw] of Object.entries(section)) {
    if (!LOGICAL_ID.test(name)) throw templateFormatError(`Output name ${name} is non alphanumeric.`);
    if (!isPlainObject(raw) || raw.Value === undefined) {
      throw templateFormatError('Every Outputs member must contain a Value object');
    }
    const exportName = isPlainObject(raw.Export) ? raw.Export.Name : undefined;
    outputs[name] = {
      Value: raw.Value,
      ...(typeof raw.Description === 'string' ? { Description: raw.Description } : {}),
      ...(exportName !== undefined ? { ExportName: exportName } : {}),
      ...(typeof raw.Condition === 'string' ? { Condition: raw.Condition } : {}),
    };
  }
  return outputs;
}

function checkReferences(template: Template): void {
  const resources = new Set(Object.keys(template.resources));
  const parameters = new Set([...Object.keys(template.parameters), ...PSEUDO_PARAMETERS]);
  const conditions = new Set(Object.keys(template.conditions));

  const conditionRefs = collectReferences(Object.values(template.conditions));
  const resourcesInConditions = [...conditionRefs.refs].filter((name) => !parameters.has(name));
  if (resourcesInConditions.length) {
    throw templateFormatError(
      `Unresolved dependencies [${resourcesInConditions.join(', ')}]. ` +
        'Cannot reference resources in the Conditions block of the template',
    );
  }
  checkConditionNames(conditionRefs, conditions, 'Conditions');

  for (const [name, resource] of Object.entries(template.resources)) {
    const found = collectReferences(resource.Properties);
    const missing = [...found.refs, ...resource.DependsOn].filter(
      (ref) => !resources.has(ref) && !parameters.has(ref),
    );
    if (missing.length) throw unresolved(missing, 'Resources');
    checkGetAtts(found, resources);
    checkConditionNames(found, conditions, 'Resources');
    if (resource.Condition !== undefined && !conditions.has(resource.Condition)) {
      throw templateFormatError(
        `Unresolved condition dependencies [${resource.Condition}] in the Resources block of the template`,
      );
    }
    if (resource.DependsOn.includes(name)) throw circular([name]);
  }

  for (const output of Object.values(template.outputs)) {
    const found = collectReferences([output.Value, output.ExportName ?? null]);
    const missing = [...found.refs].filter((ref) => !resources.has(ref) && !parameters.has(ref));
    if (missing.length) throw unresolved(missing, 'Outputs');
    checkGetAtts(found, resources);
    checkConditionNames(found, conditions, 'Outputs');
    if (output.Condition !== undefined && !conditions.has(output.Condition)) {
      throw templateFormatError(
        `Unresolved condition dependencies [${output.Condition}] in the Outputs block of the template`,
      );
    }
  }
}

function unresolved(names: string[], block: string) {
  const unique = [...new Set(names)];
  return templateFormatError(
    `Unresolved resource dependencies [${unique.join(', ')}] in the ${block} block of the template`,
  );
}

function checkGetAtts(found: References, resources: Set<string>): void {
  const undefinedTarget = [...found.getAtts].find((name) => !resources.has(name));
  if (undefinedTarget !== undefined) {
    throw validationError(
      `Template error: instance of Fn::GetAtt references undefined resource ${undefinedTarget}`,
    );
  }
}

function checkConditionNames(found: References, conditions: Set<string>, block: string): void {
  const missing = [...found.conditions].filter((name) => !conditions.has(name));
  if (missing.length) {
    throw templateFormatError(
      `Unresolved condition dependencies [${missing.join(', ')}] in the ${block} block of the template`,
    );
  }
}

export function circular(names: string[]) {
  return validationError(`Circular dependency between resources: [${names.join(', ')}]`);
}
