/**
 * Section 1's checks. They find the stack, stream and bucket by the module's
 * names, so they also judge a stream a learner built by hand in the console.
 */
import type { CheckDefinition } from '../engine/types.js';
import { describeStack } from '../aws/stack-deploy.js';
import { bucketFromArn, describeStream } from '../aws/firehose.js';
import { bucketState } from '../aws/s3.js';

export const stackDeployed: CheckDefinition = {
  title: 'Stack deployed',
  async run({ session }) {
    const name = session.names.stack;
    const stack = await describeStack(session.clients.cloudFormation, name);
    if (!stack) return { ok: false, detail: `no stack ${name}; run the "Deploy the delivery stream" step` };
    const status = stack.StackStatus ?? 'UNKNOWN';
    if (status === 'CREATE_COMPLETE' || status === 'UPDATE_COMPLETE') return { ok: true, detail: `${name} is ${status}` };
    return { ok: false, detail: `${name} is ${status}${stack.StackStatusReason ? ` (${stack.StackStatusReason})` : ''}; run the deploy step again to repair it` };
  },
};

export const streamActive: CheckDefinition = {
  title: 'Delivery stream active and writing to the bucket',
  async run({ session }) {
    const { stream: name, bucket } = session.names;
    const stream = await describeStream(session.clients, name);
    if (!stream) return { ok: false, detail: `no delivery stream ${name}; run the deploy step` };
    if (stream.status !== 'ACTIVE') {
      return { ok: false, detail: `${name} is ${stream.status}${stream.failure ? ` (${stream.failure})` : ''}; wait for ACTIVE, or run the deploy step again` };
    }
    const target = bucketFromArn(stream.bucketArn);
    if (target !== bucket) return { ok: false, detail: `${name} delivers to ${target ?? 'no S3 bucket'}, not ${bucket}; run the deploy step to fix it` };
    return { ok: true, detail: `${name} is ACTIVE, delivering to s3://${bucket} (${stream.bufferSizeMiB} MiB or ${stream.bufferIntervalSeconds} s)` };
  },
};

export const bucketExists: CheckDefinition = {
  title: 'Data bucket exists',
  async run({ session }) {
    const bucket = session.names.bucket;
    const state = await bucketState(session.clients, bucket);
    if (state === 'ours') return { ok: true, detail: `s3://${bucket}` };
    if (state === 'forbidden') return { ok: false, detail: `${bucket} belongs to another account; bucket names are global` };
    return { ok: false, detail: `no bucket ${bucket}; run the deploy step` };
  },
};
