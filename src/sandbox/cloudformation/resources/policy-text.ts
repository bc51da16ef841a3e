/** Policy documents arrive from templates as objects (or JSON text); IAM and S3 keep them as text. */
import type { TemplateValue } from '../template/index.js';

export function policyText(document: TemplateValue | undefined): string {
  if (typeof document === 'string') return document;
  return JSON.stringify(document ?? {});
}
