import { defaultAgreement, generateSample } from '@accord/core';
import { createManualClock } from '@accord/react';
import { createSampleAdapter } from './sampleAdapter';

/** The agreement the desk runs: Accord's default (stages, SLAs, reject reasons, targets). */
export const agreement = defaultAgreement;

/** The seeded sample: 1,000 leads over six months, the same on every load. */
export const sample = generateSample({ leads: 1000, seed: 1 });

/** The desk's "now": the sample's export instant, so the page is the same on every load. */
export const DESK_NOW = Date.parse(sample.asOf);

/** A clock that stays at {@link DESK_NOW} (live widgets still re-render if it is moved). */
export const clock = createManualClock(DESK_NOW);

/** The adapter every widget reads and the RejectPicker writes to. */
export const adapter = createSampleAdapter(sample, agreement);

/** Who is signed in: dispositions are recorded as theirs. */
export const currentUser = { id: 'mgr_nadia', name: 'Nadia Okafor', role: 'Sales manager' } as const;
