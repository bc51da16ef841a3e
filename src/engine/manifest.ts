/**
 * Loads the workshop from steps/: a manifest of sections and steps, and one
 * Markdown text per step. The manifest is linted at load, so a broken
 * workshop fails at start with every problem listed, not halfway through.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { LoadedStep, SectionDefinition, WorkshopManifest } from './types.js';
import { packagePath } from './paths.js';

export interface Registries {
  actions: Record<string, unknown>;
  checks: Record<string, unknown>;
}

export interface LoadedWorkshop {
  manifest: WorkshopManifest;
  steps: LoadedStep[];
}

const ID_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** Every problem in the content, one line each; empty when the workshop is sound. */
export function lintWorkshop(manifest: WorkshopManifest, stepsDir: string, registries: Registries): string[] {
  const problems: string[] = [];
  if (manifest.version !== 1) problems.push(`manifest version must be 1, found ${String(manifest.version)}`);
  if (!manifest.title) problems.push('manifest has no title');
  if (!Array.isArray(manifest.sections) || manifest.sections.length === 0) {
    problems.push('manifest has no sections');
    return problems;
  }
  const seen = new Set<string>();
  const checkIds = new Map<string, string>();
  const claim = (id: unknown, what: string) => {
    if (typeof id !== 'string' || !ID_PATTERN.test(id)) problems.push(`${what} id "${String(id)}" must be lower-case words joined by "-"`);
    else if (seen.has(id)) problems.push(`${what} id "${id}" is used twice`);
    else seen.add(id);
  };
  for (const section of manifest.sections) {
    claim(section.id, 'section');
    if (!section.title) problems.push(`section "${section.id}" has no title`);
    if (!Array.isArray(section.steps) || section.steps.length === 0) {
      problems.push(`section "${section.id}" has no steps`);
      continue;
    }
    for (const step of section.steps) {
      claim(step.id, 'step');
      if (!step.title) problems.push(`step "${step.id}" has no title`);
      if (!step.text) problems.push(`step "${step.id}" names no text file`);
      else if (!existsSync(join(stepsDir, step.text))) problems.push(`step "${step.id}": text file ${step.text} does not exist`);
      if (step.action !== undefined && !(step.action in registries.actions)) {
        problems.push(`step "${step.id}": action "${step.action}" is not in the action registry`);
      }
      if (!Array.isArray(step.checks)) {
        problems.push(`step "${step.id}": checks must be a list (it may be empty)`);
        continue;
      }
      for (const check of step.checks) {
        if (!(check in registries.checks)) problems.push(`step "${step.id}": check "${check}" is not in the check registry`);
        const owner = checkIds.get(check);
        if (owner) problems.push(`check "${check}" is listed by both "${owner}" and "${step.id}"`);
        checkIds.set(check, step.id);
      }
    }
  }
  return problems;
}

export class ContentError extends Error {
  constructor(readonly problems: string[]) {
    super(`The workshop content has ${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
    this.name = 'ContentError';
  }
}

export function loadWorkshop(registries: Registries, stepsDir = packagePath('steps')): LoadedWorkshop {
  const manifest = parse(readFileSync(join(stepsDir, 'workshop.yaml'), 'utf8')) as WorkshopManifest;
  const problems = lintWorkshop(manifest, stepsDir, registries);
  if (problems.length > 0) throw new ContentError(problems);

  const steps: LoadedStep[] = [];
  for (const section of manifest.sections as SectionDefinition[]) {
    for (const step of section.steps) {
      steps.push({
        ...step,
        section,
        markdown: readFileSync(join(stepsDir, step.text), 'utf8'),
        index: steps.length,
      });
    }
  }
  return { manifest, steps };
}
