import type { RoutingState } from './routing.types';

/**
 * @name createRoutingState
 * @category Routing
 * @summary An empty routing state: every pointer at zero, nobody has been assigned anything yet.
 *
 * @returns A fresh {@link RoutingState}, plain JSON — store it between decisions.
 *
 * @example
 * let state = createRoutingState()
 * const result = routeLead(lead, state, defaultAgreement, { now })
 * state = result.nextState
 */
export function createRoutingState(): RoutingState {
  return { pools: {} };
}
