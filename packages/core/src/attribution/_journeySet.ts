import { toEpochMs } from '../_lib/instant';
import type { RawIssue } from '../errors/errors.types';
import type { Journey, PathRow } from './attribution.types';

/**
 * Journeys in columnar form: touches flattened into typed arrays (channel and campaign codes, times),
 * one offset per journey, outcomes per journey. Built once per input array and reused across models.
 */
export interface JourneySet {
  n: number;
  channels: string[];
  campaigns: string[];
  offsets: Int32Array;
  touch: Uint16Array;
  /** Campaign code per touch, −1 for none; null when no touch has a campaign. */
  campaign: Int32Array | null;
  /** Touch times (NaN when unknown); null when no touch has a time. */
  at: Float64Array | null;
  conversions: Float64Array;
  value: Float64Array;
  nulls: Float64Array;
  /** Conversion time per journey (NaN when unknown); null when none has one. */
  convertedAt: Float64Array | null;
  /** Index (within the journey) of the touch that created the lead / opened the opportunity; −1 unknown. */
  leadMoment: Int32Array | null;
  opportunityMoment: Int32Array | null;
  ids: (string | undefined)[] | null;
  /** Input position of each accepted journey. */
  positions: Int32Array;
  issues: RawIssue[];
  touches: number;
  totalConversions: number;
  totalValue: number;
  /** Whether any journey carries non-conversions. */
  anyNulls: boolean;
}

const MAX_CHANNELS = 65_535;

function isPathRow(x: Journey | PathRow): x is PathRow {
  return 'path' in x;
}

const bad = (v: unknown) => typeof v !== 'number' || !Number.isFinite(v);

/** Builds the columnar set from journeys or path rows; rows that cannot be credited are reported and left out. */
export function buildJourneySet(input: readonly (Journey | PathRow)[], kind: 'journeys' | 'paths'): JourneySet {
  const issues: RawIssue[] = [];
  const channelIndex = new Map<string, number>();
  const channels: string[] = [];
  const campaignIndex = new Map<string, number>();
  const campaigns: string[] = [];
  const code = (channel: string): number => {
    let c = channelIndex.get(channel);
    if (c === undefined) {
      c = channels.length;
      if (c >= MAX_CHANNELS) throw new RangeError(`more than ${MAX_CHANNELS} channels`);
      channels.push(channel);
      channelIndex.set(channel, c);
    }
    return c;
  };
  const touchCodes: number[] = [];
  const touchCampaigns: number[] = [];
  const touchTimes: number[] = [];
  const offsets: number[] = [0];
  const conv: number[] = [];
  const val: number[] = [];
  const nul: number[] = [];
  const convAt: number[] = [];
  const leadMoment: number[] = [];
  const oppMoment: number[] = [];
  const ids: (string | undefined)[] = [];
  const positions: number[] = [];
  let anyCampaign = false;
  let anyTime = false;
  let anyConvAt = false;
  let anyMoment = false;

  input.forEach((row, i) => {
    const path: (string | number)[] = [kind, i];
    const conversions = isPathRow(row) ? row.conversions : (row.conversions ?? 0);
    const value = row.value ?? 0;
    const nulls = isPathRow(row) ? (row.nulls ?? 0) : (row.nulls ?? (conversions === 0 ? 1 : 0));
    for (const [field, v] of [
      ['conversions', conversions],
      ['value', value],
      ['nulls', nulls],
    ] as const) {
      if (bad(v)) {
        issues.push({ code: 'invalid_type', path: [...path, field], expected: 'finite number', received: String(v) });
        return;
      }
      if (v < 0) {
        issues.push({ code: 'too_small', path: [...path, field], minimum: 0, inclusive: true, origin: 'number' });
        return;
      }
    }
    let names: { channel: string; campaignId?: string | undefined; at: number }[];
    let convertedAt = Number.NaN;
    if (isPathRow(row)) {
      const list = typeof row.path === 'string' ? row.path.split('>') : row.path;
      names = [];
      for (const raw of list) {
        const channel = String(raw).trim();
        if (channel === '') continue;
        names.push({ channel, at: Number.NaN });
      }
    } else {
      convertedAt = row.convertedAt === undefined ? Number.NaN : toEpochMs(row.convertedAt);
      names = [];
      row.touches.forEach((t, k) => {
        const at = t.at === undefined ? Number.NaN : toEpochMs(t.at);
        const channel = typeof t.channel === 'string' ? t.channel.trim() : '';
        if (channel === '') {
          issues.push({
            code: 'invalid_type',
            path: [...path, 'touches', k, 'channel'],
            expected: 'channel name',
            received: String(t.channel),
          });
          return;
        }
        if (at > convertedAt) {
          issues.push({
            code: 'touch_after_conversion',
            path: [...path, 'touches', k, 'at'],
            channel,
            touchAt: new Date(at).toISOString(),
            conversionAt: new Date(convertedAt).toISOString(),
          });
          return;
        }
        names.push({ channel, campaignId: t.campaignId, at });
      });
    }
    if (names.length === 0) {
      issues.push({ code: 'empty_path', path: [...path, isPathRow(row) ? 'path' : 'touches'] });
      return;
    }
    for (const t of names) {
      touchCodes.push(code(t.channel));
      let campaign = -1;
      if (t.campaignId !== undefined && t.campaignId !== '') {
        anyCampaign = true;
        campaign = campaignIndex.get(t.campaignId) ?? -1;
        if (campaign < 0) {
          campaign = campaigns.length;
          campaigns.push(t.campaignId);
          campaignIndex.set(t.campaignId, campaign);
        }
      }
      touchCampaigns.push(campaign);
      if (!Number.isNaN(t.at)) anyTime = true;
      touchTimes.push(t.at);
    }
    offsets.push(touchCodes.length);
    conv.push(conversions);
    val.push(value);
    nul.push(nulls);
    if (!Number.isNaN(convertedAt)) anyConvAt = true;
    convAt.push(convertedAt);
    if (!isPathRow(row)) {
      const moment = (when: unknown): number => {
        if (when === undefined) return -1;
        const t = toEpochMs(when);
        let found = -1;
        names.forEach((touch, k) => {
          if (touch.at <= t) found = k;
        });
        return found;
      };
      const lead = moment(row.leadCreatedAt);
      const opp = moment(row.opportunityCreatedAt);
      if (lead >= 0 || opp >= 0) anyMoment = true;
      leadMoment.push(lead);
      oppMoment.push(opp);
      ids.push(row.id);
    } else {
      leadMoment.push(-1);
      oppMoment.push(-1);
    }
    positions.push(i);
  });

  let totalConversions = 0;
  let totalValue = 0;
  for (let j = 0; j < conv.length; j++) {
    totalConversions += conv[j] as number;
    totalValue += val[j] as number;
  }
  return {
    n: conv.length,
    channels,
    campaigns,
    offsets: Int32Array.from(offsets),
    touch: Uint16Array.from(touchCodes),
    campaign: anyCampaign ? Int32Array.from(touchCampaigns) : null,
    at: anyTime ? Float64Array.from(touchTimes) : null,
    conversions: Float64Array.from(conv),
    value: Float64Array.from(val),
    nulls: Float64Array.from(nul),
    convertedAt: anyConvAt ? Float64Array.from(convAt) : null,
    leadMoment: anyMoment ? Int32Array.from(leadMoment) : null,
    opportunityMoment: anyMoment ? Int32Array.from(oppMoment) : null,
    ids: kind === 'journeys' ? ids : null,
    positions: Int32Array.from(positions),
    issues,
    touches: touchCodes.length,
    totalConversions,
    totalValue,
    anyNulls: nul.some((x) => x > 0),
  };
}
