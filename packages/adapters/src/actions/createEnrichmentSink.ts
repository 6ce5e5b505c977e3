import type { Lead } from '@accord/core';
import { AdapterError } from '../contract/AdapterError';
import { ENRICHMENT_FIELDS } from '../enrichment/createEnrichment';
import type { EnrichLeadResult, Enrichment, EnrichmentField } from '../enrichment/enrichment.types';
import type { AccordAction, ActionSink, SinkRequestPreview } from './actions.types';

/** Options of {@link createEnrichmentSink}. */
export interface EnrichmentSinkOptions {
  /** The enrichment service (`createEnrichment` with its providers, cache and rate limits). */
  enrichment: Enrichment;
  /** Loads the lead to enrich, as it is now (from your CRM adapter or store). */
  loadLead: (leadId: string) => Promise<Lead | undefined>;
  /**
   * Writes the enriched lead back (a CRM update, your store). Called only when a field changed; must
   * be idempotent (a retry after a crash may call it again with the same lead).
   */
  saveLead: (lead: Lead, result: EnrichLeadResult, action: AccordAction) => Promise<void>;
  /** Default `enrichment`. */
  name?: string;
}

const KNOWN = new Set<string>(ENRICHMENT_FIELDS);

/** The enrichment fields an action asks for: its `payload.fields` that enrichment knows, or all of them. */
function wantedFields(action: AccordAction): { wanted: EnrichmentField[]; unknown: string[] } {
  const requested = action.payload?.fields;
  if (!Array.isArray(requested) || requested.length === 0) return { wanted: [...ENRICHMENT_FIELDS], unknown: [] };
  const names = requested.map(String);
  return {
    wanted: names.filter((f): f is EnrichmentField => KNOWN.has(f)),
    unknown: names.filter((f) => !KNOWN.has(f)),
  };
}

/**
 * @name createEnrichmentSink
 * @category Actions
 * @summary Carries out `enrich` actions: looks the lead up with the enrichment providers and writes back what was missing.
 *
 * @description
 * For an `enrich` action (a disposition reason such as "bad contact data" asks for it) the sink loads the
 * lead, runs `enrichment.enrich` for the action's `payload.fields` (all firmographic fields when it
 * names none) and calls `saveLead` when anything changed. Enrichment never overwrites a value on the
 * lead, so a repeat finds the fields filled and changes nothing: the sink is idempotent by nature, and
 * the outbox delivers each action key once. Requested fields enrichment cannot provide (a phone
 * number from a firmographic provider) are refused as a whole — `invalid_record`, a dead letter naming
 * them — rather than quietly skipped; a lead that no longer exists is `not_found`.
 *
 * @param options - {@link EnrichmentSinkOptions}.
 * @returns An {@link ActionSink} named `enrichment` that accepts `enrich` actions.
 *
 * @example
 * const sink = createEnrichmentSink({ enrichment, loadLead: (id) => store.get(id), saveLead: (lead) => crm.updateLead(lead) })
 * const runner = createActionRunner({ sinks: [sink, slack], store })
 * await runner.dispatch(actionsFromDisposition(result))
 */
export function createEnrichmentSink(options: EnrichmentSinkOptions): ActionSink {
  const name = options.name ?? 'enrichment';
  for (const key of ['loadLead', 'saveLead'] as const)
    if (typeof options[key] !== 'function')
      throw new AdapterError(name, 'invalid_config', `Option "${key}" must be a function.`);
  if (!options.enrichment || typeof options.enrichment.enrich !== 'function')
    throw new AdapterError(name, 'invalid_config', 'Option "enrichment" must come from createEnrichment.');

  return {
    name,
    accepts: (action) => action.kind === 'enrich',
    async deliver(action) {
      const { wanted, unknown } = wantedFields(action);
      if (unknown.length > 0)
        throw new AdapterError(
          name,
          'invalid_record',
          `Action "${action.key}" asks for fields enrichment cannot provide: ${unknown.join(', ')} (it provides ${ENRICHMENT_FIELDS.join(', ')}).`,
        );
      const lead = await options.loadLead(action.leadId);
      if (!lead)
        throw new AdapterError(name, 'not_found', `Lead "${action.leadId}" of action "${action.key}" was not found.`);
      const result = await options.enrichment.enrich(lead, { fields: wanted });
      if (result.changes.length > 0) await options.saveLead(result.lead, result, action);
      return { externalId: lead.id };
    },
    preview(action): SinkRequestPreview {
      const { wanted, unknown } = wantedFields(action);
      return {
        method: 'ENRICH',
        url: `enrichment:lead/${encodeURIComponent(action.leadId)}`,
        body: { fields: wanted, ...(unknown.length > 0 && { refused: unknown }) },
      };
    },
  };
}
