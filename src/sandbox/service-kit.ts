/**
 * Everything a service module needs, in one import:
 *
 *   import { operationTable, queryResult, SandboxError, type SandboxService } from '../service-kit.js';
 */
import { SandboxError, unknownOperation, type Protocol } from './protocol.js';
import type { OperationHandler, SandboxRequest, SandboxContext, ServiceName } from './types.js';

export * from './protocol.js';
export type * from './types.js';
export type { StateSlices } from './store.js';
export type { XmlObject, XmlValue, XmlNode } from './xml.js';
export { childNode, childNodes, childText, parseXml, XmlSyntaxError } from './xml.js';

/**
 * A `handle` that calls the handler named by the request's operation, and
 * answers the protocol's "unknown operation" error for any other.
 */
export function operationTable(
  service: ServiceName,
  protocol: Protocol,
  handlers: Record<string, OperationHandler>,
): (req: SandboxRequest, ctx: SandboxContext) => Promise<import('./protocol.js').SandboxResponse> {
  return async (req, ctx) => {
    const handler = Object.hasOwn(handlers, req.operation) ? handlers[req.operation] : undefined;
    if (!handler) throw unknownOperation(protocol, service, req.operation);
    return handler(req, ctx);
  };
}

/** A required awsQuery parameter, or the ValidationError AWS gives when it is missing. */
export function requiredParam(req: SandboxRequest, name: string): string {
  const value = req.params[name];
  if (value === undefined || value === '') {
    throw new SandboxError(400, 'ValidationError', `1 validation error detected: Value null at '${lowerFirst(name)}' failed to satisfy constraint: Member must not be null`);
  }
  return value;
}

/**
 * An awsQuery list: `Name.member.1`, `Name.member.2` ... as strings, or, with
 * `fields`, as objects read from `Name.member.N.Field`.
 */
export function queryList(params: Record<string, string>, name: string): string[];
export function queryList<K extends string>(
  params: Record<string, string>,
  name: string,
  fields: readonly K[],
): Array<Partial<Record<K, string>>>;
export function queryList(params: Record<string, string>, name: string, fields?: readonly string[]): unknown[] {
  const items: unknown[] = [];
  for (let n = 1; ; n++) {
    const base = `${name}.member.${n}`;
    if (!fields) {
      if (params[base] === undefined) break;
      items.push(params[base]);
      continue;
    }
    const item: Record<string, string> = {};
    let found = false;
    for (const field of fields) {
      const value = params[`${base}.${field}`];
      if (value !== undefined) {
        item[field] = value;
        found = true;
      }
    }
    if (!found) break;
    items.push(item);
  }
  return items;
}

/** A required string field of a JSON body, or a ValidationException naming it. */
export function requiredJsonString(req: SandboxRequest, name: string): string {
  const value = req.json?.[name];
  if (typeof value !== 'string' || value === '') {
    throw new SandboxError(400, 'ValidationException', `1 validation error detected: Value null at '${lowerFirst(name)}' failed to satisfy constraint: Member must not be null`);
  }
  return value;
}

function lowerFirst(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}
