/**
 * AWS::S3::Bucket through the sandbox's S3. The settings S3 models (public
 * access block, default encryption, versioning) are applied; the rest of the
 * properties (lifecycle, tags, ...) are kept with the resource but change
 * nothing. Ref is the bucket name; GetAtt Arn, DomainName, RegionalDomainName,
 * DualStackDomainName, WebsiteURL.
 */
import { s3Api } from '../../s3/api.js';
import type { TemplateObject, TemplateValue } from '../template/index.js';
import { generatedName } from './names.js';
import { asProvisionError, ignoring } from './sandbox-errors.js';
import type { ProvisionContext, ResourceProvisioner } from './types.js';

const TAKEN = new Set(['BucketAlreadyExists', 'BucketAlreadyOwnedByYou']);

export const bucketProvisioner: ResourceProvisioner = {
  seconds: { create: 2, update: 1, delete: 1 },
  attributes: ['Arn', 'DomainName', 'RegionalDomainName', 'DualStackDomainName', 'WebsiteURL'],
  nameProperty: 'BucketName',
  replaceOn: ['BucketName'],

  async create(properties, context) {
    const name =
      typeof properties.BucketName === 'string'
        ? properties.BucketName
        : generatedName(context.stackName, context.logicalId, { maxLength: 63, lowerCase: true });
    // CloudFormation's own words for a name someone (including you) already has.
    asProvisionError(
      () => s3Api(context.sandbox).createBucket(context.account, context.region, name),
      (error) => (TAKEN.has(error.code) ? `${name} already exists` : error.message),
    );
    context.initiated(name);
    applySettings(name, properties, {}, context);
    return { physicalId: name, attributes: attributesOf(name, context.region) };
  },

  async update(physicalId, properties, previous, context) {
    applySettings(physicalId, properties, previous, context);
    return { physicalId, attributes: attributesOf(physicalId, context.region) };
  },

  async delete(physicalId, _properties, context) {
    // S3's message for a bucket with objects is the one CloudFormation shows too.
    ignoring(['NoSuchBucket'], () => s3Api(context.sandbox).deleteBucket(context.account, physicalId));
  },
};

function applySettings(
  name: string,
  properties: TemplateObject,
  previous: TemplateObject,
  context: ProvisionContext,
): void {
  const s3 = s3Api(context.sandbox);
  const { account } = context;

  const block = object(properties.PublicAccessBlockConfiguration);
  if (block) {
    asProvisionError(() =>
      s3.putPublicAccessBlock(account, name, {
        BlockPublicAcls: flag(block.BlockPublicAcls),
        IgnorePublicAcls: flag(block.IgnorePublicAcls),
        BlockPublicPolicy: flag(block.BlockPublicPolicy),
        RestrictPublicBuckets: flag(block.RestrictPublicBuckets),
      }),
    );
  } else if (previous.PublicAccessBlockConfiguration !== undefined) {
    asProvisionError(() => s3.putPublicAccessBlock(account, name, undefined));
  }

  const encryption = object(properties.BucketEncryption);
  if (encryption || previous.BucketEncryption !== undefined) {
    const rules = list(encryption?.ServerSideEncryptionConfiguration).flatMap((rule) => {
      const byDefault = object(rule.ServerSideEncryptionByDefault);
      if (!byDefault) return [];
      return [
        {
          SSEAlgorithm: String(byDefault.SSEAlgorithm),
          ...(byDefault.KMSMasterKeyID !== undefined
            ? { KMSMasterKeyID: String(byDefault.KMSMasterKeyID) }
            : {}),
          ...(rule.BucketKeyEnabled !== undefined ? { BucketKeyEnabled: flag(rule.BucketKeyEnabled) } : {}),
        },
      ];
    });
    // No rules restores S3's default (SSE-S3), as removing the property does on AWS.
    asProvisionError(() => s3.putBucketEncryption(account, name, rules));
  }

  const versioning = object(properties.VersioningConfiguration)?.Status;
  if (versioning === 'Enabled' || versioning === 'Suspended') {
    asProvisionError(() => s3.putBucketVersioning(account, name, versioning));
  }
}

function attributesOf(name: string, region: string): Record<string, TemplateValue> {
  return {
    Arn: `arn:aws:s3:::${name}`,
    DomainName: `${name}.s3.amazonaws.com`,
    RegionalDomainName: `${name}.s3.${region}.amazonaws.com`,
    DualStackDomainName: `${name}.s3.dualstack.${region}.amazonaws.com`,
    WebsiteURL: `http://${name}.s3-website-${region}.amazonaws.com`,
  };
}

function object(value: TemplateValue | undefined): TemplateObject | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : undefined;
}

function list(value: TemplateValue | undefined): TemplateObject[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item) => {
    const found = object(item);
    return found ? [found] : [];
  });
}

/** Template booleans may be text ("true") when they came through a parameter. */
function flag(value: TemplateValue | undefined): boolean {
  return value === true || value === 'true';
}
