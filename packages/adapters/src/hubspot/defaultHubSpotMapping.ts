import type { HubSpotMapping } from './hubspot.types';

/**
 * @name defaultHubSpotMapping
 * @category Adapters
 * @summary How a stock HubSpot portal maps onto the default agreement's stages and fields.
 *
 * @description
 * Lifecycle stages: `subscriber` and `lead` → `inquiry`, `marketingqualifiedlead` → `mql`,
 * `salesqualifiedlead` → `sql`, `opportunity` → `opportunity`, `customer` → `closed_won`; their dates come
 * from HubSpot's `hs_lifecyclestage_<value>_date` properties. Lead statuses: `OPEN`, `IN_PROGRESS`,
 * `CONNECTED`, `ATTEMPTED_TO_CONTACT` → `sal`, `OPEN_DEAL` → `opportunity`, `BAD_TIMING` → `recycled`,
 * `UNQUALIFIED` → `disqualified`. HubSpot keeps no date of a lead status, so the stages only lead statuses
 * reach (`sal`, `recycled`, `disqualified`, `closed_lost`) read their dates from custom date properties
 * `accord_<stage>_date` (set them with a workflow); a portal without them simply has no such dates.
 * Deals: `closedwon`/`closedlost` → `closed_won`/`closed_lost`; any other stage by its pipeline's
 * `isClosed`/`probability` metadata, open ones → `opportunity`. The disposition is kept in the custom
 * contact properties `accord_disposition_reason`, `_at`, `_by` and `_detail`, and each write-back note
 * carries its idempotency key in the custom note property `accord_idempotency_key`.
 * Pass any part of it as `mapping` to `createHubSpotAdapter`; what you leave out stays as here.
 *
 * @example
 * createHubSpotAdapter({ token, mapping: { lifecyclestage: { ...defaultHubSpotMapping.lifecyclestage, evangelist: 'closed_won' } } })
 */
export const defaultHubSpotMapping: HubSpotMapping = {
  lifecyclestage: {
    subscriber: 'inquiry',
    lead: 'inquiry',
    marketingqualifiedlead: 'mql',
    salesqualifiedlead: 'sql',
    opportunity: 'opportunity',
    customer: 'closed_won',
  },
  leadStatus: {
    OPEN: 'sal',
    IN_PROGRESS: 'sal',
    CONNECTED: 'sal',
    ATTEMPTED_TO_CONTACT: 'sal',
    OPEN_DEAL: 'opportunity',
    BAD_TIMING: 'recycled',
    UNQUALIFIED: 'disqualified',
  },
  stageDateProperties: {
    sal: ['accord_sal_date'],
    recycled: ['accord_recycled_date'],
    disqualified: ['accord_disqualified_date'],
    closed_lost: ['accord_closed_lost_date'],
  },
  dealstage: { closedwon: 'closed_won', closedlost: 'closed_lost' },
  openDealStage: 'opportunity',
  wonDealStage: 'closed_won',
  lostDealStage: 'closed_lost',
  dispositionLeadStatus: {},
  contact: {
    email: 'email',
    company: 'company',
    country: 'country',
    domain: 'hs_email_domain',
    ownerId: 'hubspot_owner_id',
    teamId: 'hubspot_team_id',
    source: 'hs_analytics_source',
    campaignId: 'hs_analytics_first_touch_converting_campaign',
    segment: 'accord_segment',
    region: 'accord_region',
    accountId: 'associatedcompanyid',
    firstTouchAt: 'hs_sa_first_engagement_date',
    touches: 'num_contacted_notes',
  },
  attributes: {
    employees: { property: 'numberofemployees', type: 'number' },
    industry: 'industry',
    jobTitle: 'jobtitle',
    engagementScore: { property: 'hubspotscore', type: 'number' },
    demoRequested: { property: 'accord_demo_requested', type: 'boolean' },
    meetingHeld: { property: 'accord_meeting_held', type: 'boolean' },
    budgetKnown: { property: 'accord_budget_known', type: 'boolean' },
    isCustomer: { property: 'accord_is_customer', type: 'boolean' },
  },
  disposition: {
    reason: 'accord_disposition_reason',
    at: 'accord_disposition_at',
    by: 'accord_disposition_by',
    detail: 'accord_disposition_detail',
  },
  noteKeyProperty: 'accord_idempotency_key',
  deal: { currency: 'deal_currency_code', source: 'hs_analytics_source' },
};
