/**
 * The services the sandbox answers. To add one:
 *
 *   1. Write `src/sandbox/<name>/index.ts` exporting a SandboxService (types.ts):
 *        export const firehoseService: SandboxService = {
 *          name: 'firehose', protocol: 'json', targetPrefix: 'Firehose_20150804',
 *          handle: operationTable('firehose', 'json', { PutRecordBatch: putRecordBatch, ... }),
 *        };
 *      REST services also give `operationOf(head)`, naming the operation from
 *      method + path, so the router can log it and operationTable can dispatch.
 *   2. Import it here and add it to SANDBOX_SERVICES.
 *
 * Handlers receive the request (`req.json` for awsJson/restJson, `req.params`
 * for awsQuery form fields, `req.stream`/`req.readBody()` for S3) and a context
 * `ctx` with: account (from the access key id), region (from the SigV4 scope),
 * requestId, now(), timeScale, `store` (this account's persisted state) and
 * `sandbox` (the whole runtime: every account's state, per-sandbox memory,
 * scaledMs(), options). They return a response built with the helpers in
 * protocol.ts (queryResult, jsonResult, restJsonResult, restXmlResult) and
 * throw `new SandboxError(status, code, message)` for AWS errors: the router
 * renders it in the request's protocol. Any other exception becomes a 500
 * InternalFailure and the server carries on. `service-kit.ts` re-exports all
 * of this in one import.
 *
 * Persistence: `ctx.store.slice('firehose', () => ({ streams: {} }))` returns a
 * live, JSON-only object saved in `<home>/state/account-<id>.json`; call
 * `ctx.store.markDirty()` after changing it and the file is rewritten shortly
 * after (and at close). State shared across accounts lives in
 * `ctx.sandbox.store.global`; another account's in `ctx.sandbox.store.account(id)`.
 * Non-persisted per-sandbox things (timers, buffers) go in
 * `ctx.sandbox.memory(name, init)`. Background work starts in the service's
 * `start(sandbox)` (state is loaded by then) and ends in `stop(sandbox)`,
 * which runs before the final flush.
 *
 * Other services' internal APIs are plain functions taking the runtime:
 * `s3Api(ctx.sandbox).putObject(account, bucket, key, body)` (./s3/api.ts),
 * `iamApi(ctx.sandbox).createRole(account, {...})` (./iam/api.ts).
 */
import { cloudFormationService } from './cloudformation/index.js';
import { firehoseService } from './firehose/index.js';
import { iamService } from './iam/index.js';
import { quickSightService } from './quicksight/index.js';
import { s3Service } from './s3/index.js';
import { stsService } from './sts/index.js';
import type { SandboxService } from './types.js';

// Firehose before S3: services stop in list order, and Firehose's stop() flushes its buffers into S3.
export const SANDBOX_SERVICES: readonly SandboxService[] = [
  stsService,
  iamService,
  firehoseService,
  quickSightService,
  s3Service,
  cloudFormationService,
];
