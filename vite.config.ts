/**
 * Four library builds. `vite build` writes `dist/palomma-pay.js`, an ES module with both elements and Lit inside
 * for `<script type="module">` and CDNs. `--mode module` writes `dist/palomma-pay.module.js` for bundlers and
 * server-side rendering: Lit stays an import, so the app shares one Lit and Node resolves Lit's server build.
 * `--mode status` writes `dist/palomma-pay-status.iife.js`, the return page's classic script. `--mode script`, run
 * last, writes `dist/palomma-pay.iife.js`, the checkout page's classic script, then `dist/integrity.json` (the
 * sha384 of every script, for `integrity=`) and the JSX types.
 */
import {createHash} from 'node:crypto';
import {copyFileSync, mkdirSync, readFileSync, readdirSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {defineConfig, type Plugin} from 'vite';

const outDir = 'dist';

/** Subresource Integrity hashes of the built scripts, in the form the `integrity` attribute takes. */
function integrity(): Plugin {
  return {
    name: 'palomma-integrity',
    apply: 'build',
    closeBundle() {
      const hashes: Record<string, string> = {};
      for (const file of readdirSync(outDir)
        .filter((name) => name.endsWith('.js'))
        .sort()) {
        const digest = createHash('sha384')
          .update(readFileSync(join(outDir, file)))
          .digest('base64');
        hashes[file] = `sha384-${digest}`;
      }
      writeFileSync(join(outDir, 'integrity.json'), `${JSON.stringify(hashes, null, 2)}\n`);
    },
  };
}

/**
 * Squeezes the whitespace out of Lit's css`` and html`` templates in our own sources; HTML and CSS treat a run of
 * whitespace like one space, and the bytes count against the 15 KB budget.
 */
function minifyTemplates(): Plugin {
  return {
    name: 'palomma-minify-templates',
    apply: 'build',
    transform(code, id) {
      if (!/\/widget\/[^/]+\.ts$/.test(id)) return null;
      const out = code
        .replace(/\bcss`([^`]*)`/g, (_all, body: string) => {
          const tight = body
            .replace(/\/\*[\s\S]*?\*\//g, '')
            .replace(/\s+/g, ' ')
            .replace(/ ?([{}:;,>]) ?/g, '$1')
            .replace(/;}/g, '}')
            .trim();
          return `css\`${tight}\``;
        })
        .replace(/\bhtml`([^`]*)`/g, (_all, body: string) => {
          const tight = body.replace(/\s*\n\s*/g, ' ').replace(/> </g, '><');
          return `html\`${tight}\``;
        });
      return {code: out, map: null};
    },
  };
}

/**
 * Puts the hand-written JSX declarations beside the ones tsc emits into dist/types: they augment `react` and
 * `preact`, which this project does not install, so they cannot be compiled here, only shipped.
 */
function jsxTypes(): Plugin {
  return {
    name: 'palomma-jsx-types',
    apply: 'build',
    closeBundle() {
      mkdirSync(join(outDir, 'types'), {recursive: true});
      copyFileSync('widget/jsx.d.ts', join(outDir, 'types', 'jsx.d.ts'));
    },
  };
}

/** What each `--mode` writes: an entry, a format and a file name. */
const passes = {
  production: {entry: 'widget/index.ts', format: 'es', file: 'palomma-pay.js'},
  module: {entry: 'widget/index.ts', format: 'es', file: 'palomma-pay.module.js'},
  status: {
    entry: 'widget/status-script-tag.ts',
    format: 'iife',
    file: 'palomma-pay-status.iife.js',
  },
  script: {entry: 'widget/script-tag.ts', format: 'iife', file: 'palomma-pay.iife.js'},
} as const;

export default defineConfig(({mode}) => {
  const pass = passes[mode as keyof typeof passes] ?? passes.production;
  const last = pass === passes.script;
  const module = pass === passes.module;
  return {
    publicDir: false,
    plugins: last ? [minifyTemplates(), integrity(), jsxTypes()] : [minifyTemplates()],
    build: {
      outDir,
      // The first pass starts from an empty dist/; the others add to it.
      emptyOutDir: pass === passes.production,
      target: 'es2022',
      minify: true,
      // Maps ship beside the bundles but are not linked from them: the comment would cost bytes on every load.
      sourcemap: 'hidden',
      reportCompressedSize: false,
      rolldownOptions: {
        // contract.ts builds the proxy's zod schemas at module level; the widget only takes its constants and
        // types, so without this hint the unused schemas (and zod) would ride along in every bundle.
        treeshake: {moduleSideEffects: (id: string) => !id.endsWith('/widget/contract.ts')},
        external: module ? [/^lit(\/|$)/, /^@lit\//] : [],
        // Private members (`_name`, by the style guide) get short names where Lit is bundled too, so the mangler
        // sees Lit's own short property names and avoids them; with Lit external it could not, so no mangling.
        output: module ? {} : {minify: {mangleProps: {include: /^_[a-z]/}}},
      },
      // A classic script needs a global name only when its entry exports something; these entries export nothing.
      lib: {
        entry: pass.entry,
        formats: [pass.format],
        name: 'PalommaPay',
        fileName: () => pass.file,
      },
    },
  };
});
