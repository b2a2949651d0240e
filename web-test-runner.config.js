import {esbuildPlugin} from '@web/dev-server-esbuild';
import {chromeLauncher} from '@web/test-runner-chrome';
import {chromiumArgs, ensureChromium} from './test/chromium.js';

export default {
  files: ['test/widget/**/*.test.ts'],
  nodeResolve: {exportConditions: ['production']},
  // Decorators are not used; es2022 keeps class fields standard for Lit's `declare` properties.
  plugins: [esbuildPlugin({ts: true, target: 'es2022', tsconfig: 'tsconfig.json'})],
  browsers: [
    chromeLauncher({
      launchOptions: {executablePath: ensureChromium(), headless: true, args: chromiumArgs},
    }),
  ],
  testFramework: {config: {timeout: 5000}},
  concurrency: 2,
};
