import {
  type DurationPair,
  type ScorecardCondition,
  type ScorecardFacts,
  type ScorecardGrouping,
  type ScorecardNode,
  type ScorecardNodeValue,
  scorecardNodeConditions,
} from '@accord/core';
import { and, col, type Expr, type From, fn, isNotNull, isNull, num, op, param, type Select } from './_sqlAst';
import { LEAD_DIMENSION_COLUMNS, TABLES } from './canonicalTables';
import type { SqlDialect } from './sqlDialects';

/*
 * The scorecard's logical plan as SQL over the canonical tables. Fact CTEs rebuild the columns the
 * core's columnar engine uses (stage dates pivoted, first touch from activities, opportunities from
 * records or derived from leads, groups joined through the lead); one aggregate branch per (fact,
 * anchor) computes every count, sum and percentile of that anchor per group × period with GROUPING
 * SETS for the totals; the branches are stacked into one long result (node, total?, groups, period, value).
 */

export type RowFact = 'leads' | 'opportunities' | 'activities' | 'touchpoints';

/** What the SQL is built for. */
export interface ScorecardSqlContext {
  dialect: SqlDialect;
  facts: ScorecardFacts;
  /** `records`: the opportunity table; `derived`: one per lead that reached the last open stage. */
  opportunities: 'records' | 'derived';
  /** A schema that holds the canonical tables (validated identifier). */
  schema?: string;
}

const FACT_CTE: Readonly<Record<RowFact, string>> = {
  leads: 'lead_facts',
  opportunities: 'opportunity_facts',
  activities: 'activity_facts',
  touchpoints: 'touchpoint_facts',
};

const FIXED: Readonly<Record<RowFact, Readonly<Record<string, string>>>> = {
  leads: {
    created: 'c_created',
    firstTouch: 'c_first_touch',
    amount: 'c_amount',
    reason: 'c_reason',
    dispositionAt: 'c_disposition_at',
    hasOwner: 'c_has_owner',
  },
  opportunities: {
    created: 'c_created',
    closed: 'c_closed',
    amount: 'c_amount',
    won: 'c_won',
    marketing: 'c_marketing',
  },
  activities: { at: 'c_at' },
  touchpoints: { at: 'c_at' },
};

/** Whether SQL can answer a node: row facts, and only the columns every engine has (no `needs`). */
export function sqlCanRun(node: ScorecardNode): boolean {
  return node.fact !== 'spend' && (node.needs === undefined || node.needs.length === 0);
}

/** The fact CTE column of a plan column, or undefined when SQL does not have it. */
export function factColumn(ctx: ScorecardSqlContext, fact: RowFact, name: string): string | undefined {
  const fixed = FIXED[fact][name];
  if (fixed) return fixed;
  if (fact === 'leads' && name.startsWith('stage:')) {
    const i = ctx.facts.stages.indexOf(name.slice('stage:'.length));
    return i < 0 ? undefined : `st_${i}`;
  }
  return undefined;
}

const table = (ctx: ScorecardSqlContext, name: string, as: string): From =>
  ctx.schema ? { table: name, as, schema: ctx.schema } : { table: name, as };

const NONE = '(none)';
/** A group label: the value, or `(none)` when absent or empty (as the core encodes it). */
const label = (e: Expr): Expr => fn('COALESCE', fn('NULLIF', e, param('', 'text')), param(NONE, 'text'));

/** The expression of a dimension on a record of `alias` (a lead, or the fact's own record). */
function ownDimension(ctx: ScorecardSqlContext, alias: string, dim: string, lead: boolean): Expr {
  const path = ctx.facts.dimensionPath(dim) as string;
  const fixed = LEAD_DIMENSION_COLUMNS[path];
  if (lead && fixed) return label(col(alias, fixed));
  return label({ t: 'json', arg: col(alias, 'record'), path: path.split('.') });
}

/** The fact CTEs, for the facts and dimensions a query needs. Leads are always built. */
export function factCtes(
  ctx: ScorecardSqlContext,
  dims: readonly string[],
  facts: ReadonlySet<RowFact>,
): { name: string; query: Select; materialized?: boolean }[] {
  const { facts: f } = ctx;
  const stageIndex = (id: string | undefined) => (id === undefined ? -1 : f.stages.indexOf(id));
  const out: { name: string; query: Select; materialized?: boolean }[] = [];
  out.push({
    name: 'stage_pivot',
    materialized: true,
    query: {
      columns: [
        { expr: col('s', 'lead_key'), as: 'lead_key' },
        ...f.stages.map((id, i) => ({
          expr: fn('MAX', { t: 'case', when: [[op('=', col('s', 'stage'), param(id, 'text')), col('s', 'at')]] }),
          as: `st_${i}`,
        })),
      ],
      from: table(ctx, TABLES.leadStages, 's'),
      groupBy: [col('s', 'lead_key')],
    },
  });
  // First touch from activities when the lead has none: the earliest at or after the first-touch stage.
  out.push({
    name: 'first_activity',
    query: {
      columns: [
        { expr: col('a', 'lead_id'), as: 'lead_key' },
        { expr: fn('MIN', col('a', 'at')), as: 'at' },
      ],
      from: table(ctx, TABLES.activities, 'a'),
      joins: [
        { kind: 'INNER', from: table(ctx, TABLES.leads, 'l'), on: op('=', col('l', 'key'), col('a', 'lead_id')) },
        // The first-touch stage's date straight from the link table (no pivot needed here).
        ...(f.firstTouchFrom !== undefined
          ? [
              {
                kind: 'LEFT' as const,
                from: table(ctx, TABLES.leadStages, 'sp'),
                on: and(
                  op('=', col('sp', 'lead_key'), col('a', 'lead_id')),
                  op('=', col('sp', 'stage'), param(f.firstTouchFrom, 'text')),
                ) as Expr,
              },
            ]
          : []),
      ],
      where: and(
        isNull(col('l', 'first_touch')),
        isNotNull(col('a', 'at')),
        f.firstTouchFrom !== undefined
          ? { t: 'or', args: [isNull(col('sp', 'at')), op('>=', col('a', 'at'), col('sp', 'at'))] }
          : undefined,
      ),
      groupBy: [col('a', 'lead_id')],
    },
  });
  out.push({
    name: FACT_CTE.leads,
    materialized: true,
    query: {
      columns: [
        { expr: col('l', 'key'), as: 'k' },
        { expr: col('l', 'created'), as: 'c_created' },
        ...f.stages.map((_, i) => ({ expr: col('sp', `st_${i}`), as: `st_${i}` })),
        { expr: fn('COALESCE', col('l', 'first_touch'), col('fa', 'at')), as: 'c_first_touch' },
        { expr: col('l', 'amount'), as: 'c_amount' },
        { expr: col('l', 'reason_id'), as: 'c_reason' },
        { expr: col('l', 'disposition_at'), as: 'c_disposition_at' },
        {
          expr: { t: 'case', when: [[op('<>', col('l', 'owner_id'), param('', 'text')), num(1)]] },
          as: 'c_has_owner',
        },
        ...dims.map((d, i) => ({ expr: ownDimension(ctx, 'l', d, true), as: `d_${i}` })),
      ],
      from: table(ctx, TABLES.leads, 'l'),
      joins: [
        { kind: 'LEFT', from: { table: 'stage_pivot', as: 'sp' }, on: op('=', col('sp', 'lead_key'), col('l', 'key')) },
        {
          kind: 'LEFT',
          from: { table: 'first_activity', as: 'fa' },
          on: op('=', col('fa', 'lead_key'), col('l', 'key')),
        },
      ],
    },
  });
  const handoff = stageIndex(f.handoffStage);
  if (facts.has('opportunities')) {
    if (ctx.opportunities === 'derived') {
      const created = stageIndex(f.opportunityStage);
      const won = f.wonStages.map((s) => col('lf', `st_${stageIndex(s)}`));
      const lost = f.lostStages.map((s) => col('lf', `st_${stageIndex(s)}`));
      const any = (cols: Expr[]): Expr =>
        cols.length === 0
          ? { t: 'null', type: 'double' }
          : cols.length === 1
            ? (cols[0] as Expr)
            : fn('COALESCE', ...cols);
      const createdCol = created >= 0 ? col('lf', `st_${created}`) : ({ t: 'null', type: 'double' } as Expr);
      out.push({
        name: FACT_CTE.opportunities,
        materialized: true,
        query: {
          columns: [
            { expr: col('lf', 'k'), as: 'k' },
            { expr: createdCol, as: 'c_created' },
            { expr: any([...won, ...lost]), as: 'c_closed' },
            { expr: col('lf', 'c_amount'), as: 'c_amount' },
            {
              expr: {
                t: 'case',
                when: [
                  [isNotNull(any(won)), num(1)],
                  [isNotNull(any(lost)), num(0)],
                ],
              },
              as: 'c_won',
            },
            {
              expr:
                handoff >= 0
                  ? { t: 'case', when: [[op('<=', col('lf', `st_${handoff}`), createdCol), num(1)]], else: num(0) }
                  : num(0),
              as: 'c_marketing',
            },
            ...dims.map((_, i) => ({ expr: col('lf', `d_${i}`), as: `d_${i}` })),
          ],
          from: { table: FACT_CTE.leads, as: 'lf' },
          where: isNotNull(createdCol),
        },
      });
    } else {
      out.push({
        name: 'opportunity_links',
        query: {
          columns: [
            { expr: col('ol', 'opportunity_key'), as: 'opportunity_key' },
            { expr: col('ol', 'position'), as: 'position' },
            { expr: col('ol', 'lead_key'), as: 'lead_key' },
          ],
          from: table(ctx, TABLES.opportunityLeads, 'ol'),
          joins: [
            {
              kind: 'INNER',
              from: { table: FACT_CTE.leads, as: 'lf' },
              on: op('=', col('lf', 'k'), col('ol', 'lead_key')),
            },
          ],
        },
      });
      out.push({
        name: 'opportunity_lead',
        query: {
          columns: [
            { expr: col('x', 'opportunity_key'), as: 'opportunity_key' },
            { expr: col('x', 'lead_key'), as: 'lead_key' },
          ],
          from: { table: 'opportunity_links', as: 'x' },
          joins: [
            {
              kind: 'INNER',
              from: {
                query: {
                  columns: [
                    { expr: col('y', 'opportunity_key'), as: 'opportunity_key' },
                    { expr: fn('MIN', col('y', 'position')), as: 'position' },
                  ],
                  from: { table: 'opportunity_links', as: 'y' },
                  groupBy: [col('y', 'opportunity_key')],
                },
                as: 'm',
              },
              on: and(
                op('=', col('m', 'opportunity_key'), col('x', 'opportunity_key')),
                op('=', col('m', 'position'), col('x', 'position')),
              ) as Expr,
            },
          ],
        },
      });
      out.push({
        name: 'opportunity_marketing',
        query: {
          columns: [
            { expr: col('x', 'opportunity_key'), as: 'opportunity_key' },
            {
              expr: fn(
                'MAX',
                handoff >= 0
                  ? {
                      t: 'case',
                      when: [[op('<=', col('lf', `st_${handoff}`), col('o', 'created')), num(1)]],
                      else: num(0),
                    }
                  : num(0),
              ),
              as: 'm',
            },
          ],
          from: { table: 'opportunity_links', as: 'x' },
          joins: [
            {
              kind: 'INNER',
              from: { table: FACT_CTE.leads, as: 'lf' },
              on: op('=', col('lf', 'k'), col('x', 'lead_key')),
            },
            {
              kind: 'INNER',
              from: table(ctx, TABLES.opportunities, 'o'),
              on: op('=', col('o', 'key'), col('x', 'opportunity_key')),
            },
          ],
          groupBy: [col('x', 'opportunity_key')],
        },
      });
      const stageIn = (ids: readonly string[]): Expr => ({
        t: 'in',
        arg: col('o', 'stage'),
        values: ids.map((s) => param(s, 'text')),
      });
      out.push({
        name: FACT_CTE.opportunities,
        materialized: true,
        query: {
          columns: [
            { expr: col('o', 'key'), as: 'k' },
            { expr: col('o', 'created'), as: 'c_created' },
            { expr: col('o', 'closed'), as: 'c_closed' },
            { expr: col('o', 'amount'), as: 'c_amount' },
            {
              expr: {
                t: 'case',
                when: [
                  [
                    {
                      t: 'or',
                      args: [
                        op('=', col('o', 'won'), num(1)),
                        and(isNull(col('o', 'won')), stageIn(f.wonStages)) as Expr,
                      ],
                    },
                    num(1),
                  ],
                  [{ t: 'or', args: [op('=', col('o', 'won'), num(0)), stageIn(f.lostStages)] }, num(0)],
                ],
              },
              as: 'c_won',
            },
            { expr: fn('COALESCE', col('om', 'm'), num(0)), as: 'c_marketing' },
            ...dims.map((d, i) => ({
              expr: {
                t: 'case',
                when: [[isNotNull(col('ol', 'lead_key')), col('lf', `d_${i}`)]],
                else: ownDimension(ctx, 'o', d, false),
              } as Expr,
              as: `d_${i}`,
            })),
          ],
          from: table(ctx, TABLES.opportunities, 'o'),
          joins: [
            {
              kind: 'LEFT',
              from: { table: 'opportunity_lead', as: 'ol' },
              on: op('=', col('ol', 'opportunity_key'), col('o', 'key')),
            },
            {
              kind: 'LEFT',
              from: { table: FACT_CTE.leads, as: 'lf' },
              on: op('=', col('lf', 'k'), col('ol', 'lead_key')),
            },
            {
              kind: 'LEFT',
              from: { table: 'opportunity_marketing', as: 'om' },
              on: op('=', col('om', 'opportunity_key'), col('o', 'key')),
            },
          ],
        },
      });
    }
  }
  for (const fact of ['activities', 'touchpoints'] as const) {
    if (!facts.has(fact)) continue;
    out.push({
      name: FACT_CTE[fact],
      query: {
        columns: [
          { expr: col('a', 'key'), as: 'k' },
          { expr: col('a', 'at'), as: 'c_at' },
          ...dims.map((d, i) => ({
            expr: {
              t: 'case',
              when: [[isNotNull(col('lf', 'k')), col('lf', `d_${i}`)]],
              else: ownDimension(ctx, 'a', d, false),
            } as Expr,
            as: `d_${i}`,
          })),
        ],
        from: table(ctx, TABLES[fact], 'a'),
        joins: [
          { kind: 'LEFT', from: { table: FACT_CTE.leads, as: 'lf' }, on: op('=', col('lf', 'k'), col('a', 'lead_id')) },
        ],
      },
    });
  }
  return out;
}

/** A plan condition on fact-CTE row `f`. */
function condition(ctx: ScorecardSqlContext, fact: RowFact, c: ScorecardCondition): Expr {
  const c1 = (name: string) => {
    const column = factColumn(ctx, fact, name);
    if (column === undefined) throw new TypeError(`no SQL column for ${fact}.${name}`);
    return col('f', column);
  };
  if ('has' in c) return isNotNull(c1(c.has));
  if ('ordered' in c) return op('>=', c1(c.ordered[1]), c1(c.ordered[0]));
  if ('within' in c) {
    const d = op('-', c1(c.within[1]), c1(c.within[0]));
    return and(op('>=', d, num(0)), op('<=', d, param(c.within[2], 'double'))) as Expr;
  }
  if ('atMost' in c) return op('<=', c1(c.atMost[0]), param(c.atMost[1], 'double'));
  const [name, value] = c.eq;
  if (fact === 'leads' && name === 'reason') {
    const id = ctx.facts.reasons[value];
    return id === undefined ? { t: 'op', op: '=', left: num(1), right: num(0) } : op('=', c1(name), param(id, 'text'));
  }
  return op('=', c1(name), num(value));
}

function valueExpr(ctx: ScorecardSqlContext, fact: RowFact, v: ScorecardNodeValue): Expr {
  const c1 = (name: string) => col('f', factColumn(ctx, fact, name) as string);
  if ('col' in v)
    return v.scale === undefined || v.scale === 1 ? c1(v.col) : op('/', c1(v.col), param(v.scale, 'double'));
  return op('/', op('-', c1(v.diff[1]), c1(v.diff[0])), param(v.scale, 'double'));
}

/** The long result's columns: node index, 1 on totals rows, one label per dimension, period index, value. */
export interface ScorecardSqlRow {
  node: number;
  total: number;
  period: number;
  value: number | null;
  labels: string[];
}

/**
 * The one statement that computes `nodes` (all SQL-runnable) per group × period and in total. Nodes are
 * referred to by their index in `nodes`. Without periods, a `groups` branch (node −1) lists every group.
 */
export function scorecardQuery(
  ctx: ScorecardSqlContext,
  grouping: ScorecardGrouping,
  nodes: readonly ScorecardNode[],
  /** Durations whose negative rows to count over all rows (`total` 2, `node` = the pair's index). */
  pairs: readonly DurationPair[] = [],
): Select {
  const dims = grouping.dims;
  const periods = grouping.periods;
  const facts = new Set<RowFact>(nodes.map((n) => n.fact as RowFact));
  if (!periods) for (const f of ['opportunities', 'activities', 'touchpoints'] as const) facts.add(f);
  const ctes: { name: string; query: Select; materialized?: boolean }[] = factCtes(ctx, dims, facts);
  const contiguous = periods?.every((p, i) => i === 0 || periods[i - 1]?.to === p.from) === true;
  if (periods && !contiguous) {
    const rows = periods.map(
      (p, i): Select => ({
        columns: [
          { expr: num(i), as: 'p' },
          { expr: param(p.from, 'double'), as: 'lo' },
          { expr: param(p.to, 'double'), as: 'hi' },
        ],
      }),
    );
    const [head, ...rest] = rows;
    ctes.push({
      name: 'periods',
      query: head
        ? { ...head, unionAll: rest }
        : {
            columns: [
              { expr: num(0), as: 'p' },
              { expr: { t: 'null', type: 'double' }, as: 'lo' },
              { expr: { t: 'null', type: 'double' }, as: 'hi' },
            ],
            where: op('=', num(1), num(0)),
          },
    });
  }

  const dimCols = dims.map((_, i) => col('f', `d_${i}`));
  const branches: Select[] = [];
  const labelCols = (exprs: readonly Expr[]) => exprs.map((e, i) => ({ expr: e, as: `d_${i}` }));

  // Group the nodes by (fact, anchor): one scan and one join to the periods each.
  const byAnchor = new Map<string, number[]>();
  nodes.forEach((n, i) => {
    const key = `${n.fact}\u0000${periods ? n.anchor : ''}`;
    byAnchor.set(key, [...(byAnchor.get(key) ?? []), i]);
  });
  let a = 0;
  for (const indexes of byAnchor.values()) {
    const first = nodes[indexes[0] as number] as ScorecardNode;
    const fact = first.fact as RowFact;
    const name = `agg_${a++}`;
    const at = col('f', factColumn(ctx, fact, first.anchor) as string);
    // Contiguous periods (what the core makes): the period is a CASE on the anchor and the range a filter,
    // with the bounds as numeric literals from the core (never input text) — no range join.
    const period: Expr = !periods ? num(0) : contiguous ? periodCase(at, periods) : col('pr', 'p');
    const inRange = periods && contiguous ? rangeFilter(at, periods) : undefined;
    const keys = periods ? [...dimCols, period] : dimCols;
    const whereOf = (n: ScorecardNode): Expr | undefined =>
      and(...scorecardNodeConditions(n, periods !== null).map((c) => condition(ctx, fact, c)));
    const nativeQuantile = ctx.dialect.quantile !== null;
    const aggregated = indexes.filter((i) => nodes[i]?.agg !== 'quantile' || nativeQuantile);
    const windowed = indexes.filter((i) => !aggregated.includes(i));
    const from: From = { table: FACT_CTE[fact], as: 'f' };
    const joins =
      periods && !contiguous
        ? [
            {
              kind: 'INNER' as const,
              from: { table: 'periods', as: 'pr' },
              on: and(
                op('>=', col('f', factColumn(ctx, fact, first.anchor) as string), col('pr', 'lo')),
                op('<', col('f', factColumn(ctx, fact, first.anchor) as string), col('pr', 'hi')),
              ) as Expr,
            },
          ]
        : [];
    if (aggregated.length > 0 || keys.length > 0) {
      const sets = keys.length > 0 ? [keys, []] : undefined;
      ctes.push({
        name,
        query: {
          columns: [
            ...labelCols(dimCols),
            { expr: period, as: 'p' },
            { expr: keys.length > 0 ? { t: 'grouping', arg: keys[0] as Expr } : num(1), as: 'total' },
            ...aggregated.map((i) => {
              const n = nodes[i] as ScorecardNode;
              const filter = whereOf(n);
              const value = n.value ? valueExpr(ctx, fact, n.value) : undefined;
              const agg: Expr =
                n.agg === 'count'
                  ? filter
                    ? { t: 'count', filter }
                    : { t: 'count' }
                  : n.agg === 'sum'
                    ? filter
                      ? { t: 'sum', arg: value as Expr, filter }
                      : { t: 'sum', arg: value as Expr }
                    : {
                        t: 'quantile',
                        arg: value as Expr,
                        q: n.q as number,
                        filter: and(filter, isNotNull(value as Expr)) as Expr,
                      };
              return { expr: agg, as: `v_${i}` };
            }),
          ],
          from,
          joins,
          ...(inRange ? { where: inRange } : {}),
          ...(sets ? { groupingSets: sets } : {}),
        },
      });
      const rows = (node: number, value: Expr): Select => ({
        columns: [
          { expr: num(node), as: 'node' },
          { expr: col('g', 'total'), as: 'total' },
          ...labelCols(dims.map((_, i) => col('g', `d_${i}`))),
          { expr: periods ? col('g', 'p') : num(0), as: 'p' },
          { expr: value, as: 'v' },
        ],
        from: { table: name, as: 'g' },
      });
      // With periods, a group is present when it has a row in range under some anchor.
      if (periods) branches.push(rows(-1, { t: 'null', type: 'double' }));
      for (const i of aggregated) branches.push(rows(i, col('g', `v_${i}`)));
    }
    for (const i of windowed)
      branches.push(
        ...windowQuantile(
          ctx,
          nodes[i] as ScorecardNode,
          i,
          fact,
          and(whereOf(nodes[i] as ScorecardNode), inRange),
          from,
          joins,
          dimCols,
          period,
          periods !== null,
        ),
      );
  }
  // Without periods, every group of every fact is present (as the core lists them): rows per group.
  if (!periods)
    for (const fact of ['leads', 'opportunities', 'activities', 'touchpoints'] as const)
      branches.push({
        columns: [
          { expr: num(-1), as: 'node' },
          { expr: num(0), as: 'total' },
          ...labelCols(dimCols),
          { expr: num(0), as: 'p' },
          { expr: { t: 'count' }, as: 'v' },
        ],
        from: { table: FACT_CTE[fact], as: 'f' },
        ...(dimCols.length > 0 ? { groupBy: dimCols } : {}),
      });
  pairs.forEach((pair, i) => {
    const from = factColumn(ctx, pair.fact, pair.from) as string;
    const to = factColumn(ctx, pair.fact, pair.to) as string;
    branches.push({
      columns: [
        { expr: num(i), as: 'node' },
        { expr: num(2), as: 'total' },
        ...dims.map((_, k) => ({ expr: { t: 'null', type: 'text' } as Expr, as: `d_${k}` })),
        { expr: num(0), as: 'p' },
        { expr: { t: 'count', filter: op('<', col('f', to), col('f', from)) }, as: 'v' },
      ],
      from: { table: FACT_CTE[pair.fact], as: 'f' },
    });
  });
  const [head, ...rest] = branches;
  if (!head) throw new TypeError('a scorecard query needs at least one node or dimension');
  return { with: ctes, ...head, unionAll: rest };
}

/** The index of the period an instant falls in (contiguous periods: the first whose end is after it). */
function periodCase(at: Expr, periods: readonly { from: number; to: number }[]): Expr {
  return { t: 'case', when: periods.map((p, i) => [op('<', at, num(p.to)), num(i)] as const) };
}

/** Instants inside the periods' span (none when there are no periods). */
function rangeFilter(at: Expr, periods: readonly { from: number; to: number }[]): Expr {
  const first = periods[0];
  const last = periods[periods.length - 1];
  if (!first || !last) return op('=', num(1), num(0));
  return and(op('>=', at, num(first.from)), op('<', at, num(last.to))) as Expr;
}

/**
 * An exact R-7 percentile with window functions, for dialects without a percentile aggregate: rank
 * the values per slot (and over everything, for the totals), then interpolate `lo·(1 − f) + hi·f`.
 */
function windowQuantile(
  ctx: ScorecardSqlContext,
  node: ScorecardNode,
  index: number,
  fact: RowFact,
  filter: Expr | undefined,
  from: From,
  joins: { kind: 'INNER'; from: From; on: Expr }[],
  dimCols: Expr[],
  period: Expr,
  hasPeriods: boolean,
): Select[] {
  const value = valueExpr(ctx, fact, node.value as ScorecardNodeValue);
  const slot = hasPeriods ? [...dimCols, period] : dimCols;
  const ranked: Select = {
    columns: [
      ...dimCols.map((e, i) => ({ expr: e, as: `d_${i}` })),
      { expr: period, as: 'p' },
      { expr: value, as: 'v' },
      { expr: op('-', { t: 'window', fn: 'ROW_NUMBER', partition: slot, order: value }, num(1)), as: 'r' },
      { expr: { t: 'window', fn: 'COUNT', partition: slot }, as: 'n' },
      { expr: op('-', { t: 'window', fn: 'ROW_NUMBER', partition: [], order: value }, num(1)), as: 'r_all' },
      { expr: { t: 'window', fn: 'COUNT', partition: [] }, as: 'n_all' },
    ],
    from,
    joins,
    where: and(filter, isNotNull(value)),
  };
  const q = node.q as number;
  const pick = (r: string, n: string, plus: number): Expr =>
    fn('MAX', {
      t: 'case',
      when: [
        [
          op('=', col('w', r), op('+', fn('FLOOR', op('*', op('-', col('w', n), num(1)), num(q))), num(plus))),
          col('w', 'v'),
        ],
      ],
    });
  const frac = (n: string): Expr => {
    const h = op('*', op('-', fn('MAX', col('w', n)), num(1)), num(q));
    return op('-', h, fn('FLOOR', h));
  };
  const interpolate = (r: string, n: string): Expr => ({
    t: 'case',
    when: [
      [
        op('>', frac(n), num(0)),
        op('+', op('*', pick(r, n, 0), op('-', num(1), frac(n))), op('*', pick(r, n, 1), frac(n))),
      ],
    ],
    else: pick(r, n, 0),
  });
  const labels = dimCols.map((_, i) => col('w', `d_${i}`));
  const base = { from: { query: ranked, as: 'w' } as From };
  return [
    {
      columns: [
        { expr: num(index), as: 'node' },
        { expr: num(0), as: 'total' },
        ...labels.map((e, i) => ({ expr: e, as: `d_${i}` })),
        { expr: col('w', 'p'), as: 'p' },
        { expr: interpolate('r', 'n'), as: 'v' },
      ],
      ...base,
      groupBy: [...labels, col('w', 'p')],
    },
    {
      columns: [
        { expr: num(index), as: 'node' },
        { expr: num(1), as: 'total' },
        ...labels.map((_, i) => ({ expr: { t: 'null', type: 'text' } as Expr, as: `d_${i}` })),
        { expr: num(0), as: 'p' },
        { expr: interpolate('r_all', 'n_all'), as: 'v' },
      ],
      ...base,
    },
  ];
}

/**
 * Minimum and maximum of every time column of leads and opportunities, one row per source, read
 * straight from the tables (derived opportunities' dates are stage dates, already counted).
 */
export function boundsQuery(ctx: ScorecardSqlContext): Select {
  const range = (from: From, column: Expr, where?: Expr): Select => ({
    columns: [
      { expr: fn('MIN', column), as: 'lo' },
      { expr: fn('MAX', column), as: 'hi' },
    ],
    from,
    ...(where ? { where } : {}),
  });
  const leads = table(ctx, TABLES.leads, 'l');
  const opportunities = table(ctx, TABLES.opportunities, 'o');
  const [first, ...rest] = [
    range(leads, col('l', 'created')),
    range(leads, col('l', 'first_touch')),
    range(leads, col('l', 'disposition_at')),
    range({ table: 'first_activity', as: 'fa' }, col('fa', 'at')),
    range(table(ctx, TABLES.leadStages, 's'), col('s', 'at'), {
      t: 'in',
      arg: col('s', 'stage'),
      values: ctx.facts.stages.map((id) => param(id, 'text')),
    }),
    ...(ctx.opportunities === 'records'
      ? [range(opportunities, col('o', 'created')), range(opportunities, col('o', 'closed'))]
      : []),
  ];
  const ctes = factCtes(ctx, [], new Set()).filter((c) => c.name === 'first_activity');
  return { with: ctes, ...(first as Select), unionAll: rest };
}

/** Per pair: rows whose `to` column is before `from`. */
export function excludedQuery(ctx: ScorecardSqlContext, pairs: readonly DurationPair[]): Select {
  const facts = new Set<RowFact>(pairs.map((p) => p.fact));
  const [first, ...rest] = pairs.map((p, i): Select => {
    const from = factColumn(ctx, p.fact, p.from) as string;
    const to = factColumn(ctx, p.fact, p.to) as string;
    return {
      columns: [
        { expr: num(i), as: 'pair' },
        { expr: { t: 'count', filter: op('<', col('f', to), col('f', from)) }, as: 'n' },
      ],
      from: { table: FACT_CTE[p.fact], as: 'f' },
    };
  });
  return { with: factCtes(ctx, [], facts), ...(first as Select), unionAll: rest };
}

/**
 * Leads the core would warn about (a stage the agreement does not know, a reason it does not know,
 * stage dates out of funnel order): their keys and records, in key order. The core's own checks then
 * run on just these records, so the warnings are word for word the in-memory engine's.
 */
export function suspectLeadsQuery(ctx: ScorecardSqlContext): Select {
  const { facts: f } = ctx;
  const st = (id: string) => col('f', `st_${f.stages.indexOf(id)}`);
  const open = f.stages.filter((id) => f.stageKinds[id] === 'open');
  const closing = f.stages.filter((id) => f.stageKinds[id] === 'won' || f.stageKinds[id] === 'lost');
  const later: Expr[] = [];
  open.forEach((id, i) => {
    for (const before of open.slice(0, i)) later.push(op('>', st(before), st(id)));
  });
  for (const id of closing) for (const before of open) later.push(op('>', st(before), st(id)));
  const suspect: Select = {
    columns: [{ expr: col('s', 'lead_key'), as: 'k' }],
    from: table(ctx, TABLES.leadStages, 's'),
    where: { t: 'in', arg: col('s', 'stage'), values: f.stages.map((id) => param(id, 'text')), not: true },
    unionAll: [
      {
        columns: [{ expr: col('f', 'k'), as: 'k' }],
        from: { table: FACT_CTE.leads, as: 'f' },
        where: {
          t: 'or',
          args: [
            { t: 'in', arg: col('f', 'c_reason'), values: f.reasons.map((id) => param(id, 'text')), not: true },
            ...later,
          ],
        },
      },
    ],
  };
  return {
    with: [
      ...factCtes(ctx, [], new Set()),
      {
        name: 'suspect',
        query: {
          columns: [{ expr: col('x', 'k'), as: 'k' }],
          from: { query: suspect, as: 'x' },
          groupBy: [col('x', 'k')],
        },
      },
    ],
    columns: [
      { expr: col('l', 'key'), as: 'k' },
      { expr: col('l', 'record'), as: 'record' },
    ],
    from: table(ctx, TABLES.leads, 'l'),
    joins: [{ kind: 'INNER', from: { table: 'suspect', as: 'x' }, on: op('=', col('x', 'k'), col('l', 'key')) }],
  };
}
