import type { AccordIssue, StageEvent } from '@accord/core';
import { resolveMapping } from './_hubspotRecords';
import type { HubSpotMappingInput } from './hubspot.types';

/** What {@link mapHubSpotWebhookEvents} made of a delivery. */
export interface HubSpotWebhookResult {
  /** Stage changes, in delivery order. */
  events: StageEvent[];
  /** Malformed events (path `[index, field]`), never silently dropped. */
  issues: AccordIssue[];
  /** Events that are well formed but say nothing about stages (other types, properties or unmapped values). */
  ignored: number;
}

const STAGE_PROPERTIES = ['lifecyclestage', 'hs_lead_status'] as const;

/**
 * @name mapHubSpotWebhookEvents
 * @category Adapters
 * @summary HubSpot webhook events (v3 payload) → StageEvents: lifecycle stage and lead status changes of contacts.
 *
 * @description
 * Takes the parsed request body (an array of events). A `contact.propertyChange` on `lifecyclestage` or
 * `hs_lead_status` whose value the mapping knows becomes `{ leadId: objectId, stage, at: occurredAt }`
 * (the type is read from `subscriptionType`, as live deliveries send it, or `eventType`). Other event
 * types and properties, and values the mapping does not know, are counted as `ignored`. An event without
 * a numeric `occurredAt`, an `objectId` or a `propertyValue` is an issue naming its index and field.
 * Verify the delivery's signature first ({@link verifyHubSpotSignature}).
 *
 * @example
 * const { events, issues } = mapHubSpotWebhookEvents(JSON.parse(body))
 */
export function mapHubSpotWebhookEvents(payload: unknown, mapping?: HubSpotMappingInput): HubSpotWebhookResult {
  const m = resolveMapping(mapping);
  const result: HubSpotWebhookResult = { events: [], issues: [], ignored: 0 };
  const issue = (path: (string | number)[], detail: string) =>
    result.issues.push({ code: 'invalid_argument', detail, path, message: detail });
  if (!Array.isArray(payload)) {
    issue([], 'a HubSpot webhook delivery is a JSON array of events');
    return result;
  }
  payload.forEach((raw: unknown, index) => {
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
      issue([index], `event ${index} is not an object`);
      return;
    }
    const event = raw as Record<string, unknown>;
    const type = event.subscriptionType ?? event.eventType;
    if (typeof type !== 'string') {
      issue([index, 'subscriptionType'], `event ${index} has no subscriptionType`);
      return;
    }
    const property = event.propertyName;
    if (
      type !== 'contact.propertyChange' ||
      !STAGE_PROPERTIES.includes(property as (typeof STAGE_PROPERTIES)[number])
    ) {
      result.ignored++;
      return;
    }
    const objectId = event.objectId;
    const occurredAt = event.occurredAt;
    const value = event.propertyValue;
    let bad = false;
    if (
      !(
        (typeof objectId === 'number' && Number.isSafeInteger(objectId) && objectId > 0) ||
        (typeof objectId === 'string' && /^\d+$/.test(objectId))
      )
    ) {
      issue([index, 'objectId'], `event ${index} has no valid objectId`);
      bad = true;
    }
    if (
      typeof occurredAt !== 'number' ||
      !Number.isFinite(occurredAt) ||
      Number.isNaN(new Date(occurredAt).getTime())
    ) {
      issue([index, 'occurredAt'], `event ${index} has no occurredAt in epoch milliseconds`);
      bad = true;
    }
    if (typeof value !== 'string') {
      issue([index, 'propertyValue'], `event ${index} has no propertyValue`);
      bad = true;
    }
    if (bad) return;
    const table = property === 'lifecyclestage' ? m.lifecyclestage : m.leadStatus;
    const stage = table[value as string];
    if (stage === undefined) {
      result.ignored++;
      return;
    }
    const stageEvent: StageEvent = {
      leadId: String(objectId),
      stage,
      at: new Date(occurredAt as number).toISOString(),
    };
    if (typeof event.sourceId === 'string' && event.sourceId.startsWith('userId:'))
      stageEvent.by = event.sourceId.slice(7);
    result.events.push(stageEvent);
  });
  return result;
}
