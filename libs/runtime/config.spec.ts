import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
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

  describe('Temporal TLS', () => {
    const address = { TEMPORAL_ADDRESS: 'ns.acct.tmprl.cloud:7233' };
    let dir: string;
    let cert: string;
    let key: string;
    let ca: string;
    beforeAll(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'duban-tls-'));
      [cert, key, ca] = ['client.pem', 'client.key', 'ca.pem'].map((name) => {
        const file = path.join(dir, name);
        fs.writeFileSync(file, `-----BEGIN ${name}-----\n-----END ${name}-----\n`);
        return file;
      });
    });
    afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

    it('is off when nothing is set', () => {
      expect(loadConfig({})).toMatchObject({ temporalTls: undefined, temporalApiKey: undefined });
      expect(loadConfig(address)).toMatchObject({ temporalTls: undefined, temporalApiKey: undefined });
      expect(loadConfig({ ...address, TEMPORAL_TLS: 'false' }).temporalTls).toBeUndefined();
    });

    it('takes a client certificate, its key, a CA and a server name', () => {
      expect(loadConfig({ ...address, TEMPORAL_TLS_CERT: cert, TEMPORAL_TLS_KEY: key, TEMPORAL_TLS_CA: ca, TEMPORAL_TLS_SERVER_NAME: 'temporal.example.gov.cn' }).temporalTls).toEqual({
        clientCert: { certFile: cert, keyFile: key },
        serverCaFile: ca,
        serverName: 'temporal.example.gov.cn',
      });
    });

    it('turns TLS on for a CA or a server name alone, and for TEMPORAL_TLS=true', () => {
      expect(loadConfig({ ...address, TEMPORAL_TLS_CA: ca }).temporalTls).toEqual({ clientCert: undefined, serverCaFile: ca, serverName: undefined });
      expect(loadConfig({ ...address, TEMPORAL_TLS_SERVER_NAME: 'frontend.internal' }).temporalTls).toMatchObject({ serverName: 'frontend.internal' });
      expect(loadConfig({ ...address, TEMPORAL_TLS: 'true' }).temporalTls).toEqual({ clientCert: undefined, serverCaFile: undefined, serverName: undefined });
      expect(() => loadConfig({ ...address, TEMPORAL_TLS: 'yes' })).toThrow('invalid configuration: TEMPORAL_TLS must be true or false');
    });

    it('refuses a certificate without its key, and a key without its certificate, plainly', () => {
      expect(() => loadConfig({ ...address, TEMPORAL_TLS_CERT: cert })).toThrow(ConfigError);
      expect(() => loadConfig({ ...address, TEMPORAL_TLS_CERT: cert })).toThrow(
        'invalid configuration: TEMPORAL_TLS_KEY must be set with TEMPORAL_TLS_CERT (the private key of the client certificate; mTLS needs both)',
      );
      expect(() => loadConfig({ ...address, TEMPORAL_TLS_KEY: key })).toThrow(/^invalid configuration: TEMPORAL_TLS_CERT must be set with TEMPORAL_TLS_KEY /);
    });

    it('refuses a file that cannot be read, by name', () => {
      const missing = path.join(dir, 'missing.pem');
      expect(() => loadConfig({ ...address, TEMPORAL_TLS_CERT: missing, TEMPORAL_TLS_KEY: key })).toThrow(
        'invalid configuration: TEMPORAL_TLS_CERT must be the path of a readable PEM file (the client certificate)',
      );
      expect(() => loadConfig({ ...address, TEMPORAL_TLS_CERT: cert, TEMPORAL_TLS_KEY: dir })).toThrow(/TEMPORAL_TLS_KEY must be the path of a readable PEM file/);
      expect(() => loadConfig({ ...address, TEMPORAL_TLS_CA: missing })).toThrow(/TEMPORAL_TLS_CA must be the path of a readable PEM file/);
    });

    it('turns TLS on for an API key and never repeats the key in a message', () => {
      const config = loadConfig({ ...address, TEMPORAL_API_KEY: 'eyJhbGciOi.secret-key' });
      expect(config.temporalApiKey).toBe('eyJhbGciOi.secret-key');
      expect(config.temporalTls).toEqual({ clientCert: undefined, serverCaFile: undefined, serverName: undefined });
      for (const env of [{ ...address, TEMPORAL_API_KEY: 'secret key\n' }, { ...address, TEMPORAL_API_KEY: 'secret-key', TEMPORAL_TLS: 'false' }, { TEMPORAL_API_KEY: 'secret-key' }]) {
        expect(() => loadConfig(env)).toThrow(ConfigError);
        try {
          loadConfig(env);
        } catch (error) {
          expect((error as Error).message).toMatch(/TEMPORAL_API_KEY/);
          expect((error as Error).message).not.toMatch(/secret/);
        }
      }
    });

    it('refuses TEMPORAL_TLS=false beside settings that need TLS', () => {
      expect(() => loadConfig({ ...address, TEMPORAL_TLS: 'false', TEMPORAL_TLS_CA: ca, TEMPORAL_API_KEY: 'k' })).toThrow(
        'invalid configuration: TEMPORAL_TLS must not be false when TEMPORAL_TLS_CA, TEMPORAL_API_KEY are set (they need TLS; leave TEMPORAL_TLS unset)',
      );
    });

    it('refuses TLS settings without TEMPORAL_ADDRESS (the embedded dev server has no TLS)', () => {
      expect(() => loadConfig({ TEMPORAL_TLS: 'true' })).toThrow(/^invalid configuration: TEMPORAL_TLS set without TEMPORAL_ADDRESS /);
      expect(() => loadConfig({ TEMPORAL_TLS_CA: ca })).toThrow(/^invalid configuration: TEMPORAL_TLS_CA set without TEMPORAL_ADDRESS /);
    });
  });
});
