import type { CouncilMetric, CouncilOffTarget, CouncilReport, CouncilUnit, MetricTarget } from '@accord/core';

// The funnel council's report as a small neutral document — headings, paragraphs and tables of plain
// text — built once and rendered to Markdown and HTML, so both formats always say the same thing.
// Nothing here is escaped: the renderers escape every string they write.

/** How a cell or paragraph reads: against a target (met / missed) or a move (good / bad). */
export type Tone = 'met' | 'missed' | 'good' | 'bad';

/** A table cell: plain text, optionally toned. */
export type CouncilCell = string | { text: string; tone?: Tone };

/** One block of the document. */
export type CouncilBlock =
  | { kind: 'heading'; level: 2 | 3; id: string; text: string }
  | { kind: 'paragraph'; text: string; emphasis?: 'headline' | 'muted'; tone?: Tone }
  | {
      kind: 'table';
      caption: string;
      headers: string[];
      /** Right-aligned columns (figures). */
      numeric: number[];
      /** Other columns that must not wrap (dates, ids). */
      nowrap?: number[];
      rows: CouncilCell[][];
    };

/** The document: a title, and the blocks in reading order. */
export interface CouncilDocument {
  title: string;
  blocks: CouncilBlock[];
}

/** Options for {@link councilDocument}. */
export interface CouncilDocumentOptions {
  /** ISO 4217 code of money values (minor units). Default `USD`. */
  currency?: string;
  /** Reject-reason groups listed (the rest are counted). Default 25. */
  maxRejectGroups?: number;
}

const ONE = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const UP_TO_TWO = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
const INTEGER = new Intl.NumberFormat('en-US');
const MINUS = '\u2212';

/** `12,345` */
export const count = (n: number): string => INTEGER.format(n);

/** `1 disposition`, `12 dispositions`. */
export const plural = (n: number, one: string, many = `${one}s`): string => `${count(n)} ${n === 1 ? one : many}`;

/** `12.3%`, `—` without a value. */
export const percent = (x: number | null): string =>
  x === null ? '—' : `${x < 0 ? MINUS : ''}${ONE.format(Math.abs(x) * 100)}%`;

const signed = (x: number, text: (abs: number) => string) => `${x > 0 ? '+' : x < 0 ? MINUS : '±'}${text(Math.abs(x))}`;

/** The value formatters of one report (its currency and time zone). */
export interface CouncilFormat {
  /** A value in its unit: `61.3%`, `$12,400`, `1,204`, `3.2 d`. */
  value(unit: CouncilUnit, x: number | null): string;
  /** A change in its unit: `−4.1 pt`, `+$1,200`, `+35`. */
  change(unit: CouncilUnit, x: number | null): string;
  /** The size of a difference, unsigned: `4.1 pt`, `$1,200`, `35`. */
  amount(unit: CouncilUnit, x: number): string;
  /** A target band: `≥ 60.0%`, `≤ 5.0%`, `40.0%–60.0%`, `—`. */
  target(unit: CouncilUnit, t: MetricTarget | null): string;
  /** `met ✓` / `missed ✗` / `no value`. */
  status(m: Pick<CouncilMetric, 'status' | 'target' | 'value'>): CouncilCell;
  /** An instant in the agreement's time zone: `2026-10-04 09:30`. */
  instant(ms: number): string;
}

/** The formatters for a report. */
export function councilFormat(report: CouncilReport, currency = 'USD'): CouncilFormat {
  const money = new Intl.NumberFormat('en-US', { style: 'currency', currency, maximumFractionDigits: 0 });
  const clock = new Intl.DateTimeFormat('en-CA', {
    timeZone: report.timezone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  const abs = (unit: CouncilUnit, x: number): string => {
    switch (unit) {
      case 'ratio':
        return `${ONE.format(x * 100)}%`;
      case 'money':
        return money.format(x / 100);
      case 'count':
        return UP_TO_TWO.format(x);
      case 'days':
        return `${ONE.format(x)} d`;
      case 'hours':
        return `${ONE.format(x)} h`;
      case 'minutes':
        return `${ONE.format(x)} min`;
    }
  };
  const amount = (unit: CouncilUnit, x: number) =>
    unit === 'ratio' ? `${ONE.format(Math.abs(x) * 100)} pt` : abs(unit, Math.abs(x));
  const value = (unit: CouncilUnit, x: number | null) =>
    x === null ? '—' : x < 0 ? `${MINUS}${abs(unit, -x)}` : abs(unit, x);
  return {
    value,
    change: (unit, x) => (x === null ? '—' : signed(x, (a) => amount(unit, a))),
    amount,
    target: (unit, t) => {
      if (!t || (t.min === undefined && t.max === undefined)) return '—';
      if (t.min !== undefined && t.max !== undefined) return `${value(unit, t.min)}–${value(unit, t.max)}`;
      return t.min !== undefined ? `≥ ${value(unit, t.min)}` : `≤ ${value(unit, t.max as number)}`;
    },
    status: (m) =>
      m.target === null
        ? ''
        : m.status === 'met'
          ? { text: '✓ met', tone: 'met' }
          : m.status === 'missed'
            ? { text: '✗ missed', tone: 'missed' }
            : 'no value',
    instant: (ms) => clock.format(ms).replace(',', ''),
  };
}

/** `October 2026` for `2026-10`. */
export function monthName(label: string): string {
  const [y, m] = label.split('-').map(Number) as [number, number];
  return new Intl.DateTimeFormat('en-US', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    Date.UTC(y, m - 1, 15),
  );
}

/** The headline sentence: `The metric furthest off target: MQL → SAL — 41.2% against ≥ 60.0% (…).` */
export function headlineText(report: CouncilReport, f: CouncilFormat): string {
  const h: CouncilOffTarget | null = report.headline;
  if (!h) {
    const withTargets = report.scorecard.met + report.scorecard.missed;
    return withTargets === 0
      ? 'The metric furthest off target: none — no metric with a target has a value this month.'
      : withTargets === 1
        ? 'The metric furthest off target: none — the one metric with a target and a value meets it.'
        : `The metric furthest off target: none — all ${count(withTargets)} metrics with a target and a value meet it.`;
  }
  const side = h.bound === 'min' ? 'below' : 'above';
  return `The metric furthest off target: ${h.label} — ${f.value(h.unit, h.value)} against a target of ${f.target(h.unit, h.target)}, ${f.amount(h.unit, h.gap)} ${side} it (a relative miss of ${percent(h.margin)}).`;
}

/**
 * @name councilDocument
 * @category Report
 * @summary The funnel council's report as neutral blocks, headline first, for the Markdown and HTML renderers.
 *
 * @param report - From `buildCouncilReport`.
 * @param options - The currency of money values and how many reject groups to list.
 * @returns The title and blocks; strings are not escaped.
 *
 * @example
 * const doc = councilDocument(report, { currency: 'USD' })
 * doc.blocks[0] //=> { kind: 'paragraph', emphasis: 'headline', text: 'The metric furthest off target: …' }
 */
export function councilDocument(report: CouncilReport, options: CouncilDocumentOptions = {}): CouncilDocument {
  const f = councilFormat(report, options.currency ?? 'USD');
  const maxGroups = options.maxRejectGroups ?? 25;
  const blocks: CouncilBlock[] = [];
  const h2 = (id: string, text: string) => blocks.push({ kind: 'heading', level: 2, id, text });
  const h3 = (id: string, text: string) => blocks.push({ kind: 'heading', level: 3, id, text });
  const p = (text: string, emphasis?: 'headline' | 'muted', tone?: Tone) =>
    blocks.push({ kind: 'paragraph', text, ...(emphasis && { emphasis }), ...(tone && { tone }) });
  const table = (caption: string, headers: string[], numeric: number[], rows: CouncilCell[][], nowrap?: number[]) =>
    blocks.push({ kind: 'table', caption, headers, numeric, rows, ...(nowrap && { nowrap }) });
  const month = monthName(report.month.label);
  const previous = monthName(report.previousMonth.label);

  // The headline, then where the numbers come from.
  p(headlineText(report, f), 'headline', report.headline ? 'missed' : 'met');
  p(
    `${report.agreement.name ?? report.agreement.id} v${report.agreement.version} · ${month} in ${report.timezone}, compared with ${previous} · data as of ${f.instant(Date.parse(report.asOf))}.${report.month.complete ? '' : ` The month is still running: the figures stop at ${f.instant(Date.parse(report.asOf))}.`}`,
    'muted',
  );

  h2('scorecard', 'Scorecard vs targets');
  const sc = report.scorecard;
  p(
    `${count(sc.met)} met, ${count(sc.missed)} missed${sc.noValue > 0 ? `, ${count(sc.noValue)} without a value this month` : ''}, ${count(sc.metrics.filter((m) => m.target === null).length)} without a target. Change: against ${previous}; ratios in percentage points.`,
  );
  table(
    `Scorecard, ${month}`,
    ['Metric', 'Value', 'Target', 'Status', previous, 'Change'],
    [1, 4, 5],
    sc.metrics.map((m) => [
      m.label,
      f.value(m.unit, m.value),
      f.target(m.unit, m.target),
      f.status(m),
      f.value(m.unit, m.previous),
      changeCell(m, f),
    ]),
  );
  if (report.offTarget.length > 1) {
    h3('off-target', 'Off target, furthest first');
    table(
      'Metrics that miss their target',
      ['Metric', 'Value', 'Target', 'Off by', 'Relative miss'],
      [1, 3, 4],
      report.offTarget.map((o) => [
        o.label,
        f.value(o.unit, o.value),
        f.target(o.unit, o.target),
        f.change(o.unit, o.gap),
        percent(o.margin),
      ]),
    );
  }
  p(
    'Relative miss: how far the value is past the bound it misses, divided by that bound (at least the unit’s floor, so a target of 0 stays finite).',
    'muted',
  );

  h2('movers', 'Biggest movers');
  if (report.movers.length === 0) p(`No metric moved between ${previous} and ${month}, or none had a value in both.`);
  else
    table(
      `Biggest moves since ${previous}`,
      ['Metric', previous, month, 'Change', 'Relative', 'Based on', 'Reading'],
      [1, 2, 3, 4, 5],
      report.movers.map((m) => [
        m.label,
        f.value(m.unit, m.previous),
        f.value(m.unit, m.value),
        f.change(m.unit, m.change),
        percent(m.relativeChange).replace(/^(?=\d)/, '+'),
        m.denominator === undefined ? '—' : `${count(m.denominator)} this month`,
        { text: m.effect === 'good' ? '▲ better' : '▼ worse', tone: m.effect },
      ]),
    );
  p(
    `Ranked by change ÷ max(|${previous} value|, floor): a relative change, with a smallest base per unit (${floorText(report, f)}) so tiny bases do not dominate. Better or worse by the metric’s direction. Based on: the denominator of a rate this month — a rate resting on few records moves a lot by chance.`,
    'muted',
  );

  h2('slas', 'SLA breaches');
  const s = report.slas;
  p(
    `${plural(s.clocks, 'SLA clock')} started in ${month}, judged as of ${f.instant(Date.parse(report.asOf))}: an open clock past its due time counts as breached. Breach rate: breached ÷ (met + breached).`,
  );
  const tallyCells = (t: CouncilReport['slas']['bySide']['sales']): CouncilCell[] => [
    count(t.started),
    count(t.met),
    count(t.breached),
    count(t.open),
    percent(t.breachRate),
  ];
  h3('slas-side', 'By side');
  table(
    'SLA clocks by side',
    ['Side', 'Clocks', 'Met', 'Breached', 'Open', 'Breach rate'],
    [1, 2, 3, 4, 5],
    (['sales', 'marketing'] as const).map((side) => [
      side === 'sales' ? 'Sales' : 'Marketing',
      ...tallyCells(s.bySide[side]),
    ]),
  );
  if (s.bySla.length > 0) {
    h3('slas-sla', 'By SLA');
    table(
      'SLA clocks by SLA',
      ['SLA', 'Side', 'Clocks', 'Met', 'Breached', 'Open', 'Breach rate'],
      [2, 3, 4, 5, 6],
      s.bySla.map((r) => [r.label, r.side, ...tallyCells(r.tally)]),
    );
  }
  h3('slas-team', 'By team');
  if (s.byTeam.length === 0) p('No clock started this month.');
  else
    table(
      'SLA breaches by team',
      ['Team', 'Sales breached', 'Sales rate', 'Marketing breached', 'Marketing rate', 'Open'],
      [1, 2, 3, 4, 5],
      s.byTeam.map((t) => [
        t.team,
        `${count(t.bySide.sales.breached)} of ${count(t.bySide.sales.met + t.bySide.sales.breached)}`,
        percent(t.bySide.sales.breachRate),
        `${count(t.bySide.marketing.breached)} of ${count(t.bySide.marketing.met + t.bySide.marketing.breached)}`,
        percent(t.bySide.marketing.breachRate),
        count(t.total.open),
      ]),
    );
  p("Team: the lead's team; without one, the routing pool of its owner; else (none).", 'muted');

  const r = report.rejects;
  const dim = r.by === 'source' ? 'source' : r.by;
  h2('rejects', `Reject reasons by ${dim}`);
  const all = r.rows[0];
  if (!all || all.rejected === 0) p(`No disposition was recorded in ${month}.`);
  else {
    const used = r.reasons.filter((x) => (all.counts[x.id] ?? 0) > 0);
    p(
      `${plural(r.dispositions, 'disposition')} recorded in ${month}. Each cell: count (share of the row's dispositions).`,
    );
    const groups = r.rows.slice(1, 1 + maxGroups);
    table(
      `Reject reasons by ${dim}, ${month}`,
      [dim.charAt(0).toUpperCase() + dim.slice(1), 'Dispositions', ...used.map((x) => x.label)],
      used.map((_, i) => i + 2).concat(1),
      [all, ...groups].map((row) => [
        row.group === '(all)' ? 'All' : row.group,
        count(row.rejected),
        ...used.map((x) => {
          const n = row.counts[x.id] ?? 0;
          return n === 0 ? '—' : `${count(n)} (${percent(row.shares[x.id] ?? 0)})`;
        }),
      ]),
    );
    if (r.rows.length - 1 > maxGroups)
      p(`${count(r.rows.length - 1 - maxGroups)} smaller groups not listed (all are in --json).`, 'muted');
    const unknown = r.reasons.filter((x) => x.action === null && (all.counts[x.id] ?? 0) > 0);
    if (unknown.length > 0)
      p(`Not in the agreement's reasons: ${unknown.map((x) => x.id).join(', ')}.`, undefined, 'missed');
  }

  h2('misroutes', 'Misroutes');
  const g = report.routing;
  if (!g) p('The agreement has no routing rules: nothing to audit.');
  else {
    p(
      `${count(g.misrouted)} of ${count(g.checked)} audited leads created in ${month} are owned by someone today's routing rules would not pick (${percent(g.misrouteRate)}). Of the month's ${count(g.leads)} leads, ${count(g.unassigned)} have no owner and ${count(g.queueRouted)} are routed to a queue (anyone may take them).`,
    );
    if (g.misroutes.length > 0)
      table(
        g.misroutes.length < g.misrouted ? `The first ${g.misroutes.length} misroutes` : 'Misroutes',
        ['Lead', 'Created', 'Owner', 'Rule', 'Rules assign'],
        [],
        g.misroutes.map((m) => [
          m.leadId,
          f.instant(m.createdAt),
          m.ownerId,
          m.expected.ruleId ?? '(none)',
          m.expected.kind === 'user'
            ? (m.expected.ids[0] ?? '')
            : `pool ${m.expected.poolId ?? ''} (${m.expected.ids.join(', ')})`,
        ]),
        [0, 1],
      );
    if (g.misroutes.length < g.misrouted)
      p(`${count(g.misrouted - g.misroutes.length)} more (all are in --json).`, 'muted');
  }

  h2('decisions', 'Decisions due for review');
  const d = report.decisions;
  if (d.due.length === 0) p(`No open decision is due for review by the end of ${month}.`);
  else
    table(
      'Open decisions due for review',
      ['Decision', 'Owner', 'Decided', 'Review', 'Metric', 'Now', 'Target', 'Before', 'Since'],
      [5, 7, 8],
      d.due.map(({ decision, timing, metric }) => [
        `${decision.id}: ${decision.decision}`,
        decision.owner,
        decision.date,
        timing === 'overdue'
          ? { text: `${decision.reviewOn} (overdue)`, tone: 'missed' }
          : (decision.reviewOn as string),
        metric ? metric.label : '—',
        metric ? statusValue(metric, f) : '—',
        metric ? f.target(metric.unit, metric.target) : '—',
        metric ? `${f.value(metric.unit, metric.baseline.value)} (${metric.baseline.month})` : '—',
        metric ? f.change(metric.unit, metric.sinceDecision) : '—',
      ]),
      [2, 3, 6],
    );
  if (d.due.some((x) => x.metric))
    p(
      'Before: the metric in the last whole month before the decision — what the council saw when it decided.',
      'muted',
    );
  if (d.unscheduled.length > 0)
    p(`Open decisions without a review date (set one): ${d.unscheduled.join(', ')}.`, undefined, 'missed');

  if (report.issues.length + report.warnings.length > 0) {
    h2('data', 'Data');
    p(
      `${plural(report.issues.length, 'record issue')} (those records are left out) and ${plural(report.warnings.length, 'warning')}; each names the record and the field in --json.`,
    );
  }

  return { title: `Funnel council — ${month}`, blocks };
}

/** The change, toned good or bad by the metric's direction. */
function changeCell(m: CouncilMetric, f: CouncilFormat): CouncilCell {
  const text = f.change(m.unit, m.change);
  if (m.change === null || m.change === 0) return text;
  return { text, tone: m.change > 0 === (m.direction === 'higher') ? 'good' : 'bad' };
}

/** The value with ✓ / ✗ against its target. */
function statusValue(m: CouncilMetric, f: CouncilFormat): CouncilCell {
  const text = f.value(m.unit, m.value);
  if (m.status === 'met') return { text: `${text} ✓`, tone: 'met' };
  if (m.status === 'missed') return { text: `${text} ✗`, tone: 'missed' };
  return text;
}

function floorText(report: CouncilReport, f: CouncilFormat): string {
  const units = ['ratio', 'count', 'money', 'days', 'hours', 'minutes'] as const;
  return units
    .map((u) => `${u} ${u === 'ratio' ? `${ONE.format(report.floors[u] * 100)} pt` : f.value(u, report.floors[u])}`)
    .join(', ');
}
