import {
  type Account,
  type AccountDirectory,
  auditRouting,
  createAccountDirectory,
  createRoutingState,
  type Lead,
  lintRouting,
  type RouteLeadResult,
  type RoutingState,
  routeLead,
  toInstantMs,
} from '@accord/core';
import { type CliIo, EXIT, UsageError } from '../_lib/io';
import { instantFlag, intFlag, parseFlags } from '../_lib/parseFlags';
import { loadAgreement } from '../_lib/readAgreement';
import { readCanonicalFile, reportInputs } from '../_lib/readCanonicalFile';
import { reportIssues } from '../_lib/reportIssues';
import { formatCount, formatRate, renderTable } from '../_lib/table';

export const ROUTE_HELP = `Usage: accord route <leads.csv> [--accounts accounts.csv] [--audit] [options]

Routes every lead by the agreement's rules — account owner (by account id or e-mail / website domain,
personal mail ignored), territory, weighted round robin with working hours, caps and out-of-office,
fallback queue — in creation order, each at its creation time, and prints where the leads went and
why. With --audit it does not route: it compares each lead's current owner with what today's rules
say and prints the misroutes and the misroute rate.

Options:
  --accounts FILE     canonical accounts.csv, for account-owner routing
  --audit             audit current owners instead of routing
  --now ISO           the instant the audit evaluates rules at (default: the current time)
  --out-of-office IDS comma-separated users who are away
  --agreement FILE    use this agreement instead of the default one
  --limit N           decisions (or misroutes) to explain (default 10)
  --strict            exit 2 on any bad row instead of skipping it
  --json              print one JSON document`;

export async function routeCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseFlags(
    args,
    {
      accounts: { type: 'string' },
      audit: { type: 'boolean' },
      now: { type: 'string' },
      'out-of-office': { type: 'string' },
      agreement: { type: 'string' },
      limit: { type: 'string' },
      strict: { type: 'boolean' },
      json: { type: 'boolean' },
    },
    'route',
  );
  if (positionals.length !== 1)
    throw new UsageError('accord route takes one file: accord route leads.csv [--accounts accounts.csv]');
  const limit = intFlag(values.limit, 'limit', 10, 0, 1_000_000);
  const now = instantFlag(values.now, 'now');
  const loaded = await loadAgreement(values.agreement, io.cwd);
  if (!loaded.ok) {
    reportIssues(io, loaded.source, loaded.issues);
    return EXIT.badInput;
  }
  const agreement = loaded.agreement;
  const inputs = [
    await readCanonicalFile('leads', positionals[0] as string, io.cwd, agreement),
    ...(values.accounts ? [await readCanonicalFile('accounts', values.accounts, io.cwd, agreement)] : []),
  ];
  if (reportInputs(io, inputs, values.strict === true)) return EXIT.badInput;
  const leads = inputs[0]?.records as Lead[];
  const accounts: AccountDirectory | undefined = values.accounts
    ? createAccountDirectory(inputs[1]?.records as Account[])
    : undefined;
  const outOfOffice = values['out-of-office']
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);

  if (values.audit) {
    const audit = auditRouting(leads, agreement, { now, ...(accounts ? { accounts } : {}) });
    if (values.json) {
      io.stdout.write(`${JSON.stringify({ now: new Date(now).toISOString(), ...audit }, null, 2)}\n`);
      return EXIT.ok;
    }
    io.stdout.write(
      [
        `Routing audit (${formatCount(leads.length)} leads, rules as of ${new Date(now).toISOString()}): ${formatCount(audit.misroutes.length)} misrouted of ${formatCount(audit.checked)} checked — misroute rate ${formatRate(audit.misrouteRate)}`,
        `  (${formatCount(audit.unassigned)} without an owner, ${formatCount(audit.queueRouted)} routed to a queue by the rules: not checked)`,
        ...(audit.misroutes.length > 0
          ? [
              '',
              renderTable(audit.misroutes.slice(0, limit), [
                { header: 'lead', value: (m) => m.leadId },
                { header: 'owner', value: (m) => m.ownerId },
                { header: 'rule', value: (m) => m.expected.ruleId ?? '(none)' },
                {
                  header: 'should be',
                  value: (m) => (m.expected.kind === 'user' ? (m.expected.ids[0] ?? '') : `pool ${m.expected.poolId}`),
                },
              ]),
            ]
          : []),
        audit.misroutes.length > limit
          ? `  … ${formatCount(audit.misroutes.length - limit)} more (--limit, or --json for all)`
          : '',
        '',
      ].join('\n'),
    );
    return EXIT.ok;
  }

  // Route in creation order, each lead at its creation time.
  const ordered = [...leads].sort(
    (a, b) => toInstantMs(a.createdAt) - toInstantMs(b.createdAt) || (a.id < b.id ? -1 : 1),
  );
  let state: RoutingState = createRoutingState();
  const decisions: { leadId: string; result: RouteLeadResult }[] = [];
  for (const lead of ordered) {
    const result = routeLead(lead, state, agreement, {
      now: lead.createdAt,
      trace: decisions.length < limit ? 'full' : 'summary',
      ...(accounts ? { accounts } : {}),
      ...(outOfOffice ? { outOfOffice } : {}),
    });
    state = result.nextState;
    decisions.push({ leadId: lead.id, result });
  }
  const byRule = tally(decisions.map((d) => d.result.ruleId ?? '(no rule: fallback)'));
  const byAssignee = tally(
    decisions.map((d) => `${d.result.assignee.type === 'queue' ? 'queue ' : ''}${d.result.assignee.id}`),
  );
  if (values.json) {
    io.stdout.write(
      `${JSON.stringify(
        {
          leads: leads.length,
          byRule,
          byAssignee,
          decisions: decisions.map((d) => ({
            leadId: d.leadId,
            assignee: d.result.assignee,
            ruleId: d.result.ruleId,
            poolId: d.result.poolId,
            trace: d.result.trace,
          })),
          lint: lintRouting(agreement),
        },
        null,
        2,
      )}\n`,
    );
    return EXIT.ok;
  }
  const shareRows = (counts: Record<string, number>) =>
    Object.entries(counts)
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .map(([name, n]) => ({ name, n, share: n / Math.max(1, leads.length) }));
  const lines = [
    `Routed ${formatCount(leads.length)} leads in creation order, each at its creation time${accounts ? `, with ${formatCount(inputs[1]?.records.length ?? 0)} accounts` : ' (no --accounts: account-owner rules cannot match)'}`,
    '',
    renderTable(shareRows(byRule), [
      { header: 'rule', value: (r) => r.name },
      { header: 'leads', align: 'right', value: (r) => formatCount(r.n) },
      { header: 'share', align: 'right', value: (r) => formatRate(r.share) },
    ]),
    '',
    renderTable(shareRows(byAssignee), [
      { header: 'assignee', value: (r) => r.name },
      { header: 'leads', align: 'right', value: (r) => formatCount(r.n) },
      { header: 'share', align: 'right', value: (r) => formatRate(r.share) },
    ]),
  ];
  for (const d of decisions.slice(0, limit)) {
    lines.push('', `${d.leadId} → ${d.result.assignee.type === 'queue' ? 'queue ' : ''}${d.result.assignee.id}`);
    for (const t of d.result.trace) lines.push(`    ${t.message}`);
  }
  const lint = lintRouting(agreement);
  if (lint.length > 0)
    lines.push(
      '',
      'Routing configuration:',
      ...lint.map((f) => `  ${f.severity === 'error' ? '✗' : '!'} ${f.message}`),
    );
  io.stdout.write(`${lines.join('\n')}\n`);
  return EXIT.ok;
}

function tally(values: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const v of values) counts[v] = (counts[v] ?? 0) + 1;
  return counts;
}
