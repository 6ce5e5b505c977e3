import type { SqlDialect } from './sqlDialects';

/*
 * A small SQL AST: enough for the scorecard's queries, rendered per dialect. Values only ever enter
 * as bound parameters (`param`) or as integer / finite-number literals the plan produced (`num`);
 * identifiers come from fixed tables and generated column names, validated by the dialect's `quote`.
 */

export type Expr =
  | { t: 'col'; table?: string; name: string }
  | { t: 'param'; value: unknown; type: 'double' | 'text' | 'int' }
  | { t: 'num'; value: number }
  | { t: 'null'; type?: 'double' | 'text' | 'int' }
  | { t: 'op'; op: '=' | '<>' | '<' | '<=' | '>' | '>=' | '+' | '-' | '*' | '/'; left: Expr; right: Expr }
  | { t: 'and' | 'or'; args: readonly Expr[] }
  | { t: 'isNull' | 'isNotNull'; arg: Expr }
  | { t: 'in'; arg: Expr; values: readonly Expr[]; not?: boolean }
  | { t: 'case'; when: readonly (readonly [Expr, Expr])[]; else?: Expr }
  | { t: 'fn'; name: 'COALESCE' | 'NULLIF' | 'MIN' | 'MAX' | 'FLOOR'; args: readonly Expr[] }
  | { t: 'count'; filter?: Expr }
  | { t: 'sum'; arg: Expr; filter?: Expr }
  | { t: 'quantile'; arg: Expr; q: number; filter?: Expr }
  | { t: 'grouping'; arg: Expr }
  | { t: 'window'; fn: 'ROW_NUMBER' | 'COUNT'; partition: readonly Expr[]; order?: Expr }
  | { t: 'json'; arg: Expr; path: readonly string[] };

export type From = { table: string; as: string; schema?: string } | { query: Select; as: string };

export interface Select {
  /** `materialized`: computed once where the dialect can say so (a CTE several others read). */
  with?: readonly { name: string; query: Select; materialized?: boolean }[];
  columns: readonly { expr: Expr; as: string }[];
  from?: From;
  joins?: readonly { kind: 'INNER' | 'LEFT'; from: From; on: Expr }[];
  where?: Expr;
  /** Plain GROUP BY, or GROUPING SETS when `sets` is given. */
  groupBy?: readonly Expr[];
  groupingSets?: readonly (readonly Expr[])[];
  unionAll?: readonly Select[];
}

/** SQL text and its parameters, in placeholder order. */
export interface RenderedSql {
  sql: string;
  params: unknown[];
}

export const col = (table: string | undefined, name: string): Expr =>
  table === undefined ? { t: 'col', name } : { t: 'col', table, name };
export const num = (value: number): Expr => {
  if (!Number.isFinite(value)) throw new TypeError('a SQL literal must be a finite number');
  return { t: 'num', value };
};
export const param = (value: unknown, type: 'double' | 'text' | 'int'): Expr => ({ t: 'param', value, type });
export const op = (o: Extract<Expr, { t: 'op' }>['op'], left: Expr, right: Expr): Expr => ({
  t: 'op',
  op: o,
  left,
  right,
});
export const and = (...args: (Expr | undefined)[]): Expr | undefined => {
  const parts = args.filter((a): a is Expr => a !== undefined);
  return parts.length === 0 ? undefined : parts.length === 1 ? parts[0] : { t: 'and', args: parts };
};
export const isNotNull = (arg: Expr): Expr => ({ t: 'isNotNull', arg });
export const isNull = (arg: Expr): Expr => ({ t: 'isNull', arg });
export const fn = (name: Extract<Expr, { t: 'fn' }>['name'], ...args: Expr[]): Expr => ({ t: 'fn', name, args });

/** Renders a query for a dialect, collecting bound parameters. */
export function renderSql(query: Select, dialect: SqlDialect): RenderedSql {
  const params: unknown[] = [];
  const bind = (value: unknown): string => {
    params.push(value);
    return dialect.placeholder(params.length);
  };
  const q = (id: string) => dialect.quote(id);
  const type = (t: 'double' | 'text' | 'int') => dialect.types[t];

  const expr = (e: Expr): string => {
    switch (e.t) {
      case 'col':
        return e.table === undefined ? q(e.name) : `${q(e.table)}.${q(e.name)}`;
      case 'param':
        return `CAST(${bind(e.value)} AS ${type(e.type)})`;
      case 'num':
        return Number.isInteger(e.value) ? String(e.value) : `CAST(${String(e.value)} AS ${type('double')})`;
      case 'null':
        return e.type ? `CAST(NULL AS ${type(e.type)})` : 'NULL';
      case 'op':
        return `(${expr(e.left)} ${e.op} ${expr(e.right)})`;
      case 'and':
      case 'or':
        return `(${e.args.map(expr).join(e.t === 'and' ? ' AND ' : ' OR ')})`;
      case 'isNull':
        return `(${expr(e.arg)} IS NULL)`;
      case 'isNotNull':
        return `(${expr(e.arg)} IS NOT NULL)`;
      case 'in':
        // `x NOT IN ()` holds for every non-null x, as `x IN ()` holds for none.
        if (e.values.length === 0) return e.not ? `(${expr(e.arg)} IS NOT NULL)` : '(1 = 0)';
        return `(${expr(e.arg)} ${e.not ? 'NOT IN' : 'IN'} (${e.values.map(expr).join(', ')}))`;
      case 'case':
        return `CASE ${e.when.map(([w, v]) => `WHEN ${expr(w)} THEN ${expr(v)}`).join(' ')}${e.else ? ` ELSE ${expr(e.else)}` : ''} END`;
      case 'fn':
        return `${e.name}(${e.args.map(expr).join(', ')})`;
      case 'count':
        return aggregate('COUNT', '*', e.filter, '1');
      case 'sum':
        return aggregate('SUM', expr(e.arg), e.filter);
      case 'quantile': {
        if (!dialect.quantile) throw new TypeError(`${dialect.name} has no percentile aggregate`);
        if (!(e.q >= 0 && e.q <= 1)) throw new TypeError('a quantile is between 0 and 1');
        const arg =
          e.filter && dialect.filteredAggregates === 'case'
            ? `CASE WHEN ${expr(e.filter)} THEN ${expr(e.arg)} END`
            : expr(e.arg);
        const call = dialect.quantile(arg, String(e.q));
        return e.filter && dialect.filteredAggregates === 'filter' ? `${call} FILTER (WHERE ${expr(e.filter)})` : call;
      }
      case 'grouping':
        return `GROUPING(${expr(e.arg)})`;
      case 'window': {
        const over = [
          e.partition.length > 0 ? `PARTITION BY ${e.partition.map(expr).join(', ')}` : '',
          e.order ? `ORDER BY ${expr(e.order)}` : '',
        ]
          .filter(Boolean)
          .join(' ');
        return `${e.fn}(${e.fn === 'COUNT' ? '*' : ''}) OVER (${over})`;
      }
      case 'json':
        return dialect.jsonText(expr(e.arg), e.path, (value) => bind(value));
    }
  };
  // `COUNT(*) FILTER (WHERE c)` or `COUNT(CASE WHEN c THEN 1 END)`.
  const aggregate = (name: string, arg: string, filter: Expr | undefined, caseValue?: string): string => {
    if (!filter) return `${name}(${arg})`;
    if (dialect.filteredAggregates === 'filter') return `${name}(${arg}) FILTER (WHERE ${expr(filter)})`;
    return `${name}(CASE WHEN ${expr(filter)} THEN ${caseValue ?? arg} END)`;
  };
  const from = (f: From): string =>
    'table' in f
      ? `${f.schema ? `${q(f.schema)}.` : ''}${q(f.table)} AS ${q(f.as)}`
      : `(${select(f.query)}) AS ${q(f.as)}`;
  const select = (s: Select): string => {
    const parts: string[] = [];
    if (s.with && s.with.length > 0)
      parts.push(
        `WITH ${s.with.map((w) => `${q(w.name)} AS ${w.materialized && dialect.materializedCtes ? 'MATERIALIZED ' : ''}(\n${indent(select(w.query))}\n)`).join(',\n')}`,
      );
    parts.push(`SELECT ${s.columns.map((c) => `${expr(c.expr)} AS ${q(c.as)}`).join(',\n  ')}`);
    if (s.from) parts.push(`FROM ${from(s.from)}`);
    for (const j of s.joins ?? []) parts.push(`${j.kind} JOIN ${from(j.from)} ON ${expr(j.on)}`);
    if (s.where) parts.push(`WHERE ${expr(s.where)}`);
    if (s.groupingSets)
      parts.push(`GROUP BY GROUPING SETS (${s.groupingSets.map((set) => `(${set.map(expr).join(', ')})`).join(', ')})`);
    else if (s.groupBy && s.groupBy.length > 0) parts.push(`GROUP BY ${s.groupBy.map(expr).join(', ')}`);
    let out = parts.join('\n');
    for (const u of s.unionAll ?? []) out += `\nUNION ALL\n${select(u)}`;
    return out;
  };
  return { sql: select(query), params };
}

const indent = (s: string) =>
  s
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
