import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadConfig } from '@duban/runtime';
import { temporalTlsOptions } from './connection';

describe('temporalTlsOptions', () => {
  const address = { TEMPORAL_ADDRESS: 'temporal.example.gov.cn:7233' };
  let dir: string;
  const file = (name: string) => path.join(dir, name);
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'duban-tls-'));
    fs.writeFileSync(file('client.pem'), '-----BEGIN CERTIFICATE-----\nclient\n-----END CERTIFICATE-----\n');
    fs.writeFileSync(file('client.key'), '-----BEGIN PRIVATE KEY-----\nkey\n-----END PRIVATE KEY-----\n');
    fs.writeFileSync(file('ca.pem'), '-----BEGIN CERTIFICATE-----\nca\n-----END CERTIFICATE-----\n');
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('gives nothing (plain gRPC) when TLS is off', () => {
    expect(temporalTlsOptions(loadConfig({}))).toEqual({});
    expect(temporalTlsOptions(loadConfig(address))).toEqual({});
  });

  it('reads the certificate, key and CA into Buffers and passes the server name', () => {
    const options = temporalTlsOptions(
      loadConfig({ ...address, TEMPORAL_TLS_CERT: file('client.pem'), TEMPORAL_TLS_KEY: file('client.key'), TEMPORAL_TLS_CA: file('ca.pem'), TEMPORAL_TLS_SERVER_NAME: 'frontend.internal' }),
    );
    expect(options).toEqual({
      tls: {
        clientCertPair: { crt: fs.readFileSync(file('client.pem')), key: fs.readFileSync(file('client.key')) },
        serverRootCACertificate: fs.readFileSync(file('ca.pem')),
        serverNameOverride: 'frontend.internal',
      },
    });
    expect(Buffer.isBuffer(options.tls?.clientCertPair?.crt)).toBe(true);
    expect(Buffer.isBuffer(options.tls?.clientCertPair?.key)).toBe(true);
    expect(Buffer.isBuffer(options.tls?.serverRootCACertificate)).toBe(true);
  });

  it('passes the API key with TLS on and no other TLS setting (Temporal Cloud)', () => {
    expect(temporalTlsOptions(loadConfig({ ...address, TEMPORAL_API_KEY: 'cloud-api-key' }))).toEqual({ tls: {}, apiKey: 'cloud-api-key' });
  });

  it('turns TLS on with TEMPORAL_TLS=true alone', () => {
    expect(temporalTlsOptions(loadConfig({ ...address, TEMPORAL_TLS: 'true' }))).toEqual({ tls: {} });
  });

  it('names the setting when a file is gone by the time a connection opens', () => {
    const config = loadConfig({ ...address, TEMPORAL_TLS_CA: file('ca.pem') });
    const gone = { ...config, temporalTls: { serverCaFile: file('renewed-away.pem') } };
    expect(() => temporalTlsOptions(gone)).toThrow(/^invalid configuration: TEMPORAL_TLS_CA must be the path of a readable PEM file \(.*renewed-away\.pem: ENOENT\)$/);
  });
});
