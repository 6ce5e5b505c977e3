import { defineAgreement } from './defineAgreement';

const weekdays = (hours: readonly (readonly [string, string])[]) =>
  ({ mon: hours, tue: hours, wed: hours, thu: hours, fri: hours }) as const;

/** Personal mail providers; leads from them fail marketing's lead standard. */
const PERSONAL_MAIL =
  '@(gmail|googlemail|yahoo|ymail|hotmail|outlook|live|msn|aol|icloud|me|mac|proton|protonmail|gmx|mail|yandex|zoho|qq|163)\\.[a-z.]+$';

/**
 * @name defaultAgreement
 * @category Agreement
 * @summary A complete, working operating agreement that follows the playbook — start from it.
 *
 * @description
 * Funnel Inquiry → MQL → SAL → SQL → Opportunity → Closed won / Closed lost, plus Recycled and
 * Disqualified; measurable entry criteria (ICP fit and engagement, or a demo request, for MQL;
 * an owner for SAL; meeting held and budget known for SQL); marketing's lead standard (required
 * fields, suppression of personal e-mail, students, competitors and customers); two-way SLAs — a
 * demo request is touched within 1 business hour, any MQL within 1 business day, accepted or
 * rejected within 2 business days, with at least 4 touches in 10 business days; marketing hands over
 * only leads that meet the standard and keeps MQL → SAL acceptance at 60 % or more; eight reject
 * reasons mapped to actions; routing by account, enterprise size and region with weighted pools;
 * Mon–Fri 09:00–17:00 calendars for New York, London and Sydney (sales clocks run on the owner's);
 * targets; W-shaped attribution.
 *
 * @example
 * const agreement = parseAgreement({ ...defaultAgreement, id: 'acme', version: '2026.1' })
 */
export const defaultAgreement = defineAgreement({
  id: 'accord-default',
  name: 'Accord default operating agreement',
  version: '1.0.0',
  effectiveFrom: '2026-01-01',
  timezone: 'America/New_York',
  currency: 'USD',
  stages: [
    {
      id: 'inquiry',
      label: 'Inquiry',
      owner: 'marketing',
      description: 'A known person who raised a hand: filled a form, signed up, or was met at an event.',
      entry: { field: 'email', op: 'exists', label: 'Has an e-mail address' },
    },
    {
      id: 'mql',
      label: 'MQL',
      owner: 'marketing',
      description: 'Marketing qualified: asked for a demo, or fits the ICP and is engaged.',
      entry: {
        any: [
          { field: 'attributes.demoRequested', op: 'eq', value: true, label: 'Requested a demo' },
          {
            all: [
              { field: 'attributes.employees', op: 'gte', value: 20, label: 'ICP: 20 or more employees' },
              { field: 'attributes.engagementScore', op: 'gte', value: 40, label: 'Engagement score of 40 or more' },
            ],
            label: 'Fits the ICP and is engaged',
          },
        ],
        label: 'Demo request, or ICP fit and engaged',
      },
    },
    {
      id: 'sal',
      label: 'SAL',
      owner: 'sales',
      description: 'Sales accepted: a rep owns the lead and has agreed to work it.',
      entry: { field: 'ownerId', op: 'exists', label: 'Has an owner' },
    },
    {
      id: 'sql',
      label: 'SQL',
      owner: 'sales',
      description: 'Sales qualified: a discovery meeting was held and budget is known.',
      entry: {
        all: [
          { field: 'attributes.meetingHeld', op: 'eq', value: true, label: 'Discovery meeting held' },
          { field: 'attributes.budgetKnown', op: 'eq', value: true, label: 'Budget known' },
        ],
      },
    },
    {
      id: 'opportunity',
      label: 'Opportunity',
      owner: 'sales',
      description: 'A sales opportunity with an expected amount (some teams call it SAO).',
      entry: { field: 'amount', op: 'gt', value: 0, label: 'Has an expected amount' },
    },
    { id: 'closed_won', label: 'Closed won', owner: 'sales', kind: 'won' },
    { id: 'closed_lost', label: 'Closed lost', owner: 'sales', kind: 'lost' },
    {
      id: 'recycled',
      label: 'Recycled',
      owner: 'marketing',
      kind: 'recycled',
      description: 'Back to marketing for nurture; the lead may re-enter as a new cycle.',
    },
    {
      id: 'disqualified',
      label: 'Disqualified',
      owner: 'marketing',
      kind: 'disqualified',
      description: 'Not a prospect: suppressed from routing and from marketing-sourced metrics.',
    },
  ],
  transitions: { backward: 'recycle', allowSkip: false, recycleTo: 'recycled', reentryTo: ['inquiry', 'mql'] },
  leadStandard: {
    requiredFields: ['email', 'company', 'country', 'source'],
    suppress: [
      {
        id: 'personal_email',
        label: 'Personal e-mail domain',
        when: { field: 'email', op: 'matches', value: PERSONAL_MAIL, flags: 'i' },
      },
      {
        id: 'student_job_seeker',
        label: 'Student or job seeker',
        when: {
          field: 'attributes.jobTitle',
          op: 'matches',
          value: '\\b(student|intern|job seeker|looking for work|graduate)\\b',
          flags: 'i',
        },
      },
      {
        id: 'competitor',
        label: 'Competitor',
        when: { field: 'attributes.isCompetitor', op: 'eq', value: true },
      },
      {
        id: 'existing_customer',
        label: 'Existing customer (belongs to account management)',
        when: { field: 'attributes.isCustomer', op: 'eq', value: true },
      },
    ],
  },
  calendars: {
    us_business: {
      label: 'US business hours (New York)',
      timezone: 'America/New_York',
      week: weekdays([['09:00', '17:00']]),
      holidays: [
        '2026-01-01',
        '2026-01-19',
        '2026-02-16',
        '2026-05-25',
        '2026-07-03',
        '2026-09-07',
        '2026-11-26',
        '2026-12-25',
        '2027-01-01',
        '2027-01-18',
        '2027-02-15',
        '2027-05-31',
        '2027-07-05',
        '2027-09-06',
        '2027-11-25',
        { date: '2027-12-24', label: 'Christmas Eve (half day)', hours: [['09:00', '13:00']] },
      ],
    },
    emea_business: {
      label: 'EMEA business hours (London)',
      timezone: 'Europe/London',
      week: weekdays([['09:00', '17:00']]),
      holidays: [
        '2026-01-01',
        '2026-04-03',
        '2026-04-06',
        '2026-05-04',
        '2026-05-25',
        '2026-08-31',
        '2026-12-25',
        '2026-12-28',
        '2027-01-01',
        '2027-03-26',
        '2027-03-29',
        '2027-05-03',
        '2027-05-31',
        '2027-08-30',
        '2027-12-27',
        '2027-12-28',
      ],
    },
    apac_business: {
      label: 'APAC business hours (Sydney)',
      timezone: 'Australia/Sydney',
      week: weekdays([['09:00', '17:00']]),
      holidays: [
        '2026-01-01',
        '2026-01-26',
        '2026-04-03',
        '2026-04-06',
        '2026-04-27',
        '2026-06-08',
        '2026-10-05',
        '2026-12-25',
        '2026-12-28',
        '2027-01-01',
        '2027-01-26',
        '2027-03-26',
        '2027-03-29',
        '2027-04-26',
        '2027-06-14',
        '2027-10-04',
        '2027-12-27',
        '2027-12-28',
      ],
    },
  },
  slas: [
    {
      id: 'demo_request_first_touch',
      kind: 'first_touch',
      label: 'Demo requests: first touch within 1 business hour',
      side: 'sales',
      appliesTo: { field: 'attributes.demoRequested', op: 'eq', value: true },
      priority: 10,
      calendar: 'us_business',
      calendarFrom: 'owner',
      start: { stage: 'mql' },
      target: { minutes: 60, clock: 'business' },
      warnAt: 0.5,
      escalate: [
        { afterMinutes: 0, action: 'notify_owner' },
        { afterMinutes: 60, action: 'notify_manager' },
        { afterMinutes: 240, action: 'reroute' },
      ],
    },
    {
      id: 'mql_first_touch',
      kind: 'first_touch',
      label: 'MQLs: first touch within 1 business day',
      side: 'sales',
      priority: 20,
      calendar: 'us_business',
      calendarFrom: 'owner',
      start: { stage: 'mql' },
      target: { minutes: 480, clock: 'business' },
      warnAt: 0.75,
      escalate: [
        { afterMinutes: 0, action: 'notify_owner' },
        { afterMinutes: 240, action: 'notify_manager' },
        { afterMinutes: 480, action: 'reroute' },
      ],
    },
    {
      id: 'mql_disposition',
      kind: 'disposition',
      label: 'MQLs: accepted or rejected with a reason within 2 business days',
      side: 'sales',
      calendar: 'us_business',
      calendarFrom: 'owner',
      start: { stage: 'mql' },
      target: { minutes: 960, clock: 'business' },
      warnAt: 0.75,
      escalate: [{ afterMinutes: 0, action: 'notify_manager' }],
    },
    {
      id: 'mql_touches',
      kind: 'touches',
      label: 'MQLs: at least 4 touches within 10 business days',
      side: 'sales',
      calendar: 'us_business',
      calendarFrom: 'owner',
      start: { stage: 'mql' },
      target: { minutes: 4800, clock: 'business' },
      minTouches: 4,
    },
    {
      id: 'lead_standard_at_handoff',
      kind: 'lead_standard',
      label: 'Every MQL meets the lead standard at handoff',
      side: 'marketing',
      at: { stage: 'mql' },
    },
    {
      id: 'mql_acceptance_floor',
      kind: 'acceptance_rate',
      label: 'At least 60 % of MQLs are accepted by sales each month',
      side: 'marketing',
      from: 'mql',
      to: 'sal',
      min: 0.6,
      period: 'month',
    },
  ],
  dispositions: [
    {
      id: 'no_icp_fit',
      label: 'No ICP fit',
      description: 'Company size, industry or country outside the ideal customer profile.',
      action: 'disqualify',
      appliesIn: ['mql', 'sal'],
      toStage: 'disqualified',
    },
    {
      id: 'bad_contact_data',
      label: 'Bad contact data',
      description: 'E-mail bounces or phone is wrong; marketing enriches and sends it back.',
      action: 'enrich',
      appliesIn: ['mql', 'sal'],
      toStage: 'recycled',
    },
    {
      id: 'no_timing',
      label: 'No timing',
      description: 'Interested, but not now.',
      action: 'recycle',
      appliesIn: ['mql', 'sal', 'sql'],
      toStage: 'recycled',
      detail: { kind: 'date', label: 'Recycle when?', required: true },
    },
    {
      id: 'no_budget',
      label: 'No budget',
      action: 'nurture',
      appliesIn: ['mql', 'sal', 'sql'],
      toStage: 'recycled',
    },
    {
      id: 'competitor',
      label: 'Competitor',
      description: 'Works for a competitor, or is locked in with one.',
      action: 'suppress',
      appliesIn: ['mql', 'sal', 'sql'],
      toStage: 'disqualified',
      detail: { kind: 'text', label: 'Which competitor?', required: true },
    },
    {
      id: 'duplicate',
      label: 'Duplicate',
      action: 'suppress',
      appliesIn: ['mql', 'sal'],
      toStage: 'disqualified',
      detail: { kind: 'text', label: 'Duplicate of (lead id)', required: false },
    },
    {
      id: 'student_job_seeker',
      label: 'Student or job seeker',
      action: 'suppress',
      appliesIn: ['mql', 'sal'],
      toStage: 'disqualified',
    },
    {
      id: 'in_open_deal',
      label: 'Already in an open deal',
      description: 'Belongs to an opportunity in progress: route to its owner.',
      action: 'reroute',
      appliesIn: ['mql', 'sal'],
      detail: { kind: 'text', label: 'Opportunity id', required: false },
    },
  ],
  routing: {
    rules: [
      { id: 'account_owner', label: 'Known account → account owner', assign: { accountOwner: true } },
      {
        id: 'enterprise',
        label: 'Enterprise (1,000+ employees) → enterprise team',
        when: { field: 'attributes.employees', op: 'gte', value: 1000 },
        assign: { pool: 'enterprise' },
      },
      { id: 'territory', label: 'Region territory', assign: { territory: true } },
      { id: 'catch_all', label: 'Everything else → SDR queue', assign: { queue: 'sdr_queue' } },
    ],
    territories: [
      { id: 'north_america', regions: ['na'], pool: 'na_sales' },
      { id: 'latin_america', regions: ['latam'], pool: 'na_sales' },
      { id: 'emea', regions: ['emea'], pool: 'emea_sales' },
      { id: 'apac', regions: ['apac'], pool: 'apac_sales' },
    ],
    pools: [
      {
        id: 'na_sales',
        afterHours: 'next_shift',
        label: 'North America',
        managerId: 'mgr_olivia',
        members: [
          { userId: 'rep_ava', weight: 2, calendar: 'us_business', capPerDay: 40 },
          { userId: 'rep_ben', weight: 1, calendar: 'us_business', capPerDay: 30 },
          { userId: 'rep_chloe', weight: 1, calendar: 'us_business', capPerDay: 30 },
        ],
      },
      {
        id: 'emea_sales',
        afterHours: 'next_shift',
        label: 'EMEA',
        managerId: 'mgr_lukas',
        members: [
          { userId: 'rep_dara', weight: 1, calendar: 'emea_business', capPerDay: 35 },
          { userId: 'rep_emil', weight: 1, calendar: 'emea_business', capPerDay: 35 },
        ],
      },
      {
        id: 'apac_sales',
        afterHours: 'next_shift',
        label: 'APAC',
        managerId: 'mgr_mei',
        members: [{ userId: 'rep_farah', weight: 1, calendar: 'apac_business', capPerDay: 40 }],
      },
      {
        id: 'enterprise',
        afterHours: 'next_shift',
        label: 'Enterprise',
        managerId: 'mgr_olivia',
        members: [
          { userId: 'ae_grace', weight: 1, calendar: 'us_business', capPerWeek: 40 },
          { userId: 'ae_hiro', weight: 1, calendar: 'us_business', capPerWeek: 40 },
        ],
      },
    ],
    fallbackQueue: 'sdr_queue',
  },
  metrics: [
    {
      id: 'mql_to_opportunity_90d',
      label: 'MQL → Opportunity within 90 days',
      description: 'Share of MQLs that became an opportunity within 90 days of becoming an MQL.',
      owner: 'shared',
      unit: 'ratio',
      direction: 'higher',
      view: 'cohort',
      kind: 'conversion',
      from: 'mql',
      to: 'opportunity',
      windowDays: 90,
    },
  ],
  targets: {
    'conversion.mql.sal': { min: 0.6 },
    'conversion.sal.sql': { min: 0.45 },
    'conversion.sql.opportunity': { min: 0.5 },
    'conversion.opportunity.closed_won': { min: 0.25 },
    'sla.mql_first_touch.breach_rate': { max: 0.1 },
    'sla.demo_request_first_touch.breach_rate': { max: 0.05 },
    mql_to_opportunity_90d: { min: 0.15 },
  },
  attribution: { model: 'w_shaped', lookbackDays: 90, halfLifeDays: 7 },
});
