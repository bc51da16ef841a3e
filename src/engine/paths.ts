import { fileURLToPath } from 'node:url';

/**
 * The package root, found from this file: src/engine/ when tests run the
 * TypeScript, dist/engine/ when the binary runs. Both sit two levels down.
 */
export const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export function packagePath(...parts: string[]): string {
  return [PACKAGE_ROOT.replace(/\/$/, ''), ...parts].join('/');
}
