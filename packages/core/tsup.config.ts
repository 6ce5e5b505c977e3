import { defineConfig } from 'tsup';
import { packageBuild } from '../../tsup.base';

// email-providers' list of personal mail domains is data: it is inlined, so the build needs no JSON
// import support from its host (browsers, bundlers, Node alike). See THIRD_PARTY_NOTICES.md.
export default defineConfig(packageBuild({ index: 'src/index.ts' }, { noExternal: ['email-providers'] }));
