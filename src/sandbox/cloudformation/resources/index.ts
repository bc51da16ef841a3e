/** The resource types the sandbox's CloudFormation can provision. */
import { deliveryStreamProvisioner } from './firehose-delivery-stream.js';
import { policyProvisioner } from './iam-policy.js';
import { roleProvisioner } from './iam-role.js';
import { bucketPolicyProvisioner } from './s3-bucket-policy.js';
import { bucketProvisioner } from './s3-bucket.js';
import type { ResourceProvisioner } from './types.js';

export type { ProvisionContext, ProvisionedResource, ResourceProvisioner } from './types.js';
export { ProvisionError } from './types.js';

const PROVISIONERS: Record<string, ResourceProvisioner> = {
  'AWS::S3::Bucket': bucketProvisioner,
  'AWS::S3::BucketPolicy': bucketPolicyProvisioner,
  'AWS::IAM::Role': roleProvisioner,
  'AWS::IAM::Policy': policyProvisioner,
  'AWS::KinesisFirehose::DeliveryStream': deliveryStreamProvisioner,
};

export function provisionerFor(type: string): ResourceProvisioner | undefined {
  return Object.hasOwn(PROVISIONERS, type) ? PROVISIONERS[type] : undefined;
}

/** Fn::GetAtt's attributes for a supported type; undefined for the others (they fail when provisioned). */
export function attributesOf(type: string): readonly string[] | undefined {
  return provisionerFor(type)?.attributes;
}

export function supportedTypes(): string[] {
  return Object.keys(PROVISIONERS);
}

export function unsupportedTypeReason(type: string): string {
  return `Resource type ${type} is not supported by the themepark sandbox`;
}
