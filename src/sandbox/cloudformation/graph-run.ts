/**
 * Runs work over a dependency graph as CloudFormation does: everything whose
 * prerequisites are done starts at once, so independent resources are
 * provisioned side by side.
 */

export interface GraphRunResult {
  /** Nodes whose work threw, with the error, in the order they failed. */
  failed: Array<{ node: string; error: unknown }>;
  /** Nodes never started: a failure stopped the run, or a prerequisite failed. */
  skipped: string[];
}

export interface GraphRunOptions {
  /**
   * Keep starting nodes whose prerequisites all succeeded after a failure
   * (deletion removes what it can); otherwise start nothing new after one.
   * @default false
   */
  continueAfterFailure?: boolean;
}

export async function runGraph(
  nodes: readonly string[],
  prerequisites: ReadonlyMap<string, readonly string[]>,
  work: (node: string) => Promise<void>,
  options: GraphRunOptions = {},
): Promise<GraphRunResult> {
  const included = new Set(nodes);
  const needs = (node: string) => (prerequisites.get(node) ?? []).filter((other) => included.has(other));
  const done = new Set<string>();
  const started = new Set<string>();
  const failed: GraphRunResult['failed'] = [];
  const running = new Map<string, Promise<void>>();

  for (;;) {
    if (failed.length === 0 || options.continueAfterFailure) {
      for (const node of nodes) {
        if (started.has(node) || !needs(node).every((need) => done.has(need))) continue;
        started.add(node);
        const task = work(node).then(
          () => void done.add(node),
          (error: unknown) => void failed.push({ node, error }),
        );
        running.set(
          node,
          task.finally(() => running.delete(node)),
        );
      }
    }
    if (running.size === 0) break;
    await Promise.race(running.values());
  }
  return { failed, skipped: nodes.filter((node) => !started.has(node)) };
}
