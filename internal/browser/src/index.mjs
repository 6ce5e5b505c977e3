// Real headless Chromium for tests and benchmarks (see index.d.mts for the API).
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import * as esbuild from 'esbuild';
import { chromium } from 'playwright-core';

/** Debian's chromium flags for headless runs without network chatter (../shared/TOOLING.md). */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export function chromiumPath() {
  const fromEnv = process.env.CHROMIUM_PATH;
  for (const candidate of [fromEnv, '/usr/lib/chromium/chromium', '/usr/bin/chromium']) {
    if (candidate && existsSync(candidate)) return candidate;
  }
  throw new Error(
    '[accord] Chromium not found: install Debian `chromium` (scripts/ensure-chromium.sh) or set CHROMIUM_PATH.',
  );
}

export async function launchChromium() {
  return chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS, headless: true });
}

/** The strict policy pages are served under: same-origin scripts and styles only, nothing inline. */
export const STRICT_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.png': 'image/png',
  '.json': 'application/json',
};

export async function serveFiles(files, { csp = STRICT_CSP } = {}) {
  const requests = [];
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    requests.push(path);
    const body = files[path === '/' ? '/index.html' : path];
    if (body === undefined) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const ext = path === '/' ? '.html' : path.slice(path.lastIndexOf('.'));
    res.writeHead(200, {
      'content-type': TYPES[ext] ?? 'application/octet-stream',
      'cache-control': 'no-store',
      ...(csp ? { 'content-security-policy': csp } : {}),
    });
    res.end(body);
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  return {
    url: `http://127.0.0.1:${address.port}/`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export async function bundlePage(entry, { production = true, conditions = [], cwd } = {}) {
  const result = await esbuild.build({
    entryPoints: [entry],
    absWorkingDir: cwd,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: production,
    sourcemap: false,
    write: false,
    outdir: '/out',
    conditions,
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': JSON.stringify(production ? 'production' : 'development') },
    loader: { '.css': 'css' },
    logLevel: 'silent',
  });
  const out = { js: '', css: '' };
  for (const file of result.outputFiles) {
    if (file.path.endsWith('.js')) out.js = file.text;
    else if (file.path.endsWith('.css')) out.css += file.text;
  }
  return out;
}

export function pageHtml({
  title = 'Accord',
  script = '/page.js',
  styles = ['/page.css'],
  body = '<div id="root"></div>',
} = {}) {
  const links = styles.map((href) => `<link rel="stylesheet" href="${href}">`).join('\n    ');
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <title>${title}</title>
    ${links}
    <script type="module" src="${script}"></script>
  </head>
  <body>
    ${body}
  </body>
</html>
`;
}
