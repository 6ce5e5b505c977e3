import type { AccordAction } from '../actions.types';

/** The escalation the restart test's writer sends. */
export const writerAction: AccordAction = {
  key: 'sla:L7:mql_first_touch:1:2',
  kind: 'notify_manager',
  leadId: 'L7',
  to: 'mgr_kim',
  title: 'Breached: MQLs: first touch within 1 business day for L7',
  body: 'Escalation step 2: notify the manager',
};
