/**
 * An instant: an ISO-8601 string with an offset (`"2026-03-02T09:30:00Z"`,
 * `"2026-03-02T04:30:00-05:00"`) or epoch milliseconds. Dates without a time are not instants.
 */
export type Instant = string | number;

/** A value of a custom attribute (CRM custom field). */
export type AttributeValue = string | number | boolean | null;

/** What a rep recorded when accepting, rejecting or recycling a lead. */
export interface LeadDisposition {
  /** The agreement's reason id (e.g. `"competitor"`). */
  reasonId: string;
  at: Instant;
  by?: string;
  /** The reason's detail (which competitor? recycle when?). */
  detail?: string;
}

/**
 * A lead or contact as Accord sees it, whatever CRM it came from.
 * `stageDates` maps a stage id to the instant the lead entered it.
 */
export interface Lead {
  id: string;
  createdAt: Instant;
  source?: string;
  campaignId?: string;
  segment?: string;
  region?: string;
  country?: string;
  ownerId?: string;
  teamId?: string;
  accountId?: string;
  email?: string;
  domain?: string;
  company?: string;
  attributes?: Record<string, AttributeValue>;
  stageDates?: Record<string, Instant>;
  firstTouchAt?: Instant;
  touches?: number;
  disposition?: LeadDisposition;
  /** Expected or won value, in minor units (cents). */
  amount?: number;
  /** ISO 4217 code of `amount`. */
  currency?: string;
}

/** A lead entering a stage (from a CRM's history, a webhook or your own app). */
export interface StageEvent {
  leadId: string;
  stage: string;
  at: Instant;
  by?: string;
  reason?: string;
}

/** A sales touch: call, e-mail, meeting… */
export interface Activity {
  id: string;
  leadId: string;
  type: string;
  at: Instant;
  by?: string;
}

/** A marketing touch, for attribution. */
export interface Touchpoint {
  id: string;
  leadId?: string;
  accountId?: string;
  opportunityId?: string;
  channel: string;
  campaignId?: string;
  at: Instant;
}

/** Why a deal was lost (the agreement's `winLoss` catalog), and the objections heard. */
export interface OpportunityLoss {
  /** The agreement's loss reason id (e.g. `"no_decision"`). */
  reasonId: string;
  /** The reason's detail (which competitor?). */
  detail?: string;
  at?: Instant;
  by?: string;
}

/** An opportunity (deal). `amount` is in minor units. */
export interface Opportunity {
  id: string;
  accountId?: string;
  leadIds?: string[];
  createdAt: Instant;
  stage: string;
  amount: number;
  currency: string;
  closedAt?: Instant;
  won?: boolean;
  source?: string;
  campaignId?: string;
  segment?: string;
  /** Why it was lost; only on lost deals (`won: false`). */
  loss?: OpportunityLoss;
  /** Objection theme ids (the agreement's `winLoss.themes`) heard on the deal, won or lost. */
  themes?: string[];
}

/** Marketing spend over a period of calendar dates (inclusive), in minor units. */
export interface Spend {
  channel?: string;
  campaignId?: string;
  periodStart: string;
  periodEnd: string;
  amount: number;
  currency?: string;
}

/** A company in the CRM, with the rep who owns it (for lead-to-account routing). */
export interface Account {
  id: string;
  name?: string;
  /** The company's website or e-mail domain (`northwind.com`). */
  domain?: string;
  ownerId?: string;
  segment?: string;
  region?: string;
  /** Firmographics and custom fields (industry, employees…), for target-tier rules. */
  attributes?: Record<string, AttributeValue>;
}

/** The canonical record kinds and their types. */
export interface RecordTypes {
  leads: Lead;
  accounts: Account;
  stageEvents: StageEvent;
  activities: Activity;
  touchpoints: Touchpoint;
  opportunities: Opportunity;
  spend: Spend;
}

/** One of `leads`, `stageEvents`, `activities`, `touchpoints`, `opportunities`, `spend`. */
export type RecordKind = keyof RecordTypes;
