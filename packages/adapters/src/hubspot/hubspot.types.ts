// Types of the HubSpot adapter: the mapping from HubSpot's values to the agreement's, and the CRM v3
// payload shapes it reads (as documented in HubSpot's public API specs).

/** How a lead's field is read from a contact property. */
export interface HubSpotAttributeProperty {
  /** The contact property's internal name. */
  property: string;
  /** How the property's text value is read (HubSpot sends every value as text). Default `string`. */
  type?: 'string' | 'number' | 'boolean';
}

/**
 * How HubSpot's values map onto the agreement. Every key is optional in the adapter's options: what you
 * leave out comes from {@link defaultHubSpotMapping} (the default agreement's stages).
 */
export interface HubSpotMapping {
  /** `lifecyclestage` internal value → stage id (`marketingqualifiedlead` → `mql`). */
  lifecyclestage: Readonly<Record<string, string>>;
  /** `hs_lead_status` value → stage id (`UNQUALIFIED` → `disqualified`). */
  leadStatus: Readonly<Record<string, string>>;
  /**
   * Stage id → contact properties holding the instant the lead entered it, beside the
   * `hs_lifecyclestage_<value>_date` properties of the lifecycle stages mapped to it (the earliest wins).
   * For stages HubSpot keeps no date of (lead statuses), e.g. a date property a workflow sets.
   */
  stageDateProperties: Readonly<Record<string, readonly string[]>>;
  /** Deal stage id → opportunity stage. Unmapped stages: `wonDealStage`/`lostDealStage`/`openDealStage` by the pipeline's metadata. */
  dealstage: Readonly<Record<string, string>>;
  openDealStage: string;
  wonDealStage: string;
  lostDealStage: string;
  /** Disposition reason id → `hs_lead_status` written with it (default: the lead status mapped to the reason's `toStage`). */
  dispositionLeadStatus: Readonly<Record<string, string>>;
  /** Contact properties read into a lead's plain fields. A field mapped to `null` is not read. */
  contact: {
    email: string | null;
    company: string | null;
    country: string | null;
    domain: string | null;
    ownerId: string | null;
    teamId: string | null;
    source: string | null;
    campaignId: string | null;
    segment: string | null;
    region: string | null;
    accountId: string | null;
    firstTouchAt: string | null;
    touches: string | null;
  };
  /** Lead attribute name → contact property (with its type). */
  attributes: Readonly<Record<string, string | HubSpotAttributeProperty>>;
  /** Contact properties holding the written disposition (custom properties you create in HubSpot). */
  disposition: { reason: string; at: string; by: string; detail: string };
  /** Note property holding the write's idempotency key (a custom note property; searched before a note is created). */
  noteKeyProperty: string;
  /** Deal properties read into an opportunity. */
  deal: { currency: string; source: string | null };
}

/** The mapping as options take it: any part may be left out (nested objects are merged key by key). */
export interface HubSpotMappingInput extends Partial<Omit<HubSpotMapping, 'contact' | 'disposition' | 'deal'>> {
  contact?: Partial<HubSpotMapping['contact']>;
  disposition?: Partial<HubSpotMapping['disposition']>;
  deal?: Partial<HubSpotMapping['deal']>;
}

/** A CRM object as the v3 objects, search and batch APIs return it. */
export interface HubSpotObject {
  id: string;
  properties: Record<string, string | null | undefined>;
  createdAt?: string;
  updatedAt?: string;
  archived?: boolean;
}

/** A v3 list or search answer. */
export interface HubSpotCollection {
  total?: number;
  results: HubSpotObject[];
  paging?: { next?: { after: string; link?: string } };
}

/** A user who can own records (`GET /crm/v3/owners`). `id` is what `hubspot_owner_id` holds. */
export interface HubSpotOwner {
  id: string;
  email?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  userId?: number | null;
  userIdIncludingInactive?: number | null;
  createdAt?: string;
  updatedAt?: string;
  archived?: boolean;
  teams?: { id: string; name?: string; primary?: boolean }[];
}

/** A deal pipeline (`GET /crm/v3/pipelines/deals`). */
export interface HubSpotPipeline {
  id: string;
  label?: string;
  stages: { id: string; label?: string; metadata?: Record<string, string | undefined> }[];
}

/** One webhook event as HubSpot posts it (v3 payload: an array of these). */
export interface HubSpotWebhookEvent {
  eventId?: number;
  subscriptionId?: number;
  portalId?: number;
  appId?: number;
  occurredAt?: number;
  /** Live deliveries use `subscriptionType`; the docs also show `eventType`. */
  subscriptionType?: string;
  eventType?: string;
  attemptNumber?: number;
  objectId?: number | string;
  changeSource?: string;
  propertyName?: string;
  propertyValue?: string;
  sourceId?: string;
}
