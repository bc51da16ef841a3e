/**
 * Names CloudFormation makes up for resources the template leaves unnamed:
 * `<stack>-<LogicalId>-<random>`, cut to the service's limit.
 */
import { randomBytes } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

function randomSuffix(length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  for (const byte of bytes) out += ALPHABET[byte % ALPHABET.length];
  return out;
}

export interface NameRules {
  maxLength: number;
  /** S3 bucket names must be lower case. */
  lowerCase?: boolean;
}

export function generatedName(stackName: string, logicalId: string, rules: NameRules): string {
  const suffix = randomSuffix(12);
  // Keep the suffix whole: it is what makes the name unique.
  const room = rules.maxLength - suffix.length - 2;
  const stackPart = stackName.slice(0, Math.max(1, Math.floor(room / 2)));
  const logicalPart = logicalId.slice(0, Math.max(1, room - stackPart.length));
  const name = `${stackPart}-${logicalPart}-${suffix}`;
  return rules.lowerCase ? name.toLowerCase() : name;
}
