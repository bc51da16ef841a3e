/**
 * Recognise the AWS failures a learner can fix themselves and say how.
 * Everything else is rethrown as it is.
 */
import { UserError } from '../cli/errors.js';

export const NO_CREDENTIALS_ERR = 'No AWS credentials were found.';
export const EXPIRED_CREDENTIALS_ERR = 'Your AWS credentials have expired or are not valid.';
export const CREDENTIALS_FIX =
  'Sign in (aws sso login, or export fresh AWS_* keys) and run again, or run on the local sandbox with --sandbox.';

const EXPIRED_CODES = new Set([
  'ExpiredToken',
  'ExpiredTokenException',
  'InvalidClientTokenId',
  'UnrecognizedClientException',
  'InvalidAccessKeyId',
  'SignatureDoesNotMatch',
  'TokenRefreshRequired',
]);

/** The error's code as the SDK names it, or undefined. */
export function errorName(error: unknown): string | undefined {
  if (error && typeof error === 'object' && 'name' in error) return String((error as { name: unknown }).name);
  return undefined;
}

export function isCredentialsMissing(error: unknown): boolean {
  const name = errorName(error);
  const message = error instanceof Error ? error.message : '';
  return name === 'CredentialsProviderError' || /Could not load credentials/i.test(message);
}

export function isCredentialsExpired(error: unknown): boolean {
  const name = errorName(error) ?? '';
  return EXPIRED_CODES.has(name) || /token.*(expired|is expired)/i.test(error instanceof Error ? error.message : '');
}

/** Turn a credentials problem found at any point of a run into the same two lines. */
export function explainCredentials(error: unknown): unknown {
  if (isCredentialsMissing(error)) return new UserError(NO_CREDENTIALS_ERR, CREDENTIALS_FIX);
  if (isCredentialsExpired(error)) return new UserError(EXPIRED_CREDENTIALS_ERR, CREDENTIALS_FIX);
  return error;
}

/** True for the error a Describe call gives when the thing is simply not there. */
export function isNotFound(error: unknown): boolean {
  const name = errorName(error) ?? '';
  if (['ResourceNotFoundException', 'NoSuchBucket', 'NotFound', 'NoSuchKey', 'NoSuchEntity'].includes(name)) return true;
  const message = error instanceof Error ? error.message : '';
  return name === 'ValidationError' && /does not exist/.test(message);
}
