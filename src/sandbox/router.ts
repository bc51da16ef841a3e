/**
 * Turns an HTTP request into a call of one service's handler, and its answer
 * (or error) back into HTTP in the shape of the request's protocol.
 *
 *   request ──> protocol + service ──> read body ──> handler ──> response
 *               (X-Amz-Target, SigV4     (JSON, form,   │  throws SandboxError
 *                scope, path shape)       or stream)    ▼  or anything else
 *                                                    error in the protocol's shape
 *
 * Signatures are never verified: the access key id only picks the account.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import {
  errorResponse,
  internalFailure,
  SandboxError,
  unknownOperation,
  type Protocol,
  type SandboxResponse,
} from './protocol.js';
import type { RequestHead, SandboxContext, SandboxRequest, SandboxRuntime, SandboxService } from './types.js';

export const DEFAULT_ACCOUNT = '000000000000';
export const DEFAULT_REGION = 'us-east-1';

/**
 * Bodies read whole (everything but S3 object bodies, which stream to disk) are
 * bounded; Firehose's largest call is 4 MiB of data, about 5.4 MiB as base64.
 */
const MAX_BUFFERED_BODY = 16 * 1024 * 1024;

interface Caller {
  accessKeyId: string;
  account: string;
  region: string;
  /** The SigV4 signing name, e.g. s3, sts; undefined for unsigned requests. */
  signingName: string | undefined;
}

/** Reads the caller from `authorization` (or a presigned URL's X-Amz-Credential). */
export function callerOf(head: Pick<RequestHead, 'headers' | 'query'>): Caller {
  const auth = head.headers.authorization ?? '';
  const scope = /Credential=([^/,\s]+)\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/.exec(auth)?.slice(1) ??
    head.query.get('X-Amz-Credential')?.split('/');
  const accessKeyId = scope?.[0] ?? '';
  const region = scope?.[scope.length === 5 ? 2 : 1] ?? DEFAULT_REGION;
  const signingName = scope?.[scope.length === 5 ? 3 : 2];
  return {
    accessKeyId,
    account: /^\d{12}$/.test(accessKeyId) ? accessKeyId : DEFAULT_ACCOUNT,
    region,
    signingName,
  };
}

const QUERY_SIGNING_NAMES = new Set(['sts', 'iam', 'cloudformation']);

/** Which wire protocol a request uses, from its headers and path shape alone. */
export function protocolOf(head: RequestHead, signingName: string | undefined): Protocol {
  if (head.headers['x-amz-target']) return 'json';
  if (signingName === 'quicksight') return 'rest-json';
  if (signingName === 's3') return 'rest-xml';
  if (signingName && QUERY_SIGNING_NAMES.has(signingName)) return 'query';
  if (signingName === 'firehose') return 'json';
  if (/^\/accounts?\//.test(head.rawPath)) return 'rest-json';
  const contentType = head.headers['content-type'] ?? '';
  if (head.method === 'POST' && head.rawPath === '/' && contentType.startsWith('application/x-www-form-urlencoded')) {
    return 'query';
  }
  return 'rest-xml';
}

export function parseHead(req: IncomingMessage): RequestHead {
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  const rawPath = q === -1 ? url : url.slice(0, q);
  const segments = rawPath
    .split('/')
    .slice(1)
    .map((segment) => safeDecode(segment));
  if (segments.length === 1 && segments[0] === '') segments.length = 0;
  return {
    method: req.method ?? 'GET',
    rawPath,
    segments,
    query: new URLSearchParams(q === -1 ? '' : url.slice(q + 1)),
    headers: req.headers,
  };
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export class Router {
  constructor(
    private readonly sandbox: SandboxRuntime,
    private readonly services: readonly SandboxService[],
    private readonly onInternalError: (error: unknown, where: string) => void,
  ) {}

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = Date.now();
    const requestId = randomUUID();
    const head = parseHead(req);
    const caller = callerOf(head);
    const protocol = protocolOf(head, caller.signingName);
    let service: SandboxService | undefined;
    let serviceName = caller.signingName ?? protocolGuessName(protocol);
    let operation = '';
    let response: SandboxResponse;

    try {
      const request = await this.readRequest(req, head, protocol);
      service = this.pickService(protocol, head, caller.signingName, request);
      if (service) serviceName = service.name;
      operation = this.operationOf(protocol, head, request, service);
      request.operation = operation;
      if (!service) throw unknownOperation(protocol, serviceName, operation);

      const ctx: SandboxContext = {
        account: caller.account,
        region: caller.region,
        accessKeyId: caller.accessKeyId,
        requestId,
        store: this.sandbox.store.account(caller.account),
        sandbox: this.sandbox,
        now: () => this.sandbox.now(),
        timeScale: this.sandbox.timeScale,
      };
      response = await service.handle(request, ctx);
    } catch (error) {
      if (!(error instanceof SandboxError)) {
        this.onInternalError(error, `${serviceName} ${operation || head.method + ' ' + head.rawPath}`);
      }
      const known = error instanceof SandboxError ? error : internalFailure(protocol);
      response = errorResponse(protocol, known, serviceName);
    }

    // A handler that answered without reading the body (an early error) must
    // still drain it, or the keep-alive connection would stall.
    if (!req.readableEnded) req.resume();

    this.sandbox.log.add({
      time: new Date(started).toISOString(),
      service: serviceName,
      operation: operation || `${head.method} ${head.rawPath}`,
      account: caller.account,
      region: caller.region,
      status: response.status,
      ...(response.status >= 300 ? { error: errorCodeOf(response) } : {}),
      requestId,
      ms: Date.now() - started,
    });
    await writeResponse(res, head.method, protocol, requestId, response);
  }

  private async readRequest(req: IncomingMessage, head: RequestHead, protocol: Protocol): Promise<SandboxRequest> {
    let cached: Promise<Buffer> | undefined;
    const readBody = () => (cached ??= readAll(req, MAX_BUFFERED_BODY));
    if (protocol === 'rest-xml') return { ...head, operation: '', params: {}, json: undefined, stream: req, readBody };

    const body = await readBody();
    const params: Record<string, string> = {};
    let json: Record<string, unknown> | undefined;
    if (protocol === 'query') {
      for (const [key, value] of new URLSearchParams(body.toString('utf8'))) params[key] = value;
      for (const [key, value] of head.query) params[key] ??= value;
    } else {
      json = parseJsonBody(body);
    }
    // The body is already consumed; a handler that still wants a stream gets one over the bytes (made on demand,
    // since the hot path, Firehose's PutRecordBatch, never asks).
    let replay: Readable | undefined;
    return {
      ...head,
      operation: '',
      params,
      json,
      get stream() {
        return (replay ??= Readable.from([body]));
      },
      readBody,
    };
  }

  private pickService(
    protocol: Protocol,
    head: RequestHead,
    signingName: string | undefined,
    request: SandboxRequest,
  ): SandboxService | undefined {
    const candidates = this.services.filter((service) => service.protocol === protocol);
    if (protocol === 'json') {
      const prefix = String(head.headers['x-amz-target'] ?? '').split('.')[0];
      const byTarget = candidates.find((service) => service.targetPrefix === prefix);
      if (byTarget) return byTarget;
    }
    if (signingName) return candidates.find((service) => service.name === signingName);
    if (protocol === 'query') return candidates.find((service) => service.queryVersion === request.params.Version);
    if (protocol === 'rest-json') return candidates.find((service) => service.name === 'quicksight');
    if (protocol === 'rest-xml') return candidates.find((service) => service.name === 's3');
    return undefined;
  }

  private operationOf(
    protocol: Protocol,
    head: RequestHead,
    request: SandboxRequest,
    service: SandboxService | undefined,
  ): string {
    if (protocol === 'json') return String(head.headers['x-amz-target'] ?? '').split('.').slice(1).join('.');
    if (protocol === 'query') return request.params.Action ?? '';
    return service?.operationOf?.(head) ?? '';
  }
}

function protocolGuessName(protocol: Protocol): string {
  return { query: 'unknown', json: 'unknown', 'rest-json': 'quicksight', 'rest-xml': 's3' }[protocol];
}

function readAll(stream: Readable, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    stream.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        stream.removeAllListeners('data');
        stream.resume();
        reject(new SandboxError(413, 'RequestEntityTooLarge', `Request bodies are limited to ${limit} bytes.`));
        return;
      }
      chunks.push(chunk);
    });
    stream.once('end', () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size)));
    stream.once('error', reject);
  });
}

function parseJsonBody(body: Buffer): Record<string, unknown> {
  if (body.length === 0) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    throw new SandboxError(400, 'SerializationException', 'The request body is not valid JSON.');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new SandboxError(400, 'SerializationException', 'The request body must be a JSON object.');
  }
  return parsed as Record<string, unknown>;
}

/** The error code an error response carries, for the log (cheap: only for errors). */
function errorCodeOf(response: SandboxResponse): string | undefined {
  const header = response.headers?.['x-amzn-ErrorType'];
  if (header) return String(header);
  const body = typeof response.body === 'function' ? response.body('') : response.body;
  if (typeof body !== 'string') return undefined;
  return /<Code>([^<]*)<\/Code>/.exec(body)?.[1] ?? /"__type":"([^"]*)"/.exec(body)?.[1];
}

async function writeResponse(
  res: ServerResponse,
  method: string,
  protocol: Protocol,
  requestId: string,
  response: SandboxResponse,
): Promise<void> {
  const body = typeof response.body === 'function' ? response.body(requestId) : response.body;
  res.statusCode = response.status;
  res.setHeader('x-amzn-RequestId', requestId);
  if (protocol === 'rest-xml') {
    res.setHeader('x-amz-request-id', requestId);
    res.setHeader('x-amz-id-2', requestId);
  }
  for (const [name, value] of Object.entries(response.headers ?? {})) res.setHeader(name, value);

  if (body instanceof Readable) {
    if (method === 'HEAD') {
      body.destroy();
      res.end();
      return;
    }
    await new Promise<void>((resolve) => {
      body.once('error', () => res.destroy());
      res.once('close', resolve);
      body.pipe(res);
    });
    return;
  }
  const bytes = body === undefined ? undefined : typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  if (!res.hasHeader('content-length')) res.setHeader('content-length', bytes?.length ?? 0);
  res.end(method === 'HEAD' ? undefined : bytes);
}
