/**
 * Response shapes for the four wire protocols the SDK v3 clients speak
 * (see /work/shared/AWS.md section 1). Handlers return one of the `*Result`
 * helpers or throw a SandboxError; the router renders the error in the shape of
 * the protocol the request came in on.
 */
import type { Readable } from 'node:stream';
import { xmlChildren, xmlDocument, escapeXml, type XmlObject } from './xml.js';

export type Protocol = 'query' | 'json' | 'rest-json' | 'rest-xml';

/**
 * What a handler answers. A body given as a function receives the request id,
 * for the protocols that repeat it inside the body.
 */
export interface SandboxResponse {
  status: number;
  headers?: Record<string, string | number>;
  body?: string | Buffer | Readable | ((requestId: string) => string);
}

/**
 * An error a client should see as an AWS error: `code` becomes the SDK
 * exception's `name`, `message` its message.
 */
export class SandboxError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Extra fields for restJson/awsJson error bodies, or extra elements for XML ones. */
    readonly extra?: Record<string, string>,
  ) {
    super(message);
    this.name = code;
  }
}

const QUERY_XMLNS: Record<string, string> = {
  sts: 'https://sts.amazonaws.com/doc/2011-06-15/',
  iam: 'https://iam.amazonaws.com/doc/2010-05-08/',
  cloudformation: 'http://cloudformation.amazonaws.com/doc/2010-05-15/',
};
export const S3_XMLNS = 'http://s3.amazonaws.com/doc/2006-03-01/';

/**
 * awsQuery success: `<ActionResponse><ActionResult>…</ActionResult>…`. The SDK
 * reads only the child named exactly `<Action>Result`, so `action` must be the
 * operation name. Pass no result for operations without output.
 */
export function queryResult(action: string, result?: XmlObject, service?: string): SandboxResponse {
  const xmlns = service ? QUERY_XMLNS[service] : undefined;
  return {
    status: 200,
    headers: { 'content-type': 'text/xml' },
    body: (requestId) =>
      xmlDocument(
        `${action}Response`,
        {
          ...(result ? { [`${action}Result`]: result } : {}),
          ResponseMetadata: { RequestId: requestId },
        },
        xmlns,
      ),
  };
}

/** awsQuery error: `<ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/>`. */
export function queryError(status: number, code: string, message: string, service?: string): SandboxResponse {
  const xmlns = service ? QUERY_XMLNS[service] : undefined;
  return {
    status,
    headers: { 'content-type': 'text/xml' },
    body: (requestId) =>
      xmlDocument(
        'ErrorResponse',
        { Error: { Type: status >= 500 ? 'Receiver' : 'Sender', Code: code, Message: message }, RequestId: requestId },
        xmlns,
      ),
  };
}

/** awsJson success: the output object as JSON (timestamps as epoch seconds are the caller's job). */
export function jsonResult(output: unknown, status = 200): SandboxResponse {
  return { status, headers: { 'content-type': 'application/x-amz-json-1.1' }, body: JSON.stringify(output ?? {}) };
}

/** awsJson error: `{"__type": code, "message": ...}`. */
export function jsonError(status: number, code: string, message: string, extra?: Record<string, string>): SandboxResponse {
  return {
    status,
    headers: { 'content-type': 'application/x-amz-json-1.1' },
    body: JSON.stringify({ __type: code, message, ...extra }),
  };
}

/**
 * restJson success. QuickSight outputs carry `Status` and `RequestId`: the SDK
 * takes `Status` from the status line, so only `RequestId` goes in the body.
 */
export function restJsonResult(output: Record<string, unknown>, status = 200): SandboxResponse {
  return {
    status,
    headers: { 'content-type': 'application/json' },
    body: (requestId) => JSON.stringify({ ...output, RequestId: requestId }),
  };
}

/** restJson error: header `x-amzn-ErrorType` plus `{"Message", "RequestId"}`. */
export function restJsonError(
  status: number,
  code: string,
  message: string,
  extra?: Record<string, string>,
): SandboxResponse {
  return {
    status,
    headers: { 'content-type': 'application/json', 'x-amzn-ErrorType': code },
    body: (requestId) => JSON.stringify({ Message: message, RequestId: requestId, ...extra }),
  };
}

/** restXml (S3) success with an XML document body, or an empty body when `root` is omitted. */
export function restXmlResult(
  root?: string,
  content?: XmlObject,
  status = 200,
  headers: Record<string, string | number> = {},
): SandboxResponse {
  if (!root) return { status, headers };
  return {
    status,
    headers: { 'content-type': 'application/xml', ...headers },
    body: xmlDocument(root, content ?? {}, S3_XMLNS),
  };
}

/** restXml (S3) error: `<Error><Code/><Message/><RequestId/><HostId/></Error>`, no wrapper. */
export function restXmlError(status: number, code: string, message: string, extra?: Record<string, string>): SandboxResponse {
  return {
    status,
    headers: { 'content-type': 'application/xml' },
    body: (requestId) =>
      `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${escapeXml(code)}</Code><Message>${escapeXml(message)}</Message>` +
      `${xmlChildren(extra ?? {})}<RequestId>${requestId}</RequestId><HostId>${requestId}</HostId></Error>`,
  };
}

/** Renders an error in the shape of `protocol`; `service` picks the awsQuery xmlns. */
export function errorResponse(protocol: Protocol, error: SandboxError, service?: string): SandboxResponse {
  switch (protocol) {
    case 'query':
      return queryError(error.status, error.code, error.message, service);
    case 'json':
      return jsonError(error.status, error.code, error.message, error.extra);
    case 'rest-json':
      return restJsonError(error.status, error.code, error.message, error.extra);
    case 'rest-xml':
      return restXmlError(error.status, error.code, error.message, error.extra);
  }
}

/** The error each protocol's clients expect for an operation the sandbox does not know. */
export function unknownOperation(protocol: Protocol, service: string, operation: string): SandboxError {
  const what = operation ? `operation ${operation}` : 'this request';
  switch (protocol) {
    case 'query':
      return new SandboxError(400, 'InvalidAction', `The action ${operation || '(none)'} is not valid for this web service.`);
    case 'json':
      return new SandboxError(400, 'UnknownOperationException', `The sandbox's ${service} does not implement ${what}.`);
    case 'rest-json':
      return new SandboxError(404, 'UnknownOperationException', `The sandbox's ${service} does not implement ${what}.`);
    case 'rest-xml':
      return new SandboxError(501, 'NotImplemented', `The sandbox's ${service} does not implement ${what}.`);
  }
}

/** The 500 each protocol's clients expect when a handler fails unexpectedly. */
export function internalFailure(protocol: Protocol): SandboxError {
  const code = protocol === 'rest-xml' ? 'InternalError' : 'InternalFailure';
  return new SandboxError(500, code, 'The sandbox failed while handling this request; see its log.');
}
