import { AccordError, defaultAgreement, defineAgreement, formatIssues, parseAgreement } from '@accord/core';

const agreement = defineAgreement({
  id: 'acme',
  version: '2026.1',
  timezone: 'Europe/Berlin',
  stages: [
    { id: 'lead', label: 'Lead', owner: 'marketing' },
    {
      id: 'mql',
      label: 'MQL',
      owner: 'marketing',
      entry: { field: 'attributes.employees', op: 'gte', value: 50, label: 'ICP: 50+ employees' },
    },
    { id: 'sal', label: 'SAL', owner: 'sales', entry: { field: 'ownerId', op: 'exists' } },
    { id: 'won', label: 'Won', owner: 'sales', kind: 'won' },
  ],
  transitions: { backward: 'deny', allowSkip: false },
});
parseAgreement(agreement); // the cross-field checks too: duplicate ids, unknown stages, calendars…

try {
  parseAgreement({ ...defaultAgreement, slas: [{ ...defaultAgreement.slas?.[0], start: { stage: 'sqll' } }] });
} catch (error) {
  if (!(error instanceof AccordError)) throw error;
  console.log(formatIssues(error.issues));
  // slas[0].start.stage: Unknown stage "sqll"; the agreement's stages are "inquiry", "mql", "sal", …
}
