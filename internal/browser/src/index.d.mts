import type { Browser } from 'playwright-core';

/** Debian's chromium flags for headless runs without network chatter. */
export const CHROMIUM_ARGS: readonly string[];
/** `CHROMIUM_PATH`, else Debian's chromium binary; throws a clear error when there is none. */
export function chromiumPath(): string;
/** Launches headless Chromium through playwright-core (which downloads nothing). */
export function launchChromium(): Promise<Browser>;
/** A strict Content-Security-Policy: same-origin scripts and styles, no inline script or style. */
export const STRICT_CSP: string;

export interface ServedFiles {
  /** `http://127.0.0.1:<port>/` */
  readonly url: string;
  /** Every path requested so far, in order. */
  readonly requests: string[];
  close(): Promise<void>;
}
/** Serves `files` (path → body; `/` is `/index.html`) on a free 127.0.0.1 port, under `csp` (default strict; `null` for none). */
export function serveFiles(
  files: Record<string, string | Uint8Array>,
  options?: { csp?: string | null },
): Promise<ServedFiles>;

/** Bundles a page entry (TSX/TS/JS) for the browser with esbuild; returns its JS and any imported CSS. */
export function bundlePage(
  entry: string,
  options?: { production?: boolean; conditions?: string[]; cwd?: string },
): Promise<{ js: string; css: string }>;

/** A page that loads `script` as a module and `styles` as stylesheets (nothing inline). */
export function pageHtml(options?: { title?: string; script?: string; styles?: string[]; body?: string }): string;
