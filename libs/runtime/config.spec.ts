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

  it('reads TRUST_PROXY as express takes it and refuses anything else by name', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8,fd00::/8' }).trustProxy).toEqual(['loopback', '10.0.0.0/8', 'fd00::/8']);
    for (const bad of ['yes', '10.0.0.0/33', 'proxy.example', '1.2.3.4/8/9']) {
      expect(() => loadConfig({ TRUST_PROXY: bad })).toThrow(/TRUST_PROXY must be false, true/);
    }
  });

  it('keeps the API on loopback unless HOST says otherwise', () => {
    expect(loadConfig({}).host).toBe('127.0.0.1');
    expect(loadConfig({ HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
    expect(() => loadConfig({ HOST: 'a b' })).toThrow(/HOST must be an interface/);
  });
});
