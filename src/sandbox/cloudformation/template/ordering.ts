/**
 * Which resource waits for which: DependsOn plus every Ref, Fn::GetAtt and
 * `${...}` that names another resource. Creation follows the graph; deletion
 * runs it backwards.
 */
import { circular } from './read.js';
import { collectReferences } from './references.js';
import type { ResourceDeclaration } from './types.js';

/** For each active resource, the active resources it needs first (template order kept). */
export function dependencyGraph(
  resources: Record<string, ResourceDeclaration>,
  active: ReadonlySet<string> = new Set(Object.keys(resources)),
): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const [name, resource] of Object.entries(resources)) {
    if (!active.has(name)) continue;
    const found = collectReferences(resource.Properties);
    const needs = new Set([...resource.DependsOn, ...found.refs, ...found.getAtts]);
    graph.set(
      name,
      [...needs].filter((other) => other !== name && active.has(other)),
    );
  }
  return graph;
}

/**
 * A creation order that respects the graph. Among resources that are ready at
 * the same time the template's order wins, so the result is stable.
 */
export function creationOrder(graph: ReadonlyMap<string, readonly string[]>): string[] {
  const order: string[] = [];
  const done = new Set<string>();
  const waiting = [...graph.keys()];
  while (waiting.length) {
    const index = waiting.findIndex((name) => graph.get(name)!.every((need) => done.has(need)));
    if (index < 0) throw circular(waiting);
    const [next] = waiting.splice(index, 1);
    order.push(next);
    done.add(next);
  }
  return order;
}

/** The reverse graph: for each resource, the ones that must be deleted before it. */
export function dependents(graph: ReadonlyMap<string, readonly string[]>): Map<string, string[]> {
  const reverse = new Map<string, string[]>([...graph.keys()].map((name) => [name, []]));
  for (const [name, needs] of graph) {
    for (const need of needs) reverse.get(need)?.push(name);
  }
  return reverse;
}
