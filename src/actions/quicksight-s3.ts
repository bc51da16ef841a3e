/**
 * When QuickSight may not read the workshop's bucket: say why, and offer the
 * least-privilege fix (an inline policy for this bucket only on QuickSight's
 * service role), applied only when the learner agrees.
 */
import type { ActionContext } from '../engine/types.js';
import { QUICKSIGHT_CODES as CODES } from '../aws/quicksight-codes.js';
import { s3AccessProblem } from '../aws/quicksight-errors.js';
import { GRANT_POLICY_NAME, grantBucketRead, serviceRoleName } from '../aws/quicksight-s3-access.js';

/** Grants the bucket or throws the explanation; `roleName` when already known. */
export async function offerS3Grant(ctx: ActionContext, roleName?: string): Promise<void> {
  const { session, emit } = ctx;
  const bucket = session.names.bucket;
  const problem = s3AccessProblem(bucket, session.region);
  emit(CODES.S3_ACCESS_DENIED, 'error', problem.message);

  const role = roleName ?? (await serviceRoleName(session.clients));
  if (!role) throw problem;
  const yes = await ctx.confirm({
    code: CODES.S3_ACCESS_ASK,
    message:
      `Add the inline policy ${GRANT_POLICY_NAME} to the IAM role ${role}, letting QuickSight list s3://${bucket} ` +
      'and read its objects, and nothing else?',
    // A change to IAM is the learner's call, even in an unattended run.
    ifUnattended: false,
  });
  if (!yes) throw problem;
  await grantBucketRead(session.clients, role, bucket);
  emit(
    CODES.S3_ACCESS_FIXED,
    'success',
    `QuickSight's role ${role} may now read s3://${bucket} (policy ${GRANT_POLICY_NAME})`,
  );
}

/** The policy and command that grant the bucket by hand, for the step's CLI equivalents. */
export function grantCommands(bucket: string): string[] {
  return [
    `aws iam list-role-policies --role-name aws-quicksight-service-role-v0`,
    `aws iam put-role-policy --role-name aws-quicksight-service-role-v0 --policy-name ${GRANT_POLICY_NAME} --policy-document '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:ListBucket","s3:GetBucketLocation"],"Resource":"arn:aws:s3:::${bucket}"},{"Effect":"Allow","Action":["s3:GetObject","s3:GetObjectVersion"],"Resource":"arn:aws:s3:::${bucket}/*"}]}'`,
  ];
}
