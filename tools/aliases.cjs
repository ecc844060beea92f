// One alias table for every tool: read from tsconfig.json `paths`, so TypeScript, the swc build,
// Jest and the Temporal workflow bundle all resolve `@duban/*` the same way.
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');

function aliasTable() {
  const tsconfig = JSON.parse(fs.readFileSync(path.join(root, 'tsconfig.json'), 'utf8'));
  const table = {};
  for (const [name, [target]] of Object.entries(tsconfig.compilerOptions.paths)) {
    table[name] = path.join(root, target);
  }
  return table;
}

/** Alias → directory of the module (for webpack, which picks index.ts or index.js itself). */
function aliasDirectories(base = root) {
  const out = {};
  for (const [name, file] of Object.entries(aliasTable())) {
    out[`${name}$`] = path.join(base, path.relative(root, path.dirname(file)));
  }
  return out;
}

module.exports = { root, aliasTable, aliasDirectories };
