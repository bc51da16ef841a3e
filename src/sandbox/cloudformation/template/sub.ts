/**
 * The `${...}` language of Fn::Sub, split into pieces once so that both the
 * reference scan and the evaluator read it the same way.
 */

export type SubPart = { text: string } | { variable: string };

/** `${Name}` is a variable, `${!Name}` the literal text `${Name}`. */
export function parseSubString(source: string): SubPart[] {
  const parts: SubPart[] = [];
  let rest = source;
  for (;;) {
    const start = rest.indexOf('${');
    if (start < 0) break;
    const end = rest.indexOf('}', start + 2);
    if (end < 0) break;
    if (start > 0) parts.push({ text: rest.slice(0, start) });
    const inner = rest.slice(start + 2, end);
    parts.push(inner.startsWith('!') ? { text: `\${${inner.slice(1)}}` } : { variable: inner.trim() });
    rest = rest.slice(end + 1);
  }
  if (rest) parts.push({ text: rest });
  return parts;
}

/** `Res.Attr` in a Sub string is a GetAtt; anything else is a Ref. */
export function subVariableTarget(variable: string): { ref: string } | { getAtt: [string, string] } {
  const dot = variable.indexOf('.');
  if (dot < 0 || variable.startsWith('AWS::')) return { ref: variable };
  return { getAtt: [variable.slice(0, dot), variable.slice(dot + 1)] };
}
