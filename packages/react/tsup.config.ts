import { defineConfig } from 'tsup';
import { packageBuild } from '../../tsup.base';

export default defineConfig([
  packageBuild({ index: 'src/index.ts' }, { platform: 'browser', target: 'es2022', external: ['react', 'react-dom'] }),
  // Plain CSS for hosts: every --accord-* token and every widget's rules, bundled into one file.
  { entry: { styles: 'src/styles.css' }, clean: false, minify: false, loader: { '.css': 'css' } },
]);
