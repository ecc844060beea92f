import type { AppConfig } from '@duban/runtime';

/** DI token and value for the validated settings (a class, so no string tokens are needed). */
export class ApiConfig {
  constructor(readonly values: AppConfig & { temporalAddress: string; databaseUrl: string }) {}
}
