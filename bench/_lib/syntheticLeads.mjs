// Seeded synthetic leads for benchmarks: the default agreement's funnel, fast to generate at 1M
// (instants as epoch ms numbers, which the canonical records accept). Not the product's sample
// generator (generateSample), which models much more and takes ~90 µs per lead.

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** mulberry32: a small seeded PRNG, enough for benchmark data. */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const SOURCES = [
  'paid_search',
  'organic_search',
  'social',
  'email',
  'events',
  'referral',
  'partner',
  'webinar',
  'direct',
];
export const SEGMENTS = ['smb', 'mid_market', 'enterprise'];
const REASONS = ['no_icp_fit', 'bad_contact_data', 'no_timing', 'no_budget', 'duplicate', 'student_job_seeker'];

/**
 * `n` leads from 2025-01-01 over 540 days, 200 owners. Returns plain canonical leads.
 * Every stage date is at or after the previous one; about 0.2 % have a first touch before their MQL.
 */
export function syntheticLeads(n, seed = 42) {
  const r = prng(seed);
  const start = Date.UTC(2025, 0, 1);
  const leads = new Array(n);
  for (let i = 0; i < n; i++) {
    const created = start + Math.floor(r() * 540 * DAY);
    const source = SOURCES[Math.floor(r() * SOURCES.length)];
    const segment = SEGMENTS[Math.floor(r() * SEGMENTS.length)];
    const lead = {
      id: `L${i}`,
      createdAt: created,
      source,
      segment,
      ownerId: `rep_${String(Math.floor(r() * 200)).padStart(3, '0')}`,
      email: `p${i}@example.com`,
      stageDates: { inquiry: created },
    };
    let t = created;
    const step = (p, mean) => {
      if (r() >= p) return false;
      t += Math.floor(-Math.log(1 - r()) * mean);
      return true;
    };
    if (step(0.35, 3 * DAY)) {
      lead.stageDates.mql = t;
      const mql = t;
      if (r() < 0.92) lead.firstTouchAt = r() < 0.002 ? mql - HOUR : mql + Math.floor(-Math.log(1 - r()) * 12 * HOUR);
      if (step(0.62, 1 * DAY)) {
        lead.stageDates.sal = t;
        if (step(0.45, 7 * DAY)) {
          lead.stageDates.sql = t;
          if (step(0.55, 10 * DAY)) {
            lead.stageDates.opportunity = t;
            lead.amount = (5_000 + Math.floor(r() * 150_000)) * 100;
            lead.currency = 'USD';
            if (step(0.7, 40 * DAY)) {
              if (r() < 0.3) lead.stageDates.closed_won = t;
              else lead.stageDates.closed_lost = t;
            }
          }
        } else if (r() < 0.5) lead.disposition = { reasonId: REASONS[Math.floor(r() * REASONS.length)], at: t + HOUR };
      } else if (r() < 0.6)
        lead.disposition = { reasonId: REASONS[Math.floor(r() * REASONS.length)], at: mql + 2 * DAY };
    }
    leads[i] = lead;
  }
  return leads;
}
