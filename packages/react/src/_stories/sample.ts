// Story data: picks from Accord's seeded sample (500 leads, seed 1) plus small explicit edits.
// Never published (package.json "files" excludes src/_stories).
import { defaultAgreement, deriveLifecycle, generateSample, type Lead, type Rule, type StageId } from '@accord/core';

type DefaultStage = StageId<typeof defaultAgreement>;

/** The seeded sample every story draws from. */
export const sample = generateSample({ leads: 500, seed: 1 });

/**
 * The stories' "now": the sample's export instant (2026-07-04T04:00:00Z), so no sample lead lies in the
 * future. `.storybook/preview.tsx` gives AccordProvider the same fixed clock.
 */
export const SAMPLE_NOW = Date.parse(sample.asOf);

/** The first sample lead whose current stage is `stage` (and that matches `where`, when given). */
export function firstLeadIn(stage: DefaultStage, where: (lead: Lead) => boolean = () => true): Lead {
  const lead = sample.leads.find(
    (l) => deriveLifecycle(l, defaultAgreement, { now: SAMPLE_NOW }).current === stage && where(l),
  );
  if (!lead) throw new Error(`[accord] the seed-1 sample has no matching lead in stage "${stage}"`);
  return lead;
}

/** The entry rule of one of the default agreement's stages. */
export function entryRule(stage: DefaultStage): Rule {
  const rule = defaultAgreement.stages.find((s) => s.id === stage)?.entry;
  if (!rule) throw new Error(`[accord] stage "${stage}" has no entry rule`);
  return rule;
}
