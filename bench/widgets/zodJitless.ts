// Imported first (a side-effect import, listed in package.json `sideEffects`) by the security page, as a host with a strict CSP does (see the README): @accord/core
// validates with zod, whose object parsers probe `new Function` once to decide whether to compile a
// fast path. The probe is caught, but Chromium still reports it as a `script-src` violation. zod's
// `jitless` setting skips the probe; its config is shared by every copy of zod 4 in the page.
import { z } from 'zod';

z.config({ jitless: true });
