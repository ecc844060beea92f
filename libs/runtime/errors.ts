/**
 * A missing tool or setting the person running duban must fix. Entry points print only the
 * message (one line of what to install or set) and exit non-zero — never a stack trace.
 */
export class PrerequisiteError extends Error {
  override readonly name = 'PrerequisiteError';
}

/** Runs a CLI entry point: prints expected failures plainly and exits with a status. */
export function runCli(main: () => Promise<number | void>): void {
  main().then(
    (code) => {
      if (typeof code === 'number') process.exitCode = code;
    },
    (error: unknown) => {
      if (error instanceof PrerequisiteError || (error instanceof Error && error.name === 'ConfigError')) {
        console.error(`duban: ${error.message}`);
      } else {
        console.error('duban: unexpected failure —', error);
      }
      process.exitCode = 1;
    },
  );
}
