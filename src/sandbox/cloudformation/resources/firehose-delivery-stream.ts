/**
 * AWS::KinesisFirehose::DeliveryStream through the sandbox's Firehose. Like
 * CloudFormation, creation waits until the stream is ACTIVE, and deletion
 * until it is gone. Ref is the stream name; GetAtt Arn.
 */
import { firehoseApi } from '../../firehose/api.js';
import type { TemplateObject, TemplateValue } from '../template/index.js';
import { generatedName } from './names.js';
import { asProvisionError as call } from './sandbox-errors.js';
import { ProvisionError, type ProvisionContext, type ResourceProvisioner } from './types.js';

/** How often, in simulated seconds, the stream's status is looked at. */
const POLL_SECONDS = 1;
/** Simulated seconds before CloudFormation gives up on a stream that never turns ACTIVE. */
const MAX_WAIT_SECONDS = 900;

export const deliveryStreamProvisioner: ResourceProvisioner = {
  // On top of these, the stream spends its own time CREATING / DELETING in Firehose.
  seconds: { create: 1, update: 2, delete: 1 },
  attributes: ['Arn'],
  nameProperty: 'DeliveryStreamName',
  replaceOn: ['DeliveryStreamName', 'DeliveryStreamType'],

  async create(properties, context) {
    const name =
      typeof properties.DeliveryStreamName === 'string'
        ? properties.DeliveryStreamName
        : generatedName(context.stackName, context.logicalId, { maxLength: 64 });
    const { arn } = call(() =>
      firehoseApi(context.sandbox).createDeliveryStream(scopeOf(context), {
        ...withNumbers(properties),
        DeliveryStreamName: name,
      }),
    );
    context.initiated(name);
    await waitFor(context, name, (status) => status === 'ACTIVE', 'to become ACTIVE');
    return { physicalId: name, attributes: { Arn: arn } };
  },

  async update(physicalId, properties, _previous, context) {
    const destination = withNumbers(properties).ExtendedS3DestinationConfiguration;
    if (destination !== undefined) {
      call(() =>
        firehoseApi(context.sandbox).updateDestination(
          scopeOf(context),
          physicalId,
          destination as Record<string, unknown>,
        ),
      );
    }
    const state = firehoseApi(context.sandbox).describeDeliveryStream(scopeOf(context), physicalId);
    if (!state)
      throw new ProvisionError(`Firehose ${physicalId} under account ${context.account} not found.`);
    return { physicalId, attributes: { Arn: state.arn } };
  },

  async delete(physicalId, _properties, context) {
    const api = firehoseApi(context.sandbox);
    // A stream still CREATING cannot be deleted yet; CloudFormation waits it out.
    await waitFor(context, physicalId, (status) => status !== 'CREATING', 'to finish creating');
    if (!api.describeDeliveryStream(scopeOf(context), physicalId)) return;
    call(() => api.deleteDeliveryStream(scopeOf(context), physicalId));
    await waitFor(context, physicalId, (status) => status === undefined, 'to be deleted');
  },
};

function scopeOf(context: ProvisionContext) {
  return { account: context.account, region: context.region };
}

async function waitFor(
  context: ProvisionContext,
  name: string,
  done: (status: string | undefined) => boolean,
  what: string,
): Promise<void> {
  for (let waited = 0; ; waited += POLL_SECONDS) {
    const status = firehoseApi(context.sandbox).describeDeliveryStream(scopeOf(context), name)?.status;
    if (done(status)) return;
    if (waited >= MAX_WAIT_SECONDS)
      throw new ProvisionError(`Timed out waiting for Firehose ${name} ${what}`);
    await context.wait(POLL_SECONDS);
  }
}

/**
 * CloudFormation converts template text to the types the service expects; a
 * parameter makes `IntervalInSeconds` the text "60", Firehose wants 60.
 */
const NUMERIC_KEYS = new Set(['SizeInMBs', 'IntervalInSeconds', 'DurationInSeconds']);

function withNumbers(properties: TemplateObject): TemplateObject {
  const convert = (value: TemplateValue, key?: string): TemplateValue => {
    if (Array.isArray(value)) return value.map((item) => convert(item));
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, convert(v, k)]));
    }
    if (
      key &&
      NUMERIC_KEYS.has(key) &&
      typeof value === 'string' &&
      value.trim() !== '' &&
      !isNaN(Number(value))
    ) {
      return Number(value);
    }
    if (key === 'Enabled' && (value === 'true' || value === 'false')) return value === 'true';
    return value;
  };
  return convert(properties) as TemplateObject;
}
