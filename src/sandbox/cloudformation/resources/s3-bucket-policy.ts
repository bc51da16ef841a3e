/**
 * AWS::S3::BucketPolicy: the policy is stored on the sandbox's bucket (and
 * answered by GetBucketPolicy) but not enforced. Ref is the bucket name.
 */
import { s3Api } from '../../s3/api.js';
import { policyText } from './policy-text.js';
import { asProvisionError, ignoring } from './sandbox-errors.js';
import { ProvisionError, type ResourceProvisioner } from './types.js';

export const bucketPolicyProvisioner: ResourceProvisioner = {
  seconds: { create: 1, update: 1, delete: 1 },
  attributes: [],
  replaceOn: ['Bucket'],

  async create(properties, context) {
    const bucket = bucketOf(properties.Bucket);
    asProvisionError(() =>
      s3Api(context.sandbox).putBucketPolicy(context.account, bucket, policyText(properties.PolicyDocument)),
    );
    return { physicalId: bucket, attributes: {} };
  },

  async update(physicalId, properties, _previous, context) {
    asProvisionError(() =>
      s3Api(context.sandbox).putBucketPolicy(
        context.account,
        physicalId,
        policyText(properties.PolicyDocument),
      ),
    );
    return { physicalId, attributes: {} };
  },

  async delete(physicalId, _properties, context) {
    ignoring(['NoSuchBucket'], () => s3Api(context.sandbox).deleteBucketPolicy(context.account, physicalId));
  },
};

function bucketOf(value: unknown): string {
  if (typeof value !== 'string' || value === '') {
    throw new ProvisionError('Property Bucket cannot be empty.');
  }
  return value;
}
