/** How Zoho CRM values map to an agreement's stages. */
export interface ZohoMapping {
  /** Lead `Lead_Status` picklist value → stage id. The first value listed for a stage is the one written back. */
  leadStatuses: Readonly<Record<string, string>>;
  /**
   * Stage id → API name of a Lead date-time field holding when the lead entered it (custom fields: Zoho keeps
   * no status history in the records API). A stage without a field, or with the field empty, gets a date only
   * when it is the current `Lead_Status`: then `Modified_Time`.
   */
  stageDateFields: Readonly<Record<string, string>>;
  /** Deal `Stage` picklist value → stage id. A Stage not listed is an `invalid_record` issue naming the deal. */
  dealStages: Readonly<Record<string, string>>;
  /** Stage ids of a won and a lost deal (`closedAt` is set only for these). */
  wonStage: string;
  lostStage: string;
}

/**
 * @name defaultZohoMapping
 * @category Adapters
 * @summary The mapping from a standard Zoho CRM org's picklists to the default agreement's stages.
 *
 * @description
 * Lead statuses: Zoho's standard `Lead_Status` values (`Not Contacted` → inquiry, `Pre-Qualified` → mql,
 * `Contacted` / `Attempted to Contact` → sal, `Contact in Future` → recycled, `Not Qualified` / `Junk Lead` /
 * `Lost Lead` → disqualified) plus a custom `Qualified` (sql). Stage dates: custom date-time fields
 * `Accord_<Stage>_Date`. Deal stages: the standard sales pipeline (every open stage → opportunity,
 * `Closed Won`, `Closed Lost`, `Closed-Lost to Competition`). Spread it to change a part.
 *
 * @example
 * const mapping = { ...defaultZohoMapping, leadStatuses: { ...defaultZohoMapping.leadStatuses, MQL: 'mql' } }
 */
export const defaultZohoMapping: ZohoMapping = {
  leadStatuses: {
    'Not Contacted': 'inquiry',
    'Pre-Qualified': 'mql',
    Contacted: 'sal',
    'Attempted to Contact': 'sal',
    Qualified: 'sql',
    'Contact in Future': 'recycled',
    'Not Qualified': 'disqualified',
    'Junk Lead': 'disqualified',
    'Lost Lead': 'disqualified',
  },
  stageDateFields: {
    inquiry: 'Accord_Inquiry_Date',
    mql: 'Accord_MQL_Date',
    sal: 'Accord_SAL_Date',
    sql: 'Accord_SQL_Date',
    opportunity: 'Accord_Opportunity_Date',
    closed_won: 'Accord_Won_Date',
    closed_lost: 'Accord_Lost_Date',
    recycled: 'Accord_Recycled_Date',
    disqualified: 'Accord_Disqualified_Date',
  },
  dealStages: {
    Qualification: 'opportunity',
    'Needs Analysis': 'opportunity',
    'Value Proposition': 'opportunity',
    'Identify Decision Makers': 'opportunity',
    'Proposal/Price Quote': 'opportunity',
    'Negotiation/Review': 'opportunity',
    'Closed Won': 'closed_won',
    'Closed Lost': 'closed_lost',
    'Closed-Lost to Competition': 'closed_lost',
  },
  wonStage: 'closed_won',
  lostStage: 'closed_lost',
};
