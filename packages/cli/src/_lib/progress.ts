/** Options for {@link createProgress}. */
export interface CreateProgressOptions {
  /** False (e.g. with `--json`): print nothing at all. */
  enabled: boolean;
  /** True on a terminal: show `Label…` while a step runs, erased when it ends. */
  interactive?: boolean;
  /** Steps shorter than this print nothing. Default 1 s. */
  minSeconds?: number;
  /** Milliseconds from any origin; default `performance.now`. Injected by tests. */
  now?: () => number;
}

/** Runs a named step and reports it when it was slow. */
export type Step = <T>(label: string, work: () => T | Promise<T>) => Promise<T>;

/**
 * @name createProgress
 * @category CLI
 * @summary Progress lines on stderr for the steps that take a second or more.
 *
 * @description
 * `step(label, work)` runs `work`; when it took at least `minSeconds`, one line
 * `Label… 1.4 s` goes to the stream. Fast steps print nothing (so stderr stays empty on a quick run),
 * and a disabled progress prints nothing at all. On a terminal the label shows while the step runs and
 * is erased after it.
 *
 * @param stream - Where the lines go (stderr).
 * @param options - `enabled`, `interactive`, `minSeconds`, `now`.
 * @returns The `step` function.
 *
 * @example
 * const step = createProgress(io.stderr, { enabled: !json });
 * const adapter = await step('Loading 5,000 leads into DuckDB', () => createDuckDbAdapter({ data }));
 * // stderr: "Loading 5,000 leads into DuckDB… 1.4 s"
 */
export function createProgress(stream: { write(text: string): unknown }, options: CreateProgressOptions): Step {
  const { enabled, interactive = false, minSeconds = 1, now = () => performance.now() } = options;
  return async (label, work) => {
    const started = now();
    if (enabled && interactive) stream.write(`${label}…\r`);
    try {
      return await work();
    } finally {
      const seconds = (now() - started) / 1000;
      if (enabled && interactive) stream.write('\x1b[2K');
      if (enabled && seconds >= minSeconds) stream.write(`${label}… ${seconds.toFixed(1)} s\n`);
    }
  };
}
