/**
 * PutRecord and PutRecordBatch: the hot path. A full workshop day is about
 * 860 batches of 500 records, so per call this does one pass over the records
 * to validate sizes, decodes them all into one buffer whose slices go to the
 * stream's buffer, and builds the reply as one string. No logging, no disk I/O: delivery happens
 * later, off this path (runtime.ts).
 *
 * Checks in the order the service applies them: model constraints
 * (ValidationException), the stream (ResourceNotFoundException unless ACTIVE),
 * the 4 MiB batch limit (InvalidArgumentException), the throughput quota (503),
 * then injected faults.
 */
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { SandboxError, type SandboxResponse } from '../protocol.js';
import type { SandboxRuntime } from '../types.js';
import { findStream, notFound, statusOf } from './control-plane.js';
import type { FirehoseRuntime, LiveStream } from './runtime.js';
import type { Scope } from './types.js';
import {
  checkStreamName,
  invalidArgument,
  MAX_BATCH_BYTES,
  MAX_RECORD_BYTES,
  MAX_RECORDS_PER_BATCH,
  Violations,
} from './validation.js';

const SLOW_DOWN = 'Slow down.';
const FAILED_ENTRY = `{"ErrorCode":"ServiceUnavailableException","ErrorMessage":"${SLOW_DOWN}"}`;
const JSON_HEADERS = { 'content-type': 'application/x-amz-json-1.1' };

/** RecordIds only need to be unique: a per-process random prefix and a counter. */
const RECORD_ID_PREFIX = randomBytes(12).toString('base64url');
let recordCounter = 0;

function nextRecordId(): string {
  return RECORD_ID_PREFIX + (recordCounter++).toString(36);
}

function slowDown(): SandboxError {
  return new SandboxError(503, 'ServiceUnavailableException', SLOW_DOWN);
}

/**
 * Bytes a base64 string decodes to, without decoding it: exact for the
 * canonical base64 the SDKs send, never too small for anything else.
 */
function decodedLength(data: string): number {
  const length = data.length;
  let padding = 0;
  if (length > 0 && data.charCodeAt(length - 1) === 61 /* = */) padding++;
  if (length > 1 && data.charCodeAt(length - 2) === 61) padding++;
  return Math.floor((length * 3) / 4) - padding;
}

/** Adds the violations of one record's Data, returning its decoded length. */
function checkData(violations: Violations, data: unknown, path: string): number {
  if (data === undefined || data === null) {
    violations.add('null', path, 'not be null');
    return 0;
  }
  if (typeof data !== 'string') {
    throw new SandboxError(400, 'SerializationException', `${path} must be base64 text.`);
  }
  const bytes = decodedLength(data);
  if (bytes > MAX_RECORD_BYTES) {
    violations.add(
      `'java.nio.HeapByteBuffer[pos=0 lim=${bytes} cap=${bytes}]'`,
      path,
      `have length less than or equal to ${MAX_RECORD_BYTES}`,
    );
  }
  return bytes;
}

/** The ACTIVE stream's live state, admitted past the quota and the throttle fault. */
function admit(
  sandbox: SandboxRuntime,
  runtime: FirehoseRuntime,
  scope: Scope,
  name: string,
  records: number,
  bytes: number,
): LiveStream {
  const record = findStream(sandbox, scope, name);
  const status = statusOf(record, sandbox.now().getTime());
  if (status === 'CREATING') {
    throw new SandboxError(
      400,
      'ResourceNotFoundException',
      `Firehose ${name} under account ${scope.account} is not ACTIVE yet (status CREATING); wait until it is.`,
    );
  }
  if (status !== 'ACTIVE') throw notFound(scope, name);
  if (bytes > MAX_BATCH_BYTES) throw invalidArgument('Records size exceeds 4 MB limit');
  const live = runtime.liveStream(scope, record);
  if (live.quota && !live.quota.admit(records, bytes, performance.now())) throw slowDown();
  if (runtime.faults?.throttleCall()) throw slowDown();
  return live;
}

/**
 * A 200 whose connection is cut before any byte is written: the injected
 * "drop" fault. The router destroys the response when a body stream fails.
 */
function cutConnection(): SandboxResponse {
  const body = new Readable({
    read() {
      this.destroy(new Error('injected fault: connection dropped'));
    },
  });
  return { status: 200, headers: JSON_HEADERS, body };
}

export function putRecordBatch(
  sandbox: SandboxRuntime,
  runtime: FirehoseRuntime,
  scope: Scope,
  input: Record<string, unknown>,
): SandboxResponse {
  const violations = new Violations();
  checkStreamName(violations, input.DeliveryStreamName);
  const records = input.Records;
  if (records !== undefined && records !== null && !Array.isArray(records)) {
    throw new SandboxError(400, 'SerializationException', 'Records must be a list.');
  }
  if (records === undefined || records === null) violations.add('null', 'records', 'not be null');
  const list = (Array.isArray(records) ? records : []) as Array<{ Data?: unknown } | null>;
  if (Array.isArray(records) && list.length < 1) {
    violations.add("'[]'", 'records', 'have length greater than or equal to 1');
  }
  if (list.length > MAX_RECORDS_PER_BATCH) {
    violations.add(
      `'[${list.length} records]'`,
      'records',
      `have length less than or equal to ${MAX_RECORDS_PER_BATCH}`,
    );
  }
  let bytes = 0;
  for (let i = 0; i < list.length; i++)
    bytes += checkData(violations, list[i]?.Data, `records.${i + 1}.member.data`);
  violations.throwIfAny();

  const live = admit(sandbox, runtime, scope, input.DeliveryStreamName as string, list.length, bytes);
  const failed = runtime.faults?.failedRecords(list.length);
  const arrival = sandbox.now().getTime();
  // One allocation per call: each record is decoded into its slice of `decoded`.
  const decoded = Buffer.allocUnsafe(bytes);
  let offset = 0;
  let reply = '';
  let failedCount = 0;
  for (let i = 0; i < list.length; i++) {
    if (i > 0) reply += ',';
    if (failed?.[i]) {
      failedCount++;
      reply += FAILED_ENTRY;
      continue;
    }
    const length = decoded.write(list[i]!.Data as string, offset, 'base64');
    live.buffer.append(decoded.subarray(offset, offset + length), arrival);
    offset += length;
    reply += `{"RecordId":"${nextRecordId()}"}`;
  }
  if (runtime.faults?.dropConnection()) return cutConnection();
  return {
    status: 200,
    headers: JSON_HEADERS,
    body: `{"FailedPutCount":${failedCount},"Encrypted":false,"RequestResponses":[${reply}]}`,
  };
}

export function putRecord(
  sandbox: SandboxRuntime,
  runtime: FirehoseRuntime,
  scope: Scope,
  input: Record<string, unknown>,
): SandboxResponse {
  const violations = new Violations();
  checkStreamName(violations, input.DeliveryStreamName);
  const record = input.Record as { Data?: unknown } | undefined | null;
  let bytes = 0;
  if (record === undefined || record === null) violations.add('null', 'record', 'not be null');
  else bytes = checkData(violations, record.Data, 'record.data');
  violations.throwIfAny();

  const live = admit(sandbox, runtime, scope, input.DeliveryStreamName as string, 1, bytes);
  // A single record cannot fail on its own: the partial fault fails the whole call.
  if (runtime.faults?.failedRecords(1)) throw slowDown();
  live.buffer.append(Buffer.from(record!.Data as string, 'base64'), sandbox.now().getTime());
  if (runtime.faults?.dropConnection()) return cutConnection();
  return { status: 200, headers: JSON_HEADERS, body: `{"RecordId":"${nextRecordId()}","Encrypted":false}` };
}
