/**
 * Errors the template engine raises, worded as CloudFormation words them so a
 * learner searching for the message finds the same answers as for AWS.
 */

/** The awsQuery error codes CloudFormation answers with. */
export type CloudFormationErrorCode =
  | 'ValidationError'
  | 'InsufficientCapabilitiesException'
  | 'AlreadyExistsException'
  | 'LimitExceededException';

/** An error the API returns to the caller (HTTP 400 with this code). */
export class CloudFormationError extends Error {
  constructor(
    readonly code: CloudFormationErrorCode,
    message: string,
  ) {
    super(message);
    this.name = code;
  }
}

export function validationError(message: string): CloudFormationError {
  return new CloudFormationError('ValidationError', message);
}

/** The "Template format error: ..." family, raised before anything is created. */
export function templateFormatError(detail: string): CloudFormationError {
  return validationError(`Template format error: ${detail}`);
}

/**
 * A value that cannot be worked out while a resource is being provisioned
 * (an attribute that does not exist, an export nobody made). It fails that
 * resource, not the API call.
 */
export class ResolveError extends Error {
  override name = 'ResolveError';
}
