/** How Salesforce values map to an agreement's stages and channels. */
export interface SalesforceMapping {
  /** Lead `Status` picklist value → stage id. The first value listed for a stage is the one written back. */
  leadStatuses: Readonly<Record<string, string>>;
  /**
   * Opportunity `StageName` → stage id. A StageName not listed falls back on the flags Salesforce sets
   * from the stage: `IsWon` → `wonStage`, `IsClosed` → `lostStage`, else `openStage`.
   */
  opportunityStages: Readonly<Record<string, string>>;
  /** Stage ids for the fallback above. */
  openStage: string;
  wonStage: string;
  lostStage: string;
  /** Campaign `Type` → touchpoint channel; a Type not listed is used as the channel as it is. */
  campaignTypes: Readonly<Record<string, string>>;
}

/**
 * @name defaultSalesforceMapping
 * @category Adapters
 * @summary The mapping from a standard Salesforce org's picklists to the default agreement's stages.
 *
 * @description
 * Lead statuses: the four of a new org (`Open - Not Contacted` → mql, `Working - Contacted` → sal,
 * `Closed - Converted` → sql, `Closed - Not Converted` → disqualified) plus the common additions `New`
 * (inquiry), `Qualified` (sql), `Recycled` and `Nurturing` (recycled). Opportunity stages: the standard
 * sales process (every open stage → opportunity, `Closed Won`, `Closed Lost`). Campaign types: the
 * standard `Type` picklist mapped to the sample data's channels. Spread it to change a part.
 *
 * @example
 * const mapping = { ...defaultSalesforceMapping, leadStatuses: { ...defaultSalesforceMapping.leadStatuses, 'Marketing Qualified': 'mql' } }
 */
export const defaultSalesforceMapping: SalesforceMapping = {
  leadStatuses: {
    New: 'inquiry',
    'Open - Not Contacted': 'mql',
    'Working - Contacted': 'sal',
    'Closed - Converted': 'sql',
    Qualified: 'sql',
    'Closed - Not Converted': 'disqualified',
    Recycled: 'recycled',
    Nurturing: 'recycled',
  },
  opportunityStages: {
    Prospecting: 'opportunity',
    Qualification: 'opportunity',
    'Needs Analysis': 'opportunity',
    'Value Proposition': 'opportunity',
    'Id. Decision Makers': 'opportunity',
    'Perception Analysis': 'opportunity',
    'Proposal/Price Quote': 'opportunity',
    'Negotiation/Review': 'opportunity',
    'Closed Won': 'closed_won',
    'Closed Lost': 'closed_lost',
  },
  openStage: 'opportunity',
  wonStage: 'closed_won',
  lostStage: 'closed_lost',
  campaignTypes: {
    Conference: 'events',
    'Trade Show': 'events',
    Webinar: 'webinar',
    Partners: 'partner',
    'Referral Program': 'referral',
    Email: 'email',
    Advertisement: 'paid_search',
    'Banner Ads': 'display',
    'Direct Mail': 'direct',
    'Public Relations': 'pr',
    Telemarketing: 'outbound',
    Other: 'other',
  },
};
