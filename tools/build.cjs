// Compiles the server-side TypeScript into dist/ with swc (CommonJS, legacy decorators with
// metadata for NestJS and TypeORM) and rewrites `@duban/*` aliases to relative paths.
// Incremental: a file is recompiled only when its source is newer than its output.
const fs = require('node:fs');
const path = require('node:path');
const swc = require('@swc/core');
const { root, aliasTable } = require('./aliases.cjs');

const SOURCE_DIRS = ['apps/api', 'apps/worker', 'workflows', 'activities', 'libs', 'seeds', 'test', 'bench'];
const outDir = path.join(root, 'dist');

function* walk(dir) {
  if (!fs.existsSync(dir)) return;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name === 'node_modules' || entry.name === 'dist') continue;
      yield* walk(full);
    } else if (/\.ts$/.test(entry.name) && !/\.d\.ts$/.test(entry.name)) {
      yield full;
    } else if (/\.(json|txt|sql)$/.test(entry.name)) {
      yield full;
    }
  }
}

const paths = Object.fromEntries(Object.entries(aliasTable()).map(([k, v]) => [k, [v]]));

function swcOptions(file) {
  return {
    filename: file,
    sourceMaps: 'inline',
    module: { type: 'commonjs', ignoreDynamic: true },
    jsc: {
      target: 'es2022',
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      keepClassNames: true,
      baseUrl: root,
      paths,
    },
  };
}

let compiled = 0;
for (const dir of SOURCE_DIRS) {
  for (const file of walk(path.join(root, dir))) {
    const rel = path.relative(root, file);
    const isTs = file.endsWith('.ts');
    const target = path.join(outDir, isTs ? rel.replace(/\.ts$/, '.js') : rel);
    const srcTime = fs.statSync(file).mtimeMs;
    if (fs.existsSync(target) && fs.statSync(target).mtimeMs >= srcTime) continue;
    fs.mkdirSync(path.dirname(target), { recursive: true });
    if (isTs) {
      const { code } = swc.transformFileSync(file, swcOptions(file));
      fs.writeFileSync(target, code);
    } else {
      fs.copyFileSync(file, target);
    }
    compiled++;
  }
}
if (process.env.DUBAN_BUILD_VERBOSE) console.log(`built ${compiled} file(s) into dist/`);
