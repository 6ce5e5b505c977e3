import type { SyntheticEvent } from 'react';

/** Calls the host's handler first; ours runs unless the host called `event.preventDefault()`. */
export function composeHandlers<E extends SyntheticEvent>(
  theirs: ((event: E) => void) | undefined,
  ours: (event: E) => void,
): (event: E) => void {
  return (event) => {
    theirs?.(event);
    if (!event.defaultPrevented) ours(event);
  };
}
