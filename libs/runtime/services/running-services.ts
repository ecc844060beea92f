import type { AppConfig } from '../config';
import { PrerequisiteError } from '../errors';
import { embeddedDatabaseUrl } from './embedded-postgres';
import { portIsOpen } from './wait';

/**
 * For admin tools run beside the system: the services named in the env, else those of a running
 * `npm start` on their default ports.
 */
export async function runningServices(config: AppConfig): Promise<{ temporalAddress: string; databaseUrl: string }> {
  const temporalAddress = config.temporalAddress ?? `127.0.0.1:${config.temporalPort}`;
  const databaseUrl = config.databaseUrl ?? embeddedDatabaseUrl(config.postgresPort);
  if (!config.databaseUrl && !(await portIsOpen(config.postgresPort))) {
    throw new PrerequisiteError('duban is not running: start it with `npm start` (or set DATABASE_URL and TEMPORAL_ADDRESS)');
  }
  return { temporalAddress, databaseUrl };
}
