// Lets a plain `node` process require the TypeScript sources (compiled by swc, `@duban/*` aliases
// resolved). Used by specs that must run code in a child process, e.g. under another TZ.
const fs = require('node:fs');
const swc = require('@swc/core');
const { root, aliasTable } = require('./aliases.cjs');

const paths = Object.fromEntries(Object.entries(aliasTable()).map(([k, v]) => [k, [v]]));

require.extensions['.ts'] = (module, filename) => {
  const { code } = swc.transformSync(fs.readFileSync(filename, 'utf8'), {
    filename,
    module: { type: 'commonjs' },
    jsc: { target: 'es2022', parser: { syntax: 'typescript', decorators: true }, baseUrl: root, paths },
  });
  module._compile(code, filename);
};
