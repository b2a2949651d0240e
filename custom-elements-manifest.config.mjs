// Writes dist/custom-elements.json from the elements' JSDoc (@fires, @csspart, @cssprop) and Lit's static
// properties, for IDEs, Storybook and CMS plugin authors.

/** Drops what the analyzer picks up but is not public: Lit state (`_x`) and events it could not name. */
const publicOnly = {
  name: 'palomma-public-only',
  packageLinkPhase({customElementsManifest}) {
    for (const mod of customElementsManifest.modules) {
      for (const declaration of mod.declarations ?? []) {
        declaration.attributes = declaration.attributes?.filter((a) => !a.name.startsWith('_'));
        declaration.members = declaration.members?.filter(
          (m) => !m.name.startsWith('_') && m.privacy !== 'private' && m.privacy !== 'protected',
        );
        declaration.events = declaration.events?.filter((e) => e.name?.startsWith('palomma-'));
      }
    }
  },
};

export default {
  globs: ['widget/palomma-pay.ts', 'widget/palomma-pay-status.ts', 'widget/events.ts'],
  outdir: 'dist',
  litelement: true,
  // The package.json field is the maintainers' call, not the build's.
  packagejson: false,
  plugins: [publicOnly],
};
