import { defaultAgreement, type Lead } from '@accord/core';
import { AccordProvider, StageGate } from '@accord/react';

export function LeadPanel({ lead }: { lead: Lead }) {
  return (
    <AccordProvider agreement={defaultAgreement}>
      <StageGate lead={lead} toStage="sal" />
    </AccordProvider>
  );
}
