/**
 * Just enough XML for the AWS query and S3 protocols: writing responses from
 * plain objects, and reading the small request bodies S3 accepts
 * (CreateBucketConfiguration, Delete, ServerSideEncryptionConfiguration ...).
 */

/**
 * A value written as XML. Objects become nested elements; an array becomes the
 * same element repeated (S3's flattened lists; for awsQuery lists wrap items as
 * `{ member: [...] }`); Dates are written as ISO-8601; null and undefined are
 * left out.
 */
export type XmlValue = string | number | boolean | Date | null | undefined | XmlObject | XmlValue[];
export interface XmlObject {
  [name: string]: XmlValue;
}

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** `<name xmlns="...">children</name>` with an XML declaration. */
export function xmlDocument(root: string, content: XmlObject, xmlns?: string): string {
  const attr = xmlns ? ` xmlns="${escapeXml(xmlns)}"` : '';
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${root}${attr}>${xmlChildren(content)}</${root}>`;
}

export function xmlChildren(content: XmlObject): string {
  let out = '';
  for (const [name, value] of Object.entries(content)) out += xmlElement(name, value);
  return out;
}

function xmlElement(name: string, value: XmlValue): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map((item) => xmlElement(name, item)).join('');
  if (value instanceof Date) return `<${name}>${value.toISOString()}</${name}>`;
  if (typeof value === 'object') return `<${name}>${xmlChildren(value)}</${name}>`;
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

/** A parsed element: its local name (prefix dropped), child elements and text. */
export interface XmlNode {
  name: string;
  children: XmlNode[];
  text: string;
}

/** The first child element with this name. */
export function childNode(node: XmlNode, name: string): XmlNode | undefined {
  return node.children.find((child) => child.name === name);
}

/** The trimmed text of the first child with this name. */
export function childText(node: XmlNode, name: string): string | undefined {
  const child = childNode(node, name);
  return child ? child.text.trim() : undefined;
}

export function childNodes(node: XmlNode, name: string): XmlNode[] {
  return node.children.filter((child) => child.name === name);
}

export class XmlSyntaxError extends Error {}

/**
 * Parses a small XML document into its root element. Attributes, comments,
 * processing instructions and DOCTYPE are skipped; CDATA is kept as text.
 * Throws XmlSyntaxError on mismatched or unclosed tags.
 */
export function parseXml(source: string): XmlNode {
  const stack: XmlNode[] = [];
  let root: XmlNode | undefined;
  let i = 0;

  while (i < source.length) {
    const lt = source.indexOf('<', i);
    const textEnd = lt === -1 ? source.length : lt;
    if (textEnd > i && stack.length > 0) stack[stack.length - 1]!.text += decodeEntities(source.slice(i, textEnd));
    if (lt === -1) break;

    if (source.startsWith('<![CDATA[', lt)) {
      const end = source.indexOf(']]>', lt);
      if (end === -1) throw new XmlSyntaxError('unclosed CDATA section');
      if (stack.length > 0) stack[stack.length - 1]!.text += source.slice(lt + 9, end);
      i = end + 3;
      continue;
    }
    if (source.startsWith('<!--', lt)) {
      const end = source.indexOf('-->', lt);
      if (end === -1) throw new XmlSyntaxError('unclosed comment');
      i = end + 3;
      continue;
    }
    const gt = source.indexOf('>', lt);
    if (gt === -1) throw new XmlSyntaxError('unclosed tag');
    const tag = source.slice(lt + 1, gt);
    i = gt + 1;
    if (tag.startsWith('?') || tag.startsWith('!')) continue;

    if (tag.startsWith('/')) {
      const name = localName(tag.slice(1).trim());
      const open = stack.pop();
      if (!open || open.name !== name) throw new XmlSyntaxError(`unexpected closing tag </${name}>`);
      continue;
    }
    const selfClosing = tag.endsWith('/');
    const name = localName(tag.replace(/\/$/, '').trim().split(/\s+/)[0] ?? '');
    if (!name) throw new XmlSyntaxError('empty tag name');
    const node: XmlNode = { name, children: [], text: '' };
    if (stack.length > 0) stack[stack.length - 1]!.children.push(node);
    else if (root) throw new XmlSyntaxError('more than one root element');
    else root = node;
    if (!selfClosing) stack.push(node);
  }

  if (stack.length > 0) throw new XmlSyntaxError(`unclosed element <${stack[stack.length - 1]!.name}>`);
  if (!root) throw new XmlSyntaxError('no root element');
  return root;
}

function localName(qualified: string): string {
  const colon = qualified.indexOf(':');
  return colon === -1 ? qualified : qualified.slice(colon + 1);
}

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, entity: string) => {
    if (entity.startsWith('#x')) return String.fromCodePoint(parseInt(entity.slice(2), 16));
    if (entity.startsWith('#')) return String.fromCodePoint(parseInt(entity.slice(1), 10));
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[entity]!;
  });
}
