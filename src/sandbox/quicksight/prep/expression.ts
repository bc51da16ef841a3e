/**
 * The row-level part of QuickSight's calculated-field language, enough for
 * data preparation (CreateColumnsOperation, FilterOperation): column
 * references `{name}`, number and string literals, NULL, + - * /, the
 * comparisons = <> != < > <= >=, AND OR NOT, and the functions in FUNCTIONS.
 * An expression is parsed and type-checked once when the data set is
 * created, so a wrong column or function is refused then, as the service
 * does, and evaluated per row during ingestion.
 */
import { cast, CastFailure, type ColumnType, type Row, type Value } from './values.js';

export class ExpressionError extends Error {}

/** A checked expression: its result type and how to compute it from a row. */
export interface Compiled {
  type: ColumnType;
  evaluate(row: Row): Value;
}

type Token =
  | { kind: 'number'; value: number }
  | { kind: 'string'; value: string }
  | { kind: 'column'; value: string }
  | { kind: 'name'; value: string }
  | { kind: 'op'; value: string };

export function compileExpression(source: string, columns: ReadonlyMap<string, ColumnType>): Compiled {
  const parser = new Parser(tokenize(source), columns, source);
  const compiled = parser.expression();
  parser.expectEnd();
  return compiled;
}

const TWO_CHAR_OPS = ['<>', '!=', '<=', '>='];
const ONE_CHAR_OPS = '+-*/=<>(),';

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '{') {
      const end = source.indexOf('}', i);
      if (end < 0)
        throw new ExpressionError(`a column reference opened at position ${i + 1} is not closed with }`);
      tokens.push({ kind: 'column', value: source.slice(i + 1, end) });
      i = end + 1;
    } else if (c === '"' || c === "'") {
      const end = source.indexOf(c, i + 1);
      if (end < 0) throw new ExpressionError(`a text opened at position ${i + 1} is not closed with ${c}`);
      tokens.push({ kind: 'string', value: source.slice(i + 1, end) });
      i = end + 1;
    } else if (/[0-9.]/.test(c)) {
      const match = /^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/.exec(source.slice(i));
      if (!match) throw new ExpressionError(`unexpected "${c}" at position ${i + 1}`);
      tokens.push({ kind: 'number', value: Number(match[0]) });
      i += match[0].length;
    } else if (/[A-Za-z_]/.test(c)) {
      const match = /^[A-Za-z_][A-Za-z0-9_]*/.exec(source.slice(i))!;
      tokens.push({ kind: 'name', value: match[0] });
      i += match[0].length;
    } else {
      const two = source.slice(i, i + 2);
      const op = TWO_CHAR_OPS.includes(two) ? two : c;
      if (op.length === 1 && !ONE_CHAR_OPS.includes(op))
        throw new ExpressionError(`unexpected "${c}" at position ${i + 1}`);
      tokens.push({ kind: 'op', value: op });
      i += op.length;
    }
  }
  return tokens;
}

const NUMERIC = new Set<ColumnType>(['INTEGER', 'DECIMAL']);

class Parser {
  private position = 0;

  constructor(
    private readonly tokens: Token[],
    private readonly columns: ReadonlyMap<string, ColumnType>,
    private readonly source: string,
  ) {}

  expectEnd(): void {
    const token = this.tokens[this.position];
    if (token)
      throw new ExpressionError(`unexpected "${String(token.value)}" after the end of the expression`);
  }

  expression(): Compiled {
    return this.or();
  }

  private or(): Compiled {
    let left = this.and();
    while (this.keyword('OR')) {
      const [a, b] = [left, this.and()];
      left = { type: 'BOOLEAN', evaluate: (row) => truthy(a.evaluate(row)) || truthy(b.evaluate(row)) };
    }
    return left;
  }

  private and(): Compiled {
    let left = this.not();
    while (this.keyword('AND')) {
      const [a, b] = [left, this.not()];
      left = { type: 'BOOLEAN', evaluate: (row) => truthy(a.evaluate(row)) && truthy(b.evaluate(row)) };
    }
    return left;
  }

  private not(): Compiled {
    if (this.keyword('NOT')) {
      const inner = this.not();
      return { type: 'BOOLEAN', evaluate: (row) => !truthy(inner.evaluate(row)) };
    }
    return this.comparison();
  }

  private comparison(): Compiled {
    const left = this.additive();
    const op = this.op('=', '<>', '!=', '<', '>', '<=', '>=');
    if (!op) return left;
    const right = this.additive();
    const comparable = left.type === right.type || (NUMERIC.has(left.type) && NUMERIC.has(right.type));
    if (!comparable)
      throw new ExpressionError(`cannot compare a ${left.type} with a ${right.type} using ${op}`);
    const test = COMPARE[op]!;
    return {
      type: 'BOOLEAN',
      evaluate: (row) => {
        const [a, b] = [left.evaluate(row), right.evaluate(row)];
        return a === null || b === null ? null : test(a, b);
      },
    };
  }

  private additive(): Compiled {
    let left = this.multiplicative();
    for (let op = this.op('+', '-'); op; op = this.op('+', '-'))
      left = arithmetic(op, left, this.multiplicative());
    return left;
  }

  private multiplicative(): Compiled {
    let left = this.unary();
    for (let op = this.op('*', '/'); op; op = this.op('*', '/')) left = arithmetic(op, left, this.unary());
    return left;
  }

  private unary(): Compiled {
    if (this.op('-')) {
      const inner = this.unary();
      requireNumeric(inner, 'minus');
      return { type: inner.type, evaluate: (row) => negate(inner.evaluate(row)) };
    }
    return this.primary();
  }

  private primary(): Compiled {
    const token = this.tokens[this.position++];
    if (!token) throw new ExpressionError(`the expression "${this.source}" ends too early`);
    switch (token.kind) {
      case 'number': {
        const type: ColumnType = Number.isInteger(token.value) ? 'INTEGER' : 'DECIMAL';
        return { type, evaluate: () => token.value };
      }
      case 'string':
        return { type: 'STRING', evaluate: () => token.value };
      case 'column': {
        const type = this.columns.get(token.value);
        if (!type) throw new ExpressionError(`the column {${token.value}} does not exist`);
        const name = token.value;
        return { type, evaluate: (row) => row[name] ?? null };
      }
      case 'name': {
        if (token.value.toUpperCase() === 'NULL') return { type: 'STRING', evaluate: () => null };
        if (!this.op('('))
          throw new ExpressionError(`"${token.value}" is neither a function call nor a {column}`);
        const args: Compiled[] = [];
        if (!this.op(')')) {
          do args.push(this.expression());
          while (this.op(','));
          if (!this.op(')')) throw new ExpressionError(`the call of ${token.value} is missing its closing )`);
        }
        return callFunction(token.value, args);
      }
      case 'op':
        if (token.value === '(') {
          const inner = this.expression();
          if (!this.op(')')) throw new ExpressionError('a ( is not closed');
          return inner;
        }
        throw new ExpressionError(`unexpected "${token.value}"`);
    }
  }

  private keyword(word: string): boolean {
    const token = this.tokens[this.position];
    if (token?.kind === 'name' && token.value.toUpperCase() === word) {
      this.position++;
      return true;
    }
    return false;
  }

  private op(...ops: string[]): string | undefined {
    const token = this.tokens[this.position];
    if (token?.kind === 'op' && ops.includes(token.value)) {
      this.position++;
      return token.value;
    }
    return undefined;
  }
}

const COMPARE: Record<string, (a: Value, b: Value) => boolean> = {
  '=': (a, b) => a === b,
  '<>': (a, b) => a !== b,
  '!=': (a, b) => a !== b,
  '<': (a, b) => (a as number) < (b as number),
  '>': (a, b) => (a as number) > (b as number),
  '<=': (a, b) => (a as number) <= (b as number),
  '>=': (a, b) => (a as number) >= (b as number),
};

function truthy(value: Value): boolean {
  return value !== null && value !== false && value !== 0;
}

function negate(value: Value): Value {
  return value === null ? null : -(value as number);
}

function requireNumeric(compiled: Compiled, what: string): void {
  if (!NUMERIC.has(compiled.type))
    throw new ExpressionError(`${what} needs a number, not a ${compiled.type}`);
}

function arithmetic(op: string, left: Compiled, right: Compiled): Compiled {
  requireNumeric(left, op);
  requireNumeric(right, op);
  const type: ColumnType =
    op === '/' || left.type === 'DECIMAL' || right.type === 'DECIMAL' ? 'DECIMAL' : 'INTEGER';
  const apply = {
    '+': (a: number, b: number) => a + b,
    '-': (a: number, b: number) => a - b,
    '*': (a: number, b: number) => a * b,
    '/': (a: number, b: number) => (b === 0 ? null : a / b),
  }[op as '+']!;
  return {
    type,
    evaluate: (row) => {
      const [a, b] = [left.evaluate(row), right.evaluate(row)];
      return a === null || b === null ? null : apply(a as number, b as number);
    },
  };
}

// ---------------------------------------------------------------------------
// Functions

const PERIOD_MS: Record<string, number> = {
  WK: 604_800_000,
  DD: 86_400_000,
  HH: 3_600_000,
  MI: 60_000,
  SS: 1000,
  MS: 1,
};
const CALENDAR_MONTHS: Record<string, number> = { YYYY: 12, Q: 3, MM: 1 };

type FunctionImpl = (args: Compiled[], name: string) => Compiled;

const FUNCTIONS: Record<string, FunctionImpl> = {
  datediff: (args, name) => {
    arity(name, args, 2, 3);
    requireType(name, args[0]!, 'DATETIME');
    requireType(name, args[1]!, 'DATETIME');
    const period = literalPeriod(name, args[2], 'DD', [
      ...Object.keys(PERIOD_MS),
      ...Object.keys(CALENDAR_MONTHS),
    ]);
    // TODO: QuickSight may count period boundaries crossed rather than whole periods elapsed; the
    // module only uses minutes between taps, where the two agree to within one. Confirm on AWS.
    return {
      type: 'INTEGER',
      evaluate: (row) => {
        const [from, to] = [args[0]!.evaluate(row), args[1]!.evaluate(row)];
        if (from === null || to === null) return null;
        const months = CALENDAR_MONTHS[period];
        if (months) return Math.trunc(monthsBetween(from as number, to as number) / months);
        return Math.trunc(((to as number) - (from as number)) / PERIOD_MS[period]!);
      },
    };
  },
  extract: (args, name) => {
    arity(name, args, 2, 2);
    const period = literalPeriod(name, args[0], '', ['YYYY', 'Q', 'MM', 'DD', 'WD', 'HH', 'MI', 'SS', 'MS']);
    requireType(name, args[1]!, 'DATETIME');
    return {
      type: 'INTEGER',
      evaluate: (row) => nullable(args[1]!.evaluate(row), (ms) => extractPart(period, ms as number)),
    };
  },
  truncdate: (args, name) => {
    arity(name, args, 2, 2);
    const period = literalPeriod(name, args[0], '', ['YYYY', 'Q', 'MM', 'WK', 'DD', 'HH', 'MI', 'SS']);
    requireType(name, args[1]!, 'DATETIME');
    return {
      type: 'DATETIME',
      evaluate: (row) => nullable(args[1]!.evaluate(row), (ms) => truncate(period, ms as number)),
    };
  },
  ifelse: (args, name) => {
    if (args.length < 3 || args.length % 2 === 0)
      throw new ExpressionError(`${name} takes condition, value pairs and a final else value`);
    const type = args[1]!.type;
    return {
      type,
      evaluate: (row) => {
        for (let i = 0; i + 1 < args.length; i += 2)
          if (truthy(args[i]!.evaluate(row))) return args[i + 1]!.evaluate(row);
        return args[args.length - 1]!.evaluate(row);
      },
    };
  },
  isnull: (args, name) => (
    arity(name, args, 1, 1),
    { type: 'BOOLEAN', evaluate: (row) => args[0]!.evaluate(row) === null }
  ),
  isnotnull: (args, name) => (
    arity(name, args, 1, 1),
    { type: 'BOOLEAN', evaluate: (row) => args[0]!.evaluate(row) !== null }
  ),
  coalesce: (args, name) => {
    arity(name, args, 1, 64);
    return {
      type: args[0]!.type,
      evaluate: (row) => args.map((a) => a.evaluate(row)).find((v) => v !== null) ?? null,
    };
  },
  concat: (args, name) => {
    arity(name, args, 2, 64);
    args.forEach((a) => requireType(name, a, 'STRING'));
    return { type: 'STRING', evaluate: (row) => args.map((a) => a.evaluate(row) ?? '').join('') };
  },
  tostring: (args, name) => (arity(name, args, 1, 1), { type: 'STRING', evaluate: toText(args[0]!) }),
  toupper: (args, name) => stringFn(name, args, (s) => s.toUpperCase()),
  tolower: (args, name) => stringFn(name, args, (s) => s.toLowerCase()),
  strlen: (args, name) => {
    arity(name, args, 1, 1);
    requireType(name, args[0]!, 'STRING');
    return {
      type: 'INTEGER',
      evaluate: (row) => nullable(args[0]!.evaluate(row), (s) => (s as string).length),
    };
  },
  parseint: (args, name) => parseFn(name, args, 'INTEGER'),
  parsedecimal: (args, name) => parseFn(name, args, 'DECIMAL'),
  round: (args, name) => {
    arity(name, args, 1, 2);
    requireNumeric(args[0]!, name);
    const digits = args[1] ? Number(args[1].evaluate({})) : 0;
    const factor = 10 ** digits;
    return {
      type: digits > 0 ? 'DECIMAL' : 'INTEGER',
      evaluate: (row) => nullable(args[0]!.evaluate(row), (n) => Math.round((n as number) * factor) / factor),
    };
  },
  floor: (args, name) => numericFn(name, args, Math.floor, 'INTEGER'),
  ceil: (args, name) => numericFn(name, args, Math.ceil, 'INTEGER'),
  abs: (args, name) => numericFn(name, args, Math.abs, args[0]?.type ?? 'DECIMAL'),
};

function callFunction(name: string, args: Compiled[]): Compiled {
  const impl = FUNCTIONS[name.toLowerCase()];
  if (!impl) throw new ExpressionError(`${name} is not a function the sandbox's data preparation knows`);
  return impl(args, name);
}

function arity(name: string, args: Compiled[], min: number, max: number): void {
  if (args.length < min || args.length > max) {
    throw new ExpressionError(
      `${name} takes ${min === max ? min : `${min} to ${max}`} arguments, not ${args.length}`,
    );
  }
}

function requireType(name: string, arg: Compiled, type: ColumnType): void {
  if (arg.type !== type) throw new ExpressionError(`${name} needs a ${type} here, not a ${arg.type}`);
}

function literalPeriod(name: string, arg: Compiled | undefined, fallback: string, allowed: string[]): string {
  if (!arg) {
    if (fallback) return fallback;
    throw new ExpressionError(`${name} needs a period`);
  }
  const period = String(arg.evaluate({}) ?? '').toUpperCase();
  if (arg.type !== 'STRING' || !allowed.includes(period)) {
    throw new ExpressionError(`${name}'s period must be one of ${allowed.map((p) => `"${p}"`).join(', ')}`);
  }
  return period;
}

function nullable(value: Value, apply: (value: Value) => Value): Value {
  return value === null ? null : apply(value);
}

function toText(arg: Compiled): (row: Row) => Value {
  return (row) =>
    nullable(arg.evaluate(row), (v) =>
      arg.type === 'DATETIME' ? new Date(v as number).toISOString() : String(v),
    );
}

function stringFn(name: string, args: Compiled[], apply: (s: string) => string): Compiled {
  arity(name, args, 1, 1);
  requireType(name, args[0]!, 'STRING');
  return { type: 'STRING', evaluate: (row) => nullable(args[0]!.evaluate(row), (s) => apply(s as string)) };
}

function numericFn(name: string, args: Compiled[], apply: (n: number) => number, type: ColumnType): Compiled {
  arity(name, args, 1, 1);
  requireNumeric(args[0]!, name);
  return { type, evaluate: (row) => nullable(args[0]!.evaluate(row), (n) => apply(n as number)) };
}

function parseFn(name: string, args: Compiled[], type: ColumnType): Compiled {
  arity(name, args, 1, 1);
  requireType(name, args[0]!, 'STRING');
  return {
    type,
    evaluate: (row) => {
      try {
        return cast(args[0]!.evaluate(row), type, name);
      } catch (error) {
        if (error instanceof CastFailure) return null;
        throw error;
      }
    },
  };
}

function monthsBetween(from: number, to: number): number {
  const [a, b] = [new Date(from), new Date(to)];
  let months = (b.getUTCFullYear() - a.getUTCFullYear()) * 12 + (b.getUTCMonth() - a.getUTCMonth());
  // A month only counts once its day and time have come round again.
  const rest = (d: Date) => d.getTime() - Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
  if (months > 0 && rest(b) < rest(a)) months--;
  if (months < 0 && rest(b) > rest(a)) months++;
  return months;
}

function extractPart(period: string, ms: number): number {
  const d = new Date(ms);
  switch (period) {
    case 'YYYY':
      return d.getUTCFullYear();
    case 'Q':
      return Math.floor(d.getUTCMonth() / 3) + 1;
    case 'MM':
      return d.getUTCMonth() + 1;
    case 'DD':
      return d.getUTCDate();
    case 'WD':
      return d.getUTCDay() + 1;
    case 'HH':
      return d.getUTCHours();
    case 'MI':
      return d.getUTCMinutes();
    case 'SS':
      return d.getUTCSeconds();
    default:
      return d.getUTCMilliseconds();
  }
}

function truncate(period: string, ms: number): number {
  const d = new Date(ms);
  const [y, m, day] = [d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()];
  switch (period) {
    case 'YYYY':
      return Date.UTC(y, 0, 1);
    case 'Q':
      return Date.UTC(y, m - (m % 3), 1);
    case 'MM':
      return Date.UTC(y, m, 1);
    case 'WK':
      return Date.UTC(y, m, day - d.getUTCDay());
    default:
      return ms - (ms % PERIOD_MS[period]!);
  }
}
