import { ConfigError, loadConfig, requireConnections } from './config';

describe('config', () => {
  it('has embedded defaults', () => {
    expect(loadConfig({})).toMatchObject({ temporalAddress: undefined, databaseUrl: undefined, apiPort: 3000, temporalNamespace: 'default' });
  });

  it('names every bad value in one clear error', () => {
    expect(() => loadConfig({ PORT: 'abc', TEMPORAL_ADDRESS: 'nohost', DATABASE_URL: 'mysql://x' })).toThrow(ConfigError);
    try {
      loadConfig({ PORT: '99999', TEMPORAL_ADDRESS: 'nohost', DATABASE_URL: 'mysql://x' });
    } catch (error) {
      expect((error as Error).message).toMatch(/PORT must be 1–65535/);
      expect((error as Error).message).toMatch(/TEMPORAL_ADDRESS must look like host:port/);
      expect((error as Error).message).toMatch(/DATABASE_URL must be a postgres/);
    }
  });

  it('requires both connections for a stand-alone worker or API', () => {
    expect(() => requireConnections(loadConfig({ DATABASE_URL: 'postgres://u@h/db' }))).toThrow(/TEMPORAL_ADDRESS must be set/);
  });
});
