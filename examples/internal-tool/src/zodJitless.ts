// Imported first by main.tsx. @accord/core validates input with zod 4, whose object parsers probe
// `new Function` once to decide whether to compile a fast path. The probe is caught, but Chromium
// still reports it as a `script-src` violation under a strict Content-Security-Policy. zod's
// `jitless` setting skips the probe; its config is shared by every copy of zod 4 in the page
// (see "Security and Content-Security-Policy" in packages/react/README.md).
import { z } from 'zod';

z.config({ jitless: true });
