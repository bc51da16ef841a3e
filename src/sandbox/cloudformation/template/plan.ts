/**
 * From a template body and the caller's input to everything provisioning
 * needs: checked parameters, evaluated conditions, the resources that will
 * exist and the order to make them in. Pure: no I/O, no clock.
 */
import { checkCapabilities, type CapabilityNeed, requiredCapabilities } from './capabilities.js';
import { ResolveError, templateFormatError, validationError } from './errors.js';
import { resolveCondition, resolveValue, type ResolveContext } from './intrinsics.js';
import { creationOrder, dependencyGraph } from './ordering.js';
import { type GivenParameter, parameterView, resolveParameters } from './parameters.js';
import { parseTemplateBody } from './parse.js';
import { collectReferences } from './references.js';
import { readTemplate } from './read.js';
import type { PseudoParameters, Template, TemplateValue } from './types.js';

/** CloudFormation's limit for an inline TemplateBody. */
export const MAX_TEMPLATE_BODY_BYTES = 51_200;

export function loadTemplate(body: string): Template {
  if (Buffer.byteLength(body) > MAX_TEMPLATE_BODY_BYTES) {
    throw validationError(
      "1 validation error detected: Value at 'templateBody' failed to satisfy constraint: " +
        `Member must have length less than or equal to ${MAX_TEMPLATE_BODY_BYTES}`,
    );
  }
  return readTemplate(parseTemplateBody(body));
}

export interface StackPlanInput {
  template: Template;
  parameters: GivenParameter[];
  /** On update: the values in force, for UsePreviousValue. */
  previousParameters?: Record<string, string>;
  capabilities: readonly string[];
  pseudo: PseudoParameters;
  /**
   * The attributes Fn::GetAtt may read for a resource type, when known, so a
   * misspelt attribute fails the API call rather than the resource.
   * @default no attribute is checked
   */
  knownAttributes?: (type: string) => readonly string[] | undefined;
}

export interface StackPlan {
  template: Template;
  /** Every parameter's value as text. */
  parameters: Record<string, string>;
  conditions: Record<string, boolean>;
  /** Resources whose Condition holds, in a valid creation order. */
  order: string[];
  /** For each resource in `order`, the resources it needs first. */
  dependencies: Map<string, string[]>;
  capabilities: CapabilityNeed;
}

export function planStack(input: StackPlanInput): StackPlan {
  const { template } = input;
  const parameters = resolveParameters(template.parameters, input.parameters, input.previousParameters);
  const capabilities = requiredCapabilities(template);
  checkCapabilities(capabilities, input.capabilities);

  const context = resolutionContext(template, parameters, input.pseudo, {
    refResource: (name) => {
      throw new ResolveError(`Template error: ${name} cannot be referenced here`);
    },
    getAtt: (name) => {
      throw new ResolveError(`Template error: ${name} cannot be referenced here`);
    },
    importValue: (name) => {
      throw new ResolveError(`Template error: Fn::ImportValue ${name} cannot be used in conditions`);
    },
  });
  const conditions: Record<string, boolean> = {};
  try {
    for (const name of Object.keys(template.conditions)) conditions[name] = context.condition(name);
  } catch (error) {
    if (error instanceof ResolveError) throw validationError(error.message);
    throw error;
  }

  const active = new Set(
    Object.entries(template.resources)
      .filter(([, resource]) => resource.Condition === undefined || conditions[resource.Condition])
      .map(([name]) => name),
  );
  if (input.knownAttributes) checkAttributes(template, input.knownAttributes);
  const dependencies = dependencyGraph(template.resources, active);
  const order = creationOrder(dependencies);
  return { template, parameters, conditions, order, dependencies, capabilities };
}

function checkAttributes(template: Template, known: (type: string) => readonly string[] | undefined): void {
  const used = collectReferences([
    ...Object.values(template.resources).map((resource) => resource.Properties),
    ...Object.values(template.outputs).map((output) => output.Value),
  ]).attributes;
  for (const pair of used) {
    const dot = pair.indexOf('.');
    const [logicalId, attribute] = [pair.slice(0, dot), pair.slice(dot + 1)];
    const type = template.resources[logicalId]?.Type;
    const attributes = type === undefined ? undefined : known(type);
    if (attributes && !attributes.includes(attribute)) {
      throw validationError(
        `Template error: resource ${logicalId} does not support attribute type ${attribute} in Fn::GetAtt`,
      );
    }
  }
}

/** How intrinsics reach resources and other stacks; the stack runner supplies it. */
export interface ResourceLookup {
  refResource(logicalId: string): string;
  getAtt(logicalId: string, attribute: string): TemplateValue;
  importValue(name: string): string;
}

export function resolutionContext(
  template: Template,
  parameters: Record<string, string>,
  pseudo: PseudoParameters,
  lookup: ResourceLookup,
): ResolveContext {
  const evaluated = new Map<string, boolean>();
  const evaluating = new Set<string>();
  const context: ResolveContext = {
    parameters: parameterView(template.parameters, parameters),
    pseudo,
    mappings: template.mappings,
    condition(name) {
      const known = evaluated.get(name);
      if (known !== undefined) return known;
      const expression = template.conditions[name];
      if (expression === undefined)
        throw new ResolveError(`Template error: unresolved condition dependency ${name}`);
      if (evaluating.has(name)) throw templateFormatError(`Circular condition dependency involving ${name}`);
      evaluating.add(name);
      const value = resolveCondition(expression, context);
      evaluating.delete(name);
      evaluated.set(name, value);
      return value;
    },
    refResource: (name) => lookup.refResource(name),
    getAtt: (name, attribute) => lookup.getAtt(name, attribute),
    importValue: (name) => lookup.importValue(name),
  };
  return context;
}

export interface ResolvedOutput {
  OutputKey: string;
  OutputValue: string;
  Description?: string;
  ExportName?: string;
}

/** Outputs whose Condition holds, with values as text (lists joined by commas, as AWS shows them). */
export function resolveOutputs(plan: StackPlan, context: ResolveContext): ResolvedOutput[] {
  const outputs: ResolvedOutput[] = [];
  for (const [key, output] of Object.entries(plan.template.outputs)) {
    if (output.Condition !== undefined && !plan.conditions[output.Condition]) continue;
    const value = resolveValue(output.Value, context);
    const exportName = output.ExportName === undefined ? undefined : resolveValue(output.ExportName, context);
    outputs.push({
      OutputKey: key,
      OutputValue: outputText(value),
      ...(output.Description !== undefined ? { Description: output.Description } : {}),
      ...(exportName !== undefined ? { ExportName: outputText(exportName) } : {}),
    });
  }
  return outputs;
}

function outputText(value: TemplateValue | undefined): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.map(outputText).join(',');
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}
