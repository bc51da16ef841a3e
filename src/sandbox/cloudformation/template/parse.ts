/**
 * Turns a template body (JSON or YAML) into plain values. YAML's short forms
 * (`!Ref`, `!GetAtt A.B`, `!Sub`, ...) become the long JSON forms here, so
 * nothing after this file needs to know which syntax the author used.
 */
import { type Document, isAlias, isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import { templateFormatError } from './errors.js';
import type { TemplateObject, TemplateValue } from './types.js';

/** Short-form tags whose long form is `Fn::<name>`. */
const FUNCTION_TAGS = new Set([
  'Base64',
  'Cidr',
  'FindInMap',
  'GetAZs',
  'If',
  'ImportValue',
  'Join',
  'Select',
  'Split',
  'Sub',
  'Equals',
  'Not',
  'And',
  'Or',
  'Length',
  'ToJsonString',
  'Transform',
]);

/** CloudFormation tries JSON first and falls back to YAML; so does this. */
export function parseTemplateBody(body: string): TemplateObject {
  const value = body.trimStart().startsWith('{') ? parseJson(body) : parseYaml(body);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw templateFormatError('unsupported structure.');
  }
  return value;
}

function parseJson(body: string): TemplateValue {
  try {
    return JSON.parse(body) as TemplateValue;
  } catch (error) {
    const position = /position (\d+)/.exec(String(error))?.[1];
    const where = position === undefined ? '' : ` ${describePosition(body, Number(position))}`;
    throw templateFormatError(`JSON not well-formed.${where}`);
  }
}

function describePosition(text: string, offset: number): string {
  const before = text.slice(0, offset).split('\n');
  return `(line ${before.length}, column ${before[before.length - 1].length + 1})`;
}

function parseYaml(body: string): TemplateValue {
  const lineCounter = new LineCounter();
  const doc = parseDocument(body, { lineCounter });
  const [first] = doc.errors;
  if (first) {
    const at = first.linePos?.[0];
    throw templateFormatError(`YAML not well-formed.${at ? ` (line ${at.line}, column ${at.col})` : ''}`);
  }
  const convert = (node: unknown): TemplateValue => toTemplateValue(node, doc, lineCounter);
  return doc.contents === null ? null : convert(doc.contents);
}

function toTemplateValue(node: unknown, doc: Document, lines: LineCounter): TemplateValue {
  const convert = (child: unknown): TemplateValue => toTemplateValue(child, doc, lines);

  if (isAlias(node)) return convert(node.resolve(doc));

  let plain: TemplateValue;
  if (isScalar(node)) {
    plain = scalarValue(node.value);
  } else if (isSeq(node)) {
    plain = node.items.map(convert);
  } else if (isMap(node)) {
    const object: TemplateObject = {};
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      object[key] = pair.value === null ? null : convert(pair.value);
    }
    plain = object;
  } else {
    plain = null;
  }

  const tag = (node as Node | null)?.tag;
  return tag?.startsWith('!') && !tag.startsWith('!!')
    ? applyShortForm(tag.slice(1), plain, node as Node, lines)
    : plain;
}

function scalarValue(value: unknown): TemplateValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  // Timestamps and binary scalars: CloudFormation treats them as their text.
  return String(value);
}

function applyShortForm(name: string, value: TemplateValue, node: Node, lines: LineCounter): TemplateValue {
  switch (name) {
    case 'Ref':
      return { Ref: value };
    case 'Condition':
      return { Condition: value };
    case 'GetAtt':
      return { 'Fn::GetAtt': typeof value === 'string' ? splitGetAtt(value) : value };
    default:
      if (FUNCTION_TAGS.has(name)) return { [`Fn::${name}`]: value };
      const at = node.range ? lines.linePos(node.range[0]) : undefined;
      throw templateFormatError(
        `YAML not well-formed. Unknown tag !${name}${at ? ` (line ${at.line}, column ${at.col})` : ''}`,
      );
  }
}

/** `A.B.C` means attribute `B.C` of `A`: logical ids cannot hold dots, attribute names can. */
export function splitGetAtt(text: string): string[] {
  const dot = text.indexOf('.');
  return dot < 0 ? [text] : [text.slice(0, dot), text.slice(dot + 1)];
}
