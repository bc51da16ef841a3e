/**
 * The contracts between the sandbox's router and the services plugged into it.
 * See services.ts for how to add a service.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import type { SandboxOptions } from './options.js';
import type { Protocol, SandboxResponse } from './protocol.js';
import type { RequestLog } from './request-log.js';
import type { SandboxStore, StateSlices } from './store.js';

export type ServiceName = 'sts' | 'iam' | 'cloudformation' | 'firehose' | 's3' | 'quicksight';

/** The parts of a request known before its body is read: enough to name the operation. */
export interface RequestHead {
  method: string;
  /** The path as sent, still percent-encoded, without the query string. */
  rawPath: string;
  /** The path split on `/` and decoded; `/bkt/a/b.json` gives ['bkt', 'a', 'b.json']. */
  segments: string[];
  query: URLSearchParams;
  /** Lower-case header names, as node gives them. */
  headers: IncomingHttpHeaders;
}

export interface SandboxRequest extends RequestHead {
  /**
   * The operation: from X-Amz-Target (awsJson), Action= (awsQuery) or the
   * service's operationOf() (REST). Empty when none could be named.
   */
  operation: string;
  /** awsQuery form fields, e.g. `{ Action: 'CreateRole', 'Tags.member.1.Key': 'a' }`; else empty. */
  params: Record<string, string>;
  /** The parsed JSON body for awsJson and restJson requests (`{}` when empty); else undefined. */
  json: Record<string, unknown> | undefined;
  /**
   * The body as a stream. For awsJson, awsQuery and restJson it has already been
   * read (use `json`/`params`); restXml (S3) handlers read it themselves.
   */
  stream: Readable;
  /** The whole body (read once, then cached). */
  readBody(): Promise<Buffer>;
}

/** What a handler knows about the caller and the sandbox. */
export interface SandboxContext {
  /** 12 digits: the access key id when it is 12 digits, else 000000000000. */
  account: string;
  /** From the SigV4 credential scope; us-east-1 for unsigned requests. */
  region: string;
  accessKeyId: string;
  requestId: string;
  /** The persisted slices of this account's state document. */
  store: StateSlices;
  /** The whole sandbox: other accounts, the global document, timers, options. */
  sandbox: SandboxRuntime;
  now(): Date;
  timeScale: number;
}

/** One running sandbox, shared by every service in it. */
export interface SandboxRuntime {
  readonly home: string;
  readonly options: SandboxOptions;
  /** > 1 shortens simulated waits; see scaledMs(). */
  readonly timeScale: number;
  readonly store: SandboxStore;
  readonly log: RequestLog;
  now(): Date;
  /** Milliseconds to really wait for a simulated wait of `seconds`. */
  scaledMs(seconds: number): number;
  /**
   * Per-sandbox memory that is not persisted (timers, buffers, caches), created
   * with `init()` on first use. Two sandboxes in one process never share it.
   */
  memory<T>(name: string, init: () => T): T;
}

export interface SandboxService {
  name: ServiceName;
  protocol: Protocol;
  /** awsJson: the X-Amz-Target prefix before the dot, e.g. `Firehose_20150804`. */
  targetPrefix?: string;
  /** awsQuery: the Version= value, used to route form posts that are not signed. */
  queryVersion?: string;
  /**
   * REST protocols: names the operation (for dispatch and the request log), or
   * undefined when the request matches none.
   */
  operationOf?(head: RequestHead): string | undefined;
  handle(req: SandboxRequest, ctx: SandboxContext): Promise<SandboxResponse>;
  /** Called once when the sandbox starts, after state has loaded: resume background work here. */
  start?(sandbox: SandboxRuntime): void | Promise<void>;
  /** Called once at close, after the server stops taking requests and before state is flushed. */
  stop?(sandbox: SandboxRuntime): void | Promise<void>;
}

/** A handler for one operation; see operationTable() in services.ts. */
export type OperationHandler = (req: SandboxRequest, ctx: SandboxContext) => Promise<SandboxResponse> | SandboxResponse;
