/**
 * A CloudFormation template after parsing: short-form YAML tags are already
 * rewritten to their long JSON forms (`!Ref X` is `{ Ref: 'X' }`), so the rest
 * of the engine only knows one shape.
 */

export type TemplateValue = string | number | boolean | null | TemplateValue[] | TemplateObject;
export interface TemplateObject {
  [key: string]: TemplateValue;
}

export interface ParameterDeclaration {
  Type: string;
  Default?: string;
  AllowedValues?: string[];
  AllowedPattern?: string;
  MinLength?: number;
  MaxLength?: number;
  MinValue?: number;
  MaxValue?: number;
  NoEcho?: boolean;
  Description?: string;
  ConstraintDescription?: string;
}

export type DeletionPolicy = 'Delete' | 'Retain' | 'Snapshot' | 'RetainExceptOnCreate';

export interface ResourceDeclaration {
  Type: string;
  Properties: TemplateObject;
  /** Always a list here, whichever form the template used. */
  DependsOn: string[];
  Condition?: string;
  DeletionPolicy?: DeletionPolicy;
  Metadata?: TemplateValue;
}

export interface OutputDeclaration {
  Value: TemplateValue;
  Description?: string;
  /** The `Export.Name` value, still unresolved. */
  ExportName?: TemplateValue;
  Condition?: string;
}

export interface Template {
  formatVersion?: string;
  description?: string;
  parameters: Record<string, ParameterDeclaration>;
  mappings: Record<string, Record<string, Record<string, TemplateValue>>>;
  conditions: Record<string, TemplateValue>;
  resources: Record<string, ResourceDeclaration>;
  outputs: Record<string, OutputDeclaration>;
}

/** A parameter's value as intrinsics see it: list types are arrays. */
export type ParameterValue = string | string[];

export interface PseudoParameters {
  accountId: string;
  region: string;
  stackName: string;
  stackId: string;
  /** `aws`, unless the sandbox pretends to be another partition. @default 'aws' */
  partition?: string;
  /** @default 'amazonaws.com' */
  urlSuffix?: string;
}
