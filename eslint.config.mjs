// Lint rules that keep the architecture: workflow code stays deterministic, layers import only
// what DESIGN.md allows.
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.data/**', 'apps/web/dist/**', 'test/artifacts/**', 'bench/**/*.json'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', __dirname: 'readonly', process: 'readonly', console: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Workflow code is replayed: no I/O, no clocks or randomness outside the SDK, no Node built-ins,
    // no database or HTTP framework. Activities are imported for their types only.
    files: ['workflows/**/*.ts'],
    ignores: ['workflows/**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins.map((name) => ({ name, message: 'workflow code must not use Node built-ins (it is replayed deterministically)' })),
          patterns: [
            { group: ['typeorm', 'typeorm/*', 'pg', '@nestjs/*', '@temporalio/client', '@temporalio/worker', '@temporalio/activity'], message: 'workflow code imports only @temporalio/workflow, @duban/domain and activity types' },
            { group: ['@duban/db', '@duban/runtime', '@duban/temporal', '@duban/plan-parser'], message: 'workflow code imports only @temporalio/workflow, @duban/domain and activity types' },
            { group: ['../../activities/*', '../activities/*', '@duban/activities'], allowTypeImports: true, message: 'import activities as types only (proxyActivities<typeof …>)' },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'setTimeout', message: 'use sleep() from @temporalio/workflow' },
        { name: 'setInterval', message: 'use a workflow timer loop' },
        { name: 'fetch', message: 'I/O belongs in an activity' },
        { name: 'process', message: 'workflow code must not read the environment' },
      ],
    },
  },
  {
    // The domain is pure: everything may import it, it imports nothing with side effects.
    files: ['libs/domain/**/*.ts', 'libs/plan-parser/**/*.ts'],
    ignores: ['**/*.spec.ts', 'libs/plan-parser/cli.ts', 'libs/plan-parser/main.ts', 'libs/plan-parser/*.bench.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins.map((name) => ({ name, message: 'pure code: no Node built-ins' })),
          patterns: [{ group: ['typeorm', 'pg', '@nestjs/*', '@temporalio/*', '@duban/db', '@duban/runtime', '@duban/temporal', '@duban/workflows', '@duban/activities'], message: 'pure code: no I/O layers' }],
        },
      ],
    },
  },
  {
    // The plan reader: bytes in, text out. Pure of network, files and processes; it may use the
    // document readers (mammoth and jszip, exceljs, pdfjs-dist in a worker thread, node-html-parser) and the
    // Node modules they need (a worker thread, paths to pdf.js's own data). Its fixtures and specs
    // use the writers (docx, pdfkit) and read files.
    files: ['libs/plan-reader/**/*.ts'],
    ignores: ['**/*.spec.ts', 'libs/plan-reader/*.bench.ts', 'libs/plan-reader/fixtures/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...nodeBuiltins
              .filter((name) => !['path', 'url', 'worker_threads'].includes(name.replace(/^node:/, '')))
              .map((name) => ({ name, message: 'the plan reader takes bytes: no network, files, processes or other Node I/O' })),
            ...['docx', 'pdfkit', 'iconv-lite'].map((name) => ({ name, message: 'fixture writers are for specs and fixtures only' })),
          ],
          patterns: [
            { group: ['typeorm', 'pg', '@nestjs/*', '@temporalio/*', '@duban/db', '@duban/runtime', '@duban/temporal', '@duban/workflows', '@duban/activities', '@duban/domain'], message: 'the plan reader imports only @duban/plan-parser and its document readers' },
          ],
        },
      ],
    },
  },
  {
    // The senders (@duban/delivery): one message through one channel. Node built-ins, fetch and
    // nodemailer; no database, Temporal, runtime, workflow or API code (the API and the delivery activity both use it).
    files: ['libs/delivery/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['typeorm', 'typeorm/*', 'pg', '@nestjs/*', '@temporalio/*', '@duban/db', '@duban/runtime', '@duban/temporal', '@duban/workflows', '@duban/activities', '@duban/api/*', '../db', '../db/*', '../runtime', '../runtime/*', '../temporal', '../temporal/*', '**/apps/**', '**/workflows/**', '**/activities/**'],
              message: 'the senders use only Node built-ins, fetch and nodemailer: no database, Temporal, runtime or API code',
            },
          ],
        },
      ],
    },
  },
  {
    // Apps and activities import neither TypeORM's modules nor pg: they reach the database through
    // @duban/db (a few services still pass raw SQL to its DataSource; see docs/DESIGN.md).
    files: ['apps/**/*.ts', 'activities/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['typeorm/*', 'pg'], message: 'use a repository from @duban/db' }] },
      ],
    },
  },
  {
    // The browser bundle: the API's DTOs are its contract, read for their types only (erased by the
    // bundler); server code never reaches it.
    files: ['apps/web/**/*.ts', 'apps/web/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@duban/api/*', '**/apps/api/**', '../../../api/**'], allowTypeImports: true, message: 'the web imports the API (its DTOs) as types only: import type / export type' },
            {
              group: ['@duban/db', '@duban/runtime', '@duban/temporal', '@duban/workflows', '@duban/activities', '@duban/plan-parser', 'typeorm', 'typeorm/*', 'pg', '@nestjs/*', '@temporalio/*'],
              message: 'server code does not belong in the browser bundle',
            },
          ],
        },
      ],
      // Type-checking the DTOs brings @types/node into the web program; these do not exist in a browser.
      'no-restricted-globals': ['error', ...['process', 'Buffer', 'global', 'require', '__dirname', '__filename', 'setImmediate'].map((name) => ({ name, message: 'a Node global: not in the browser' }))],
    },
  },
  {
    // DTOs are the API's contract, read by the web UI for its types: they must not reach server
    // modules (the web type-check would then load the whole server).
    files: ['apps/api/**/*.dto.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@duban/db', '@duban/temporal', '@duban/runtime', '@duban/workflows', '@duban/activities', '@duban/plan-parser', 'typeorm', 'pg', '@nestjs/*', '@temporalio/*'], message: 'DTOs stay free of server code (the web type-checks them)' },
          ],
        },
      ],
    },
  },
);
