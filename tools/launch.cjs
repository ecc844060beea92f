// Builds (incrementally) and then runs a compiled entry point in this same process, so the
// signals npm forwards (Ctrl-C, SIGTERM) reach duban directly rather than an intermediate shell.
// Usage: node tools/launch.cjs <entry without extension, relative to the repo root> [args…]
const path = require('node:path');

const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  console.error('usage: node tools/launch.cjs <entry> [args…]');
  process.exit(2);
}
require('./build.cjs');
process.argv = [process.argv[0], path.join(__dirname, '..', 'dist', `${entry}.js`), ...args];
require(process.argv[1]);
