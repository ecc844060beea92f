import * as path from 'node:path';
import type { WorkerOptions } from '@temporalio/worker';
import { repoRoot } from '@duban/runtime';

interface AliasTools {
  aliasDirectories: (base?: string) => Record<string, string>;
}

/**
 * Where the workflow code lives and how webpack resolves `@duban/*` inside Temporal's bundle —
 * from TypeScript sources under Jest, from compiled JavaScript under dist/ in the worker.
 */
export function workflowBundle(): Pick<WorkerOptions, 'workflowsPath' | 'bundlerOptions'> {
  const root = repoRoot();
  // tools/aliases.cjs is plain CommonJS shared with the build and Jest: one alias table for all.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { aliasDirectories } = require(path.join(root, 'tools', 'aliases.cjs')) as AliasTools;
  const compiled = __filename.endsWith('.js');
  const base = compiled ? path.join(root, 'dist') : root;
  return {
    workflowsPath: path.join(base, 'workflows', compiled ? 'index.js' : 'index.ts'),
    bundlerOptions: {
      webpackConfigHook: (config) => {
        config.resolve = config.resolve ?? {};
        config.resolve.alias = { ...(config.resolve.alias as Record<string, string>), ...aliasDirectories(base) };
        return config;
      },
    },
  };
}
