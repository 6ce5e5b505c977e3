// Records whose every CRM-provided string is an injection attempt: the security page renders each
// widget over them in real Chromium, under a strict Content-Security-Policy.
import {
  type Agreement,
  defaultAgreement,
  type GenerateSampleResult,
  generateSample,
  type Lead,
  sampleAccountPlays,
  sampleIcp,
  sampleWinLoss,
} from '@accord/core';

/** What an attacker would type into a CRM field. None of it may execute or become markup. */
export const HOSTILE = {
  img: '<img src=x onerror="window.__pwned=1">',
  script: '<script>window.__pwned=2</script>',
  svg: '<svg onload="window.__pwned=3"></svg>',
  link: 'javascript:window.__pwned=4',
  style: '<style>body{display:none}</style>',
  rtl: '\u202Eevil\u202C',
} as const;

const values = Object.values(HOSTILE);

/** The seeded sample with every company, owner, source, segment, campaign and channel replaced by hostile text. */
export function hostileSample(leads = 300): GenerateSampleResult & { agreement: typeof defaultAgreement } {
  const sample = generateSample({ leads, seed: 7 });
  const pick = (i: number) => values[i % values.length] as string;
  const hostileLeads: Lead[] = sample.leads.map((lead, i) => ({
    ...lead,
    company: `${pick(i)} Corp`,
    ...(lead.ownerId === undefined ? {} : { ownerId: pick(i + 3) }),
    ...(lead.source === undefined ? {} : { source: pick(i % 3) }),
    ...(lead.campaignId === undefined ? {} : { campaignId: pick(i + 4) }),
    ...(lead.segment === undefined ? {} : { segment: pick(i + 5) }),
  }));
  const touchpoints = sample.touchpoints.map((t, i) => ({ ...t, channel: pick(i), campaignId: pick(i + 1) }));
  // Deals: hostile sources and segments, every lost deal with a hostile "other" reason detail and theme-less.
  const opportunities = sample.opportunities.map((o, i) => ({
    ...o,
    source: pick(i),
    segment: pick(i + 2),
    ...(o.won === false && o.closedAt ? { loss: { reasonId: 'other', detail: pick(i + 1) } } : {}),
  }));
  return { ...sample, leads: hostileLeads, touchpoints, opportunities, agreement: defaultAgreement };
}

/**
 * The default agreement with the sample ICP, account plays and win/loss catalog, every label of which
 * (criteria, signals, roles, requirements, loss reasons, themes) is hostile text.
 */
export function hostilePlaysAgreement(): Agreement {
  const pick = (i: number) => values[i % values.length] as string;
  return {
    ...defaultAgreement,
    icp: { ...sampleIcp.icp, criteria: sampleIcp.icp.criteria.map((c, i) => ({ ...c, label: pick(i) })) },
    intent: { ...sampleIcp.intent, signals: sampleIcp.intent.signals.map((s, i) => ({ ...s, label: pick(i + 1) })) },
    targetAccounts: sampleAccountPlays.targetAccounts,
    buyingCommittee: {
      roles: sampleAccountPlays.buyingCommittee.roles.map((r, i) => ({ ...r, label: pick(i + 2) })),
      requirements: sampleAccountPlays.buyingCommittee.requirements.map((r, i) => ({ ...r, label: pick(i + 3) })),
    },
    winLoss: {
      ...sampleWinLoss.winLoss,
      lossReasons: sampleWinLoss.winLoss.lossReasons.map((r, i) => ({ ...r, label: pick(i + 4) })),
      themes: (sampleWinLoss.winLoss.themes ?? []).map((t, i) => ({ ...t, label: pick(i + 5) })),
    },
  };
}
