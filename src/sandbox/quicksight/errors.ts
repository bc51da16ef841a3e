/**
 * QuickSight's errors with the status codes its model gives them (AWS.md
 * section 1): the SDK turns the x-amzn-ErrorType header into the exception's
 * name, so the code must be exact.
 */
import { SandboxError } from '../service-kit.js';

export const invalidParameter = (message: string) =>
  new SandboxError(400, 'InvalidParameterValueException', message);
export const notFound = (message: string) => new SandboxError(404, 'ResourceNotFoundException', message);
export const accessDenied = (message: string) => new SandboxError(401, 'AccessDeniedException', message);
export const resourceExists = (message: string) => new SandboxError(409, 'ResourceExistsException', message);
export const conflict = (message: string) => new SandboxError(409, 'ConflictException', message);
export const limitExceeded = (message: string) => new SandboxError(409, 'LimitExceededException', message);
export const unsupportedEdition = (message: string) =>
  new SandboxError(403, 'UnsupportedUserEditionException', message);
export const preconditionNotMet = (message: string) =>
  new SandboxError(400, 'PreconditionNotMetException', message);

/** A required string member, or the error the service gives when it is missing. */
export function requiredString(body: Record<string, unknown>, name: string): string {
  const value = body[name];
  if (typeof value !== 'string' || value === '') throw invalidParameter(`${name} is required.`);
  return value;
}

/** A string member that must match `pattern` (and a length range) when present. */
export function checkId(value: string, name: string, pattern: RegExp, max: number): string {
  if (value.length > max || !pattern.test(value)) {
    throw invalidParameter(
      `${name} "${value}" is not valid: it must match ${pattern.source} and be at most ${max} characters.`,
    );
  }
  return value;
}

export function optionalObject(
  body: Record<string, unknown>,
  name: string,
): Record<string, unknown> | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) throw invalidParameter(`${name} must be an object.`);
  return value as Record<string, unknown>;
}

export function optionalArray(body: Record<string, unknown>, name: string): unknown[] {
  const value = body[name];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw invalidParameter(`${name} must be a list.`);
  return value;
}
