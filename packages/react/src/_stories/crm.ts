// Leads as they arrive from a CRM. The HubSpot fixture's licence is not stated
// (../shared/fixtures/crm/SOURCE.md), so it is not bundled into the Storybook build: the field names of
// ../shared/fixtures/crm/hubspot/contact.simple-public-object.example.json (HubSpot CRM v3
// `SimplePublicObject` for contacts: id, properties.{company, createdate, email, firstname, lastname,
// lastmodifieddate, phone, website}, createdAt, updatedAt, archived) are mapped here by hand, and the
// values come from the seeded sample.
import type { Lead } from '@accord/core';
import { SAMPLE_NOW, sample } from './sample';

/** A HubSpot CRM v3 contact (`SimplePublicObject`), with the properties of the fixture's example. */
export interface HubSpotContact {
  id: string;
  properties: {
    company?: string;
    createdate: string;
    email?: string;
    firstname?: string;
    lastname?: string;
    lastmodifieddate?: string;
    phone?: string;
    website?: string;
  };
  createdAt: string;
  updatedAt: string;
  archived: boolean;
}

const iso = (instant: string | number) => new Date(instant).toISOString();
const title = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The sample lead as HubSpot would return it: names from the e-mail's local part, website from its domain. */
export function hubSpotContactOf(lead: Lead, id: string): HubSpotContact {
  const [local = '', host = ''] = (lead.email ?? '').split('@');
  const [first = '', ...rest] = local.split(/[._-]/);
  return {
    id,
    properties: {
      company: lead.company,
      createdate: iso(lead.createdAt),
      email: lead.email,
      firstname: title(first),
      lastname: title(rest.join(' ')),
      lastmodifieddate: iso(SAMPLE_NOW),
      website: host || undefined,
    },
    createdAt: iso(lead.createdAt),
    updatedAt: iso(SAMPLE_NOW),
    archived: false,
  };
}

/**
 * @name leadFromHubSpotContact
 * @category Stories
 * @summary Maps a HubSpot contact to an Accord lead: `createdate` → `createdAt`, `website` → `domain`,
 * `company` and `email` as they are; the funnel fields the contact example lacks come from `rest`.
 *
 * @example
 * const lead = leadFromHubSpotContact(contact, { stageDates: { inquiry: contact.createdAt } });
 */
export function leadFromHubSpotContact(contact: HubSpotContact, rest: Partial<Lead> = {}): Lead {
  const p = contact.properties;
  return {
    ...rest,
    id: `hubspot-${contact.id}`,
    createdAt: p.createdate,
    ...(p.email === undefined ? {} : { email: p.email }),
    ...(p.company === undefined ? {} : { company: p.company }),
    ...(p.website === undefined ? {} : { domain: p.website }),
    attributes: {
      ...rest.attributes,
      hubspotContactId: contact.id,
      ...(p.firstname || p.lastname ? { contactName: `${p.firstname ?? ''} ${p.lastname ?? ''}`.trim() } : {}),
    },
  };
}

/**
 * The sample's first 40 leads after a trip through HubSpot's contact shape; stage dates, owner, source
 * and attributes (which the contact example does not carry) are kept from the sample lead.
 */
export const crmLeads: Lead[] = sample.leads.slice(0, 40).map((lead, i) => {
  const { id: _id, createdAt: _c, email: _e, company: _co, domain: _d, ...rest } = lead;
  return leadFromHubSpotContact(hubSpotContactOf(lead, String(512 + i)), rest);
});
