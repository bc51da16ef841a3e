/** Which single-key objects are intrinsic functions rather than plain property maps. */
import type { TemplateObject, TemplateValue } from './types.js';

export const SUPPORTED_FUNCTIONS = [
  'Fn::Base64',
  'Fn::Equals',
  'Fn::FindInMap',
  'Fn::GetAZs',
  'Fn::GetAtt',
  'Fn::If',
  'Fn::ImportValue',
  'Fn::Join',
  'Fn::Length',
  'Fn::Not',
  'Fn::And',
  'Fn::Or',
  'Fn::Select',
  'Fn::Split',
  'Fn::Sub',
  'Fn::ToJsonString',
  'Ref',
] as const;

export type IntrinsicName = (typeof SUPPORTED_FUNCTIONS)[number];

export function isPlainObject(value: TemplateValue | undefined): value is TemplateObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The function name when `value` is `{ Ref: ... }` or `{ 'Fn::X': ... }`, else undefined. */
export function intrinsicName(value: TemplateValue | undefined): string | undefined {
  if (!isPlainObject(value)) return undefined;
  const keys = Object.keys(value);
  if (keys.length !== 1) return undefined;
  const [key] = keys;
  return key === 'Ref' || key.startsWith('Fn::') ? key : undefined;
}
