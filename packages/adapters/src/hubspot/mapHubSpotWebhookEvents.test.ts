import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { mapHubSpotWebhookEvents } from './mapHubSpotWebhookEvents';
import { verifyHubSpotSignature } from './verifyHubSpotSignature';

const event = (over: Record<string, unknown>) => ({
  eventId: 1,
  subscriptionId: 2,
  portalId: 62515,
  appId: 54321,
  occurredAt: 1782900000000,
  subscriptionType: 'contact.propertyChange',
  attemptNumber: 0,
  objectId: 512,
  changeSource: 'CRM',
  propertyName: 'lifecyclestage',
  propertyValue: 'marketingqualifiedlead',
  ...over,
});

describe('mapHubSpotWebhookEvents', () => {
  it('turns lifecycle and lead-status changes into stage events when the mapping knows the value', () => {
    const result = mapHubSpotWebhookEvents([
      event({}),
      event({
        propertyName: 'hs_lead_status',
        propertyValue: 'UNQUALIFIED',
        eventType: 'contact.propertyChange',
        subscriptionType: undefined,
        sourceId: 'userId:42',
      }),
    ]);
    expect(result).toEqual({
      events: [
        { leadId: '512', stage: 'mql', at: new Date(1782900000000).toISOString() },
        { leadId: '512', stage: 'disqualified', at: new Date(1782900000000).toISOString(), by: '42' },
      ],
      issues: [],
      ignored: 0,
    });
  });

  it('ignores other events, properties and unmapped values when they are well formed', () => {
    const result = mapHubSpotWebhookEvents([
      event({ subscriptionType: 'deal.creation' }),
      event({ propertyName: 'email' }),
      event({ propertyValue: 'evangelist' }),
    ]);
    expect(result).toEqual({ events: [], issues: [], ignored: 3 });
  });

  it('reports malformed events with their index and field when fields are missing', () => {
    const result = mapHubSpotWebhookEvents([
      event({ occurredAt: 'soon', objectId: undefined }),
      7,
      event({ propertyValue: null }),
    ]);
    expect(result.events).toEqual([]);
    expect(result.issues.map((i) => i.path)).toEqual([[0, 'objectId'], [0, 'occurredAt'], [1], [2, 'propertyValue']]);
    expect(mapHubSpotWebhookEvents({}).issues).toHaveLength(1);
  });
});

describe('verifyHubSpotSignature', () => {
  const secret = 'client-secret-123';
  const body = JSON.stringify([event({})]);
  const timestamp = '1782900000000';
  const uri = 'https://example.com/hooks/hubspot';
  const signature = createHmac('sha256', secret).update(`POST${uri}${body}${timestamp}`).digest('base64');
  const now = () => 1782900060000;

  it('accepts a fresh delivery signed with the client secret', async () => {
    expect(
      await verifyHubSpotSignature({ clientSecret: secret, method: 'POST', uri, body, signature, timestamp, now }),
    ).toBe(true);
  });

  it('rejects a changed body, another secret or an old timestamp', async () => {
    const base = { clientSecret: secret, method: 'POST', uri, body, signature, timestamp, now };
    expect(await verifyHubSpotSignature({ ...base, body: `${body} ` })).toBe(false);
    expect(await verifyHubSpotSignature({ ...base, clientSecret: 'other' })).toBe(false);
    expect(await verifyHubSpotSignature({ ...base, now: () => 1782900000000 + 600_000 })).toBe(false);
    expect(await verifyHubSpotSignature({ ...base, signature: 'not base64 !' })).toBe(false);
  });
});
