import type { EntityKind, PathSegment, RawIssue } from '../errors/errors.types';
import { fieldRules, SCORE_FIELDS, type ScoreField, stageRules } from '../icp/_scoreFields';
import { isBuiltInMetricId } from '../metrics/isBuiltInMetricId';
import { checkCalendar } from '../sla/_checkCalendar';
import type { Agreement, MetricExpression } from './agreement.types';

/**
 * Cross-field checks on a structurally valid agreement: duplicate ids, references to stages,
 * calendars and pools that do not exist, an empty funnel, a recycle policy without a recycle stage,
 * business-clock SLAs without a calendar, calendars that are neither weekly nor 24/7, unknown metrics.
 */
export function checkAgreement(a: Agreement): RawIssue[] {
  const issues: RawIssue[] = [];
  const stageIds = a.stages.map((s) => s.id);
  const stageSet = new Set(stageIds);
  const calendarIds = Object.keys(a.calendars ?? {});
  const calendarSet = new Set(calendarIds);
  const poolIds = (a.routing?.pools ?? []).map((p) => p.id);
  const poolSet = new Set(poolIds);

  const unique = (kind: EntityKind, items: readonly { id: string }[], base: PathSegment[], key = 'id') => {
    const first = new Map<string, number>();
    items.forEach((item, i) => {
      const seen = first.get(item.id);
      if (seen === undefined) first.set(item.id, i);
      else
        issues.push({
          code: 'duplicate_id',
          path: [...base, i, key],
          kind,
          id: item.id,
          firstPath: [...base, seen, key],
        });
    });
  };
  const stage = (id: string, path: PathSegment[]) => {
    if (!stageSet.has(id)) issues.push({ code: 'unknown_stage', path, stageId: id, known: stageIds });
  };
  const calendar = (id: string, path: PathSegment[]) => {
    if (!calendarSet.has(id)) issues.push({ code: 'unknown_calendar', path, calendarId: id, known: calendarIds });
  };
  const pool = (id: string, path: PathSegment[]) => {
    if (!poolSet.has(id)) issues.push({ code: 'unknown_pool', path, poolId: id, known: poolIds });
  };

  // Stages and transitions.
  if (!a.stages.some((s) => (s.kind ?? 'open') === 'open')) issues.push({ code: 'empty_funnel', path: ['stages'] });
  unique('stage', a.stages, ['stages']);
  const recycleStages = a.stages.filter((s) => s.kind === 'recycled');
  if (a.transitions.recycleTo !== undefined) {
    const target = a.stages.find((s) => s.id === a.transitions.recycleTo);
    if (!target) stage(a.transitions.recycleTo, ['transitions', 'recycleTo']);
    else if (target.kind !== 'recycled')
      issues.push({ code: 'not_a_recycle_stage', path: ['transitions', 'recycleTo'], stageId: target.id });
  } else if (a.transitions.backward === 'recycle' && recycleStages.length === 0) {
    issues.push({ code: 'missing_recycle_stage', path: ['transitions', 'backward'] });
  }
  for (const [i, id] of (a.transitions.reentryTo ?? []).entries()) stage(id, ['transitions', 'reentryTo', i]);

  // Lead standard.
  if (a.leadStandard) unique('suppression', a.leadStandard.suppress, ['leadStandard', 'suppress']);

  // Calendars.
  for (const [id, cal] of Object.entries(a.calendars ?? {})) issues.push(...checkCalendar(cal, ['calendars', id]));

  // SLAs.
  const slas = a.slas ?? [];
  unique('sla', slas, ['slas']);
  slas.forEach((sla, i) => {
    const base: PathSegment[] = ['slas', i];
    if (sla.calendar !== undefined) calendar(sla.calendar, [...base, 'calendar']);
    switch (sla.kind) {
      case 'first_touch':
      case 'disposition':
      case 'touches':
        stage(sla.start.stage, [...base, 'start', 'stage']);
        if (sla.target.clock === 'business' && sla.calendar === undefined)
          issues.push({ code: 'missing_calendar', path: [...base, 'calendar'], slaId: sla.id });
        break;
      case 'lead_standard':
        stage(sla.at.stage, [...base, 'at', 'stage']);
        break;
      case 'acceptance_rate':
        stage(sla.from, [...base, 'from']);
        stage(sla.to, [...base, 'to']);
        break;
    }
  });

  // Dispositions.
  const reasons = a.dispositions ?? [];
  unique('reason', reasons, ['dispositions']);
  reasons.forEach((reason, i) => {
    for (const [j, id] of (reason.appliesIn ?? []).entries()) stage(id, ['dispositions', i, 'appliesIn', j]);
    if (reason.toStage !== undefined) stage(reason.toStage, ['dispositions', i, 'toStage']);
    if (reason.detail?.kind === 'choice' && !reason.detail.options)
      issues.push({
        code: 'invalid_type',
        path: ['dispositions', i, 'detail', 'options'],
        expected: 'array of choices',
        received: 'undefined',
      });
    if (
      (reason.action === 'recycle' || reason.action === 'nurture' || reason.action === 'enrich') &&
      reason.toStage === undefined &&
      recycleStages.length === 0
    )
      issues.push({ code: 'missing_recycle_stage', path: ['dispositions', i, 'action'] });
  });

  // Routing.
  if (a.routing) {
    const r = a.routing;
    unique('pool', r.pools, ['routing', 'pools']);
    unique('rule', r.rules, ['routing', 'rules']);
    if (r.territories) unique('territory', r.territories, ['routing', 'territories']);
    r.rules.forEach((rule, i) => {
      if ('pool' in rule.assign) pool(rule.assign.pool, ['routing', 'rules', i, 'assign', 'pool']);
    });
    for (const [i, t] of (r.territories ?? []).entries()) pool(t.pool, ['routing', 'territories', i, 'pool']);
    r.pools.forEach((p, i) => {
      unique(
        'member',
        p.members.map((m) => ({ id: m.userId })),
        ['routing', 'pools', i, 'members'],
        'userId',
      );
      p.members.forEach((m, j) => {
        if (m.calendar !== undefined) calendar(m.calendar, ['routing', 'pools', i, 'members', j, 'calendar']);
      });
    });
  }

  // Metrics and targets.
  const metrics = a.metrics ?? [];
  unique('metric', metrics, ['metrics']);
  const customIds = new Set(metrics.map((m) => m.id));
  const known = (id: string) => customIds.has(id) || isBuiltInMetricId(id, a);
  const metricRef = (id: string, path: PathSegment[]) => {
    if (!known(id)) issues.push({ code: 'unknown_metric', path, metricId: id });
  };
  const walk = (e: MetricExpression, path: PathSegment[]): void => {
    if ('metric' in e) metricRef(e.metric, [...path, 'metric']);
    else if ('op' in e) {
      walk(e.left, [...path, 'left']);
      walk(e.right, [...path, 'right']);
    }
  };
  metrics.forEach((m, i) => {
    if (isBuiltInMetricId(m.id, a))
      issues.push({
        code: 'duplicate_id',
        path: ['metrics', i, 'id'],
        kind: 'metric',
        id: m.id,
        firstPath: ['metrics', i, 'id'],
      });
    if (m.kind === 'ratio') {
      metricRef(m.numerator, ['metrics', i, 'numerator']);
      metricRef(m.denominator, ['metrics', i, 'denominator']);
    } else if (m.kind === 'derived') walk(m.expression, ['metrics', i, 'expression']);
    else if (m.kind === 'conversion') {
      stage(m.from, ['metrics', i, 'from']);
      stage(m.to, ['metrics', i, 'to']);
    }
  });
  for (const [id, target] of Object.entries(a.targets ?? {})) {
    metricRef(id, ['targets', id]);
    if (target.min !== undefined && target.max !== undefined && target.min > target.max)
      issues.push({
        code: 'too_small',
        path: ['targets', id, 'max'],
        minimum: target.min,
        inclusive: true,
        origin: 'number',
      });
  }

  if (a.attribution?.model === 'time_decay' && a.attribution.halfLifeDays === undefined)
    issues.push({
      code: 'invalid_type',
      path: ['attribution', 'halfLifeDays'],
      expected: 'positive number of days (time_decay needs a half-life)',
      received: 'undefined',
    });

  // ICP and intent.
  if (a.icp) {
    const { criteria, tiers, declaredTotal } = a.icp;
    unique('criterion', criteria, ['icp', 'criteria']);
    const order = [tiers.A, tiers.B, tiers.C];
    (['B', 'C'] as const).forEach((tier, i) => {
      const previous = order[i] as number;
      const value = tiers[tier];
      if (value >= previous) issues.push({ code: 'not_descending', path: ['icp', 'tiers', tier], previous, value });
    });
    if (declaredTotal !== undefined) {
      const received = criteria.reduce((sum, c) => sum + c.weight, 0);
      // A relative tolerance, so 0.1 + 0.2 weights still add up to a declared 0.3.
      if (Math.abs(received - declaredTotal) > 1e-9 * Math.max(1, declaredTotal))
        issues.push({ code: 'weights_mismatch', path: ['icp', 'declaredTotal'], expected: declaredTotal, received });
    }
  }
  if (a.intent) unique('signal', a.intent.signals, ['intent', 'signals']);

  // The council's decision log: unique ids, known metrics, a review on or after the decision.
  if (a.decisions) {
    unique('decision', a.decisions, ['decisions']);
    for (const [i, d] of a.decisions.entries()) {
      if (d.metric !== undefined) metricRef(d.metric, ['decisions', i, 'metric']);
      if (d.reviewOn !== undefined && d.reviewOn < d.date)
        issues.push({ code: 'invalid_interval', path: ['decisions', i, 'reviewOn'], start: d.date, end: d.reviewOn });
    }
  }

  // Stage criteria that read scores need the section that defines them.
  const scoreFields = Object.keys(SCORE_FIELDS);
  for (const { rule, path } of stageRules(a))
    for (const ref of fieldRules(rule, path)) {
      if (ref.field !== 'scores' && !ref.field.startsWith('scores.')) continue;
      const section = SCORE_FIELDS[ref.field as ScoreField] as 'icp' | 'intent' | undefined;
      if (section === undefined)
        issues.push({ code: 'unknown_score', path: ref.path, field: ref.field, known: scoreFields });
      else if (!a[section]) issues.push({ code: 'score_not_defined', path: ref.path, field: ref.field, section });
    }

  // Target accounts, the buying committee and the win/loss catalog.
  if (a.targetAccounts) {
    unique('tier', a.targetAccounts.tiers, ['targetAccounts', 'tiers']);
    for (const [i, tier] of a.targetAccounts.tiers.entries())
      if (!tier.accountIds && !tier.when)
        issues.push({
          code: 'invalid_type',
          path: ['targetAccounts', 'tiers', i],
          expected: '"accountIds", "when" or both (which accounts are in the tier?)',
          received: 'neither',
        });
  }
  if (a.buyingCommittee) {
    const { roles, requirements } = a.buyingCommittee;
    unique('role', roles, ['buyingCommittee', 'roles']);
    unique('requirement', requirements, ['buyingCommittee', 'requirements']);
    const roleIds = roles.map((r) => r.id);
    const known = new Set(roleIds);
    for (const [i, requirement] of requirements.entries()) {
      const seen = new Map<string, number>();
      for (const [j, roleId] of requirement.roles.entries()) {
        const first = seen.get(roleId);
        if (first !== undefined)
          issues.push({
            code: 'duplicate_id',
            path: ['buyingCommittee', 'requirements', i, 'roles', j],
            kind: 'role',
            id: roleId,
            firstPath: ['buyingCommittee', 'requirements', i, 'roles', first],
          });
        else seen.set(roleId, j);
      }
      for (const [j, roleId] of requirement.roles.entries())
        if (!known.has(roleId))
          issues.push({
            code: 'unknown_role',
            path: ['buyingCommittee', 'requirements', i, 'roles', j],
            roleId,
            known: roleIds,
          });
    }
  }
  if (a.winLoss) {
    unique('loss_reason', a.winLoss.lossReasons, ['winLoss', 'lossReasons']);
    unique('theme', a.winLoss.themes ?? [], ['winLoss', 'themes']);
  }

  return issues;
}
