import { generateSample, type Lead } from '@accord/core';

const SAMPLE = generateSample({ leads: 500, seed: 10 }).leads;

/**
 * Fresh webhook leads from the seeded sample: the sample's people, companies, sources and regions, with
 * new ids (`<prefix>-<n>`), created ten minutes before `now` and made MQLs five minutes later, so
 * their sales SLA clocks start. No owner: the service routes them.
 */
export function webhookLeads(count: number, options: { now: number; prefix: string; from?: number }): Lead[] {
  const out: Lead[] = [];
  const created = new Date(options.now - 10 * 60_000).toISOString();
  const mql = new Date(options.now - 5 * 60_000).toISOString();
  for (let i = 0; i < count; i++) {
    const n = (options.from ?? 0) + i;
    const { ownerId, disposition, firstTouchAt, stageDates, ...rest } = SAMPLE[n % SAMPLE.length] as Lead;
    out.push({ ...rest, id: `${options.prefix}-${n}`, createdAt: created, stageDates: { inquiry: created, mql } });
  }
  return out;
}

/** A lead the lead standard takes: a company domain, every required field. */
export function goodLead(id: string, now: number): Lead {
  const at = new Date(now - 60_000).toISOString();
  return {
    id,
    createdAt: at,
    email: 'kim.lee@northwind.example',
    company: 'Northwind',
    country: 'US',
    region: 'na',
    segment: 'enterprise',
    source: 'webinar',
    stageDates: { inquiry: at, mql: at },
  };
}
