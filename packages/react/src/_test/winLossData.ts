import { createMemoryAdapter } from '@accord/adapters';
import { defaultAgreement, type Lead, type Opportunity, parseAgreement, sampleIcp, sampleWinLoss } from '@accord/core';
import type { AccordAdapter } from '../provider/adapter.types';

/** The default agreement with the sample win/loss catalog and ICP. */
export const winLossAgreement = parseAgreement({ ...defaultAgreement, ...sampleIcp, ...sampleWinLoss });

const DAY = 86_400_000;
const BASE = Date.parse('2026-01-05T10:00:00Z');

interface Batch {
  source: string;
  segment: string;
  won: number;
  /** Lost deals by reason id. */
  lost: Record<string, number>;
  /** Cycle days of won and lost deals. */
  cycle: [number, number];
  themes?: string[];
}

/**
 * Closed deals in known numbers: `webinar` 30 closed (12 won; lost: 6 no decision, 6 competitor,
 * 6 price), `events` 5 closed (2 won, 3 no decision) — fewer than 20 — and two open deals.
 */
export const BATCHES: readonly Batch[] = [
  {
    source: 'webinar',
    segment: 'mid_market',
    won: 12,
    lost: { no_decision: 6, competitor: 6, price: 6 },
    cycle: [30, 60],
    themes: ['integration', 'security_review'],
  },
  {
    source: 'events',
    segment: 'enterprise',
    won: 2,
    lost: { no_decision: 3 },
    cycle: [40, 80],
    themes: ['integration'],
  },
];

export function winLossOpportunities(source = BATCHES): Opportunity[] {
  const out: Opportunity[] = [];
  let n = 0;
  for (const batch of source) {
    const add = (won: boolean, reasonId?: string) => {
      n++;
      const created = BASE + n * DAY;
      const days = won ? batch.cycle[0] : batch.cycle[1];
      out.push({
        id: `O${String(n).padStart(3, '0')}`,
        leadIds: [`L${String(n).padStart(3, '0')}`],
        createdAt: new Date(created).toISOString(),
        closedAt: new Date(created + days * DAY).toISOString(),
        stage: won ? 'closed_won' : 'closed_lost',
        won,
        amount: 100_000,
        currency: 'USD',
        source: batch.source,
        segment: batch.segment,
        ...(reasonId ? { loss: { reasonId, ...(reasonId === 'competitor' ? { detail: 'Pipewise' } : {}) } } : {}),
        ...(batch.themes && n % 2 === 0 ? { themes: batch.themes } : {}),
      });
    };
    for (let i = 0; i < batch.won; i++) add(true);
    for (const [reasonId, count] of Object.entries(batch.lost)) for (let i = 0; i < count; i++) add(false, reasonId);
  }
  out.push({
    id: 'O_open1',
    createdAt: new Date(BASE).toISOString(),
    stage: 'opportunity',
    amount: 5_000,
    currency: 'USD',
    source: 'webinar',
  });
  return out;
}

export function winLossLeads(opportunities: readonly Opportunity[]): Lead[] {
  return opportunities.flatMap((o) =>
    (o.leadIds ?? []).map((id) => ({
      id,
      createdAt: o.createdAt,
      country: 'US',
      attributes: { industry: 'saas', employees: o.segment === 'enterprise' ? 5000 : 120 },
    })),
  );
}

/** A memory adapter over the known deals. */
export function winLossAdapter(opportunities = winLossOpportunities(), name = 'winloss'): AccordAdapter {
  return createMemoryAdapter(
    { opportunities, leads: winLossLeads(opportunities) },
    { agreement: defaultAgreement, name },
  ) as AccordAdapter;
}
