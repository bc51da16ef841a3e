/**
 * The internal API other parts of the sandbox (CloudFormation) use to manage
 * delivery streams without HTTP. Same rules, states and errors as the wire
 * operations: failures throw SandboxError with the AWS code and message.
 *
 *   const firehose = firehoseApi(ctx.sandbox);
 *   const { arn } = firehose.createDeliveryStream({ account, region }, {
 *     DeliveryStreamName: 'theme-park-streaming-data',
 *     DeliveryStreamType: 'DirectPut',
 *     ExtendedS3DestinationConfiguration: { RoleARN, BucketARN, BufferingHints: { SizeInMBs: 10, IntervalInSeconds: 60 } },
 *   });
 *   firehose.describeDeliveryStream(scope, name)?.status; // 'CREATING', later 'ACTIVE'; undefined once gone
 *   firehose.deleteDeliveryStream(scope, name); // ResourceInUseException while CREATING
 *
 * Inputs take the API's field names, which are also CloudFormation's property
 * names for AWS::KinesisFirehose::DeliveryStream, so resolved Properties pass as they are.
 */
import { SandboxError } from '../protocol.js';
import type { SandboxRuntime } from '../types.js';
import {
  createDeliveryStream,
  deleteDeliveryStream,
  describeDeliveryStream,
  updateDestination,
} from './control-plane.js';
import { existingFirehoseRuntime } from './runtime.js';
import type { CreateDeliveryStreamInput, Scope, StreamStatus } from './types.js';

export type { CreateDeliveryStreamInput, Scope, StreamStatus } from './types.js';

export interface DeliveryStreamState {
  arn: string;
  status: StreamStatus;
  /** DescribeDeliveryStream's DeliveryStreamDescription as on the wire (timestamps in epoch seconds). */
  description: Record<string, unknown>;
}

export interface FirehoseApi {
  /** Same checks and errors as CreateDeliveryStream; the stream starts CREATING. */
  createDeliveryStream(scope: Scope, input: CreateDeliveryStreamInput): { arn: string };
  /** undefined when there is no such stream (or its deletion has finished). */
  describeDeliveryStream(scope: Scope, name: string): DeliveryStreamState | undefined;
  /** Same as DeleteDeliveryStream: DELETING, gone a few simulated seconds later; buffered records are still delivered. */
  deleteDeliveryStream(scope: Scope, name: string): void;
  /**
   * UpdateDestination of the S3 destination: given fields (an ExtendedS3DestinationUpdate,
   * e.g. `{ BufferingHints: { IntervalInSeconds: 60 } }`) replace the current ones and
   * VersionId goes up by one. ResourceInUseException unless ACTIVE.
   */
  updateDestination(scope: Scope, name: string, update: Record<string, unknown>): void;
}

export function firehoseApi(sandbox: SandboxRuntime): FirehoseApi {
  // The runtime exists once the Firehose service has started; without it nothing is buffered.
  const runtime = () => existingFirehoseRuntime(sandbox);
  return {
    createDeliveryStream: (scope, input) => ({
      arn: createDeliveryStream(sandbox, scope, input).DeliveryStreamARN,
    }),
    describeDeliveryStream: (scope, name) => {
      try {
        const description = describeDeliveryStream(sandbox, runtime(), scope, name);
        return {
          arn: description.DeliveryStreamARN as string,
          status: description.DeliveryStreamStatus as StreamStatus,
          description,
        };
      } catch (error) {
        if (error instanceof SandboxError && error.code === 'ResourceNotFoundException') return undefined;
        throw error;
      }
    },
    deleteDeliveryStream: (scope, name) => {
      deleteDeliveryStream(sandbox, runtime(), scope, name);
    },
    updateDestination: (scope, name, update) => {
      updateDestination(sandbox, runtime(), scope, {
        DeliveryStreamName: name,
        ExtendedS3DestinationUpdate: update,
      });
    },
  };
}
