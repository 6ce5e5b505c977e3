import type { defaultAgreement, Lead, StageId } from '@accord/core';
import { describe, expectTypeOf, it } from 'vitest';
import type { RegisteredAgreement } from '../provider/provider.types';
import { useStageGate } from './useStageGate';

// Type safety comes from the agreement type: hosts register it once (`declare module '@accord/react'
// { interface Register { agreement: typeof agreement } }`) or pass it as a type argument. The
// registration is not done here, because module augmentation would leak into the whole package.

const lead: Lead = { id: 'L1', createdAt: 0 };
type Default = typeof defaultAgreement;

describe('useStageGate', () => {
  it('rejects a stage id the agreement does not define', () => {
    // @ts-expect-error 'sqll' is not a stage of the default agreement
    useStageGate<Default>(lead, 'sqll');
    useStageGate<Default>(lead, 'sql');
  });

  it('types the verdict with the agreement’s stage ids', () => {
    const gate = useStageGate<Default>(lead, 'sql');
    expectTypeOf(gate.result.to).toEqualTypeOf<StageId<Default>>();
    expectTypeOf(gate.result.from).toEqualTypeOf<StageId<Default> | null>();
    expectTypeOf(gate.state).toEqualTypeOf<'allowed' | 'blocked' | 'error'>();
  });

  it('uses the registered agreement, and accepts any string when none is registered', () => {
    expectTypeOf<RegisteredAgreement<{ agreement: Default }>>().toEqualTypeOf<Default>();
    expectTypeOf<StageId<RegisteredAgreement<{ agreement: Default }>>>().toEqualTypeOf<
      'inquiry' | 'mql' | 'sal' | 'sql' | 'opportunity' | 'closed_won' | 'closed_lost' | 'recycled' | 'disqualified'
    >();
    expectTypeOf(useStageGate).parameter(1).toEqualTypeOf<string>();
    useStageGate(lead, 'anything-at-runtime');
  });
});
