/**
 * Section 3, first step: is the account ready for the workshop's QuickSight
 * work? Subscribed (or subscribed now, at the learner's word), which
 * edition, which identity region, who owns what follows, and whether
 * QuickSight may read the bucket.
 */
import type { ActionDefinition } from '../engine/types.js';
import { QUICKSIGHT_CODES as CODES } from '../aws/quicksight-codes.js';
import { bucketAccess } from '../aws/quicksight-s3-access.js';
import { factsOutputs, resolveQuickSight } from './quicksight-account.js';
import { grantCommands, offerS3Grant } from './quicksight-s3.js';

export const checkQuickSightAccount: ActionDefinition = {
  title: 'Check the QuickSight account, its owner and its access to the bucket',
  commands: (session) => [
    `aws quicksight describe-account-subscription --aws-account-id ${session.account}`,
    `aws quicksight list-users --aws-account-id ${session.account} --namespace default   # in the identity region`,
    ...grantCommands(session.names.bucket),
  ],
  async run(ctx) {
    const { session, emit } = ctx;
    const facts = await resolveQuickSight(ctx);

    const access = await bucketAccess(session.clients, session.names.bucket);
    switch (access.state) {
      case 'granted':
        emit(
          CODES.S3_ACCESS_OK,
          'success',
          `QuickSight's role ${access.roleName} may read s3://${session.names.bucket}`,
        );
        break;
      case 'not-granted':
        await offerS3Grant(ctx, access.roleName);
        break;
      case 'no-role':
        emit(
          CODES.S3_ACCESS_DENIED,
          'warn',
          "QuickSight's service role was not found; the next step will show whether QuickSight can read the bucket.",
        );
        break;
      case 'unknown':
        emit(
          CODES.S3_ACCESS_DENIED,
          'info',
          `Could not read QuickSight's role to check its access to the bucket (${access.reason}); the next step will show it.`,
        );
        break;
    }
    return {
      ...factsOutputs(facts),
      quickSightS3Access: access.state === 'not-granted' ? 'granted-now' : access.state,
    };
  },
};
