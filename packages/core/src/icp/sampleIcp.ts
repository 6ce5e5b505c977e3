import type { IcpDefinition, IntentDefinition } from '../agreement/agreement.types';

/**
 * @name sampleIcp
 * @category ICP
 * @summary An example ICP and intent section, to spread into an agreement.
 *
 * @description
 * Fit: industry (software, financial services or e-commerce: 30), an employee band of 50–999 (25), a country (20) and a Salesforce tech signal
 * in `attributes.tech` (25) — weights declared to add up to 100; tiers A ≥ 80, B ≥ 55, C ≥ 30.
 * Intent: a demo request (30, half-life 14 days), a sales meeting (20, 14 days), a webinar (15,
 * 30 days) and a pricing-page visit (10, 7 days), capped at 100. Not part of {@link defaultAgreement}:
 * the ICP is each team's own, so start from this and change it.
 *
 * @example
 * const agreement = parseAgreement({ ...defaultAgreement, ...sampleIcp })
 * scoreLead(lead, activities, agreement, { now, touchpoints }).fit.tier //=> 'B'
 */
export const sampleIcp: { icp: IcpDefinition; intent: IntentDefinition } = {
  icp: {
    criteria: [
      {
        id: 'industry',
        label: 'Industry: software, financial services or e-commerce',
        weight: 30,
        when: {
          field: 'attributes.industry',
          op: 'in',
          value: ['software', 'saas', 'financial_services', 'fintech', 'ecommerce'],
          ignoreCase: true,
        },
      },
      {
        id: 'employees',
        label: '50–999 employees',
        weight: 25,
        when: {
          all: [
            { field: 'attributes.employees', op: 'gte', value: 50 },
            { field: 'attributes.employees', op: 'lt', value: 1000 },
          ],
        },
      },
      {
        id: 'country',
        label: 'Country we sell in',
        weight: 20,
        when: { field: 'country', op: 'in', value: ['US', 'CA', 'GB', 'DE', 'FR', 'NL'] },
      },
      {
        id: 'uses_salesforce',
        label: 'Runs Salesforce',
        weight: 25,
        when: { field: 'attributes.tech', op: 'contains', value: 'salesforce', ignoreCase: true },
      },
    ],
    tiers: { A: 80, B: 55, C: 30 },
    declaredTotal: 100,
  },
  intent: {
    signals: [
      {
        id: 'demo_request',
        label: 'Demo request',
        weight: 30,
        halfLifeDays: 14,
        source: 'touchpoint',
        channels: ['demo_request'],
      },
      {
        id: 'meeting',
        label: 'Sales meeting held',
        weight: 20,
        halfLifeDays: 14,
        source: 'activity',
        types: ['meeting'],
      },
      {
        id: 'webinar',
        label: 'Webinar attended',
        weight: 15,
        halfLifeDays: 30,
        source: 'touchpoint',
        channels: ['webinar'],
      },
      {
        id: 'pricing_page',
        label: 'Pricing-page visit',
        weight: 10,
        halfLifeDays: 7,
        source: 'touchpoint',
        campaignIds: ['pricing-page'],
      },
    ],
    cap: 100,
  },
};
