import type { ActionDefinition } from '../engine/types.js';
import { CODES } from '../engine/codes.js';
import { getCallerIdentity } from '../aws/identity.js';

/**
 * The original module read the account and region from the EC2 metadata
 * service of a Cloud9 instance. Here the SDK's own chains found them, so the
 * step only shows the learner who and where they are, and the names the
 * module will use, before anything is created.
 */
export const showIdentity: ActionDefinition = {
  title: 'Show who and where you are',
  commands: () => ['aws sts get-caller-identity', 'aws configure get region'],
  async run({ session, emit }) {
    const identity = await getCallerIdentity(session.clients);
    const where = session.mode === 'sandbox' ? `the local sandbox at ${session.endpoint}` : 'AWS';
    emit(CODES.IDENTITY, 'info', `You are ${identity.arn}`);
    emit(CODES.IDENTITY, 'info', `Account ${identity.account} in ${session.region}, on ${where}`);
    emit(CODES.IDENTITY, 'info', `Stack ${session.names.stack}, bucket ${session.names.bucket}, stream ${session.names.stream}`);
    return {
      account: identity.account,
      region: session.region,
      identityArn: identity.arn,
      mode: session.mode,
    };
  },
};
