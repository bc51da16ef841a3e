/**
 * PutRecordBatch for the sender. The SDK's own retries are off on this
 * client (maxAttempts 1): the sender resends what failed itself, so that it
 * can count throttles, slow down, and never resend a record that Firehose
 * already acknowledged in the same reply.
 */
import { FirehoseClient, PutRecordBatchCommand } from '@aws-sdk/client-firehose';
import type { AwsClients } from './clients.js';
import { errorName, explainCredentials } from './errors.js';
import type { PutBatch, PutOutcome } from '../simulator/sender.js';

const THROTTLE_CODES = new Set([
  'ServiceUnavailableException',
  'ThrottlingException',
  'Throttling',
  'LimitExceededException',
  'SlowDown',
  'TooManyRequestsException',
]);

export function createSendingClient(clients: AwsClients): FirehoseClient {
  const { region, credentials, endpoint } = clients.settings;
  return new FirehoseClient({ region, credentials, ...(endpoint ? { endpoint } : {}), maxAttempts: 1 });
}

export function putBatchTo(client: FirehoseClient, streamName: string): PutBatch {
  return async (records, signal): Promise<PutOutcome> => {
    try {
      const out = await client.send(
        new PutRecordBatchCommand({ DeliveryStreamName: streamName, Records: records.map((Data) => ({ Data })) }),
        { abortSignal: signal },
      );
      const failed: Array<{ index: number; code: string; message: string }> = [];
      if (out.FailedPutCount) {
        out.RequestResponses?.forEach((response, index) => {
          if (response.ErrorCode) failed.push({ index, code: response.ErrorCode, message: response.ErrorMessage ?? '' });
        });
      }
      return { kind: 'ok', failed };
    } catch (error) {
      if (signal.aborted) throw error;
      const name = errorName(error) ?? '';
      const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
      if (THROTTLE_CODES.has(name) || status === 429 || status === 503) {
        return { kind: 'retry', throttled: true, reason: `${name || status}: ${(error as Error).message}` };
      }
      if ((status !== undefined && status >= 500) || isNetworkError(error)) {
        return { kind: 'retry', throttled: false, reason: `${name || status || 'network'}: ${(error as Error).message}` };
      }
      if (name === 'ResourceNotFoundException') {
        throw new Error(`The delivery stream ${streamName} does not exist (or is not ACTIVE); run the "Deploy the delivery stream" step again.`);
      }
      throw explainCredentials(error);
    }
  };
}

/** A connection cut or refused mid-call: the records may or may not have been taken. */
function isNetworkError(error: unknown): boolean {
  const code = (error as { code?: string }).code ?? '';
  const name = errorName(error) ?? '';
  const message = error instanceof Error ? error.message : '';
  return (
    ['ECONNRESET', 'EPIPE', 'ECONNREFUSED', 'ETIMEDOUT', 'ECONNABORTED', 'EAI_AGAIN'].includes(code) ||
    ['TimeoutError', 'RequestTimeout', 'NetworkingError'].includes(name) ||
    /socket hang up|ECONNRESET|other side closed|EPIPE/i.test(message)
  );
}
