import axe from 'axe-core';
import { expect } from 'vitest';

let queue: Promise<unknown> = Promise.resolve();

/**
 * Runs axe-core on a rendered container and fails with a readable list when it finds violations.
 * `region` is off (a widget is not a page), and so is `color-contrast`: jsdom cannot compute colours
 * (the Storybook run in Chromium checks contrast).
 */
export async function expectNoAxeViolations(container: Element): Promise<void> {
  // axe allows one run at a time; queue behind any earlier run (even one whose test timed out).
  const run = queue.then(() =>
    axe.run(container, { rules: { region: { enabled: false }, 'color-contrast': { enabled: false } } }),
  );
  queue = run.catch(() => undefined);
  const results = await run;
  const lines = results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ')).join('\n  ')}`,
  );
  expect(lines, lines.join('\n')).toEqual([]);
}
