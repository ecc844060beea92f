import * as path from 'node:path';
import * as fs from 'node:fs';
import { bundleWorkflowCode, type WorkerOptions } from '@temporalio/worker';
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

/**
 * The worker's workflow code: the prebuilt bundle at `codePath` when given (DUBAN_WORKFLOW_BUNDLE,
 * written by writeWorkflowBundle from this same checkout: a worker then starts in about a second),
 * else bundled from the sources at start-up.
 */
export function workerWorkflowCode(codePath?: string): Pick<WorkerOptions, 'workflowsPath' | 'bundlerOptions' | 'workflowBundle'> {
  if (!codePath) return workflowBundle();
  if (!fs.existsSync(codePath)) throw new Error(`DUBAN_WORKFLOW_BUNDLE: no workflow bundle at ${codePath}`);
  return { workflowBundle: { codePath } };
}

/** Bundles the workflow code once and writes it to `file` (for workers started many times). */
export async function writeWorkflowBundle(file: string): Promise<void> {
  const { workflowsPath, bundlerOptions } = workflowBundle();
  const { code } = await bundleWorkflowCode({ workflowsPath: workflowsPath!, webpackConfigHook: bundlerOptions?.webpackConfigHook });
  fs.writeFileSync(file, code);
}
