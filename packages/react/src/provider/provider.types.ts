import type { Agreement, StageId } from '@accord/core';

/**
 * Register your agreement's type once, and every Accord hook and widget checks stage ids against it
 * (the TanStack Router / React Aria `Register` pattern: a declaration, no runtime code).
 *
 * @example
 * // accord.ts in the host app
 * import { defineAgreement } from '@accord/core';
 * export const agreement = defineAgreement({ ... });
 * declare module '@accord/react' {
 *   interface Register {
 *     agreement: typeof agreement;
 *   }
 * }
 * // now useStageGate(lead, 'sqll') and <StageGate toStage="sqll" /> are type errors
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled in by the host through declaration merging.
export interface Register {}

/**
 * The agreement type registered through {@link Register}, or `Agreement` (any string stage id) when
 * nothing is registered. Pass `R` to see what a registration would give.
 */
export type RegisteredAgreement<R = Register> = R extends { agreement: infer A extends Agreement } ? A : Agreement;

/** The stage ids of the registered agreement (`string` when nothing is registered). */
export type RegisteredStageId = StageId<RegisteredAgreement>;
