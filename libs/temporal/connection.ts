import { readFileSync } from 'node:fs';
import { InterceptingCall, ListenerBuilder, RequesterBuilder, type Interceptor } from '@grpc/grpc-js';
import { Client, Connection, defaultGrpcRetryOptions, makeGrpcRetryInterceptor, type TLSConfig } from '@temporalio/client';
import { ConfigError, type AppConfig } from '@duban/runtime';

/**
 * TLS and API key of a Temporal connection, as both SDKs take them (`Connection.connect` of
 * @temporalio/client and `NativeConnection.connect` of @temporalio/worker): spread into either.
 * Both absent: plain gRPC.
 */
export interface TemporalTlsOptions {
  tls?: TLSConfig;
  apiKey?: string;
}

export interface TemporalTarget extends TemporalTlsOptions {
  address: string;
  namespace: string;
}

/**
 * The one mapping from the validated config to the connection's TLS options (TEMPORAL_TLS*,
 * TEMPORAL_API_KEY): the PEM files are read now, so a certificate renewed on disk is picked up by
 * the next connection. Returns `{}` when TLS is off.
 */
export function temporalTlsOptions(config: Pick<AppConfig, 'temporalTls' | 'temporalApiKey'>): TemporalTlsOptions {
  const settings = config.temporalTls;
  if (!settings) return {};
  const tls: TLSConfig = {};
  if (settings.clientCert) {
    tls.clientCertPair = { crt: readPem('TEMPORAL_TLS_CERT', settings.clientCert.certFile), key: readPem('TEMPORAL_TLS_KEY', settings.clientCert.keyFile) };
  }
  if (settings.serverCaFile) tls.serverRootCACertificate = readPem('TEMPORAL_TLS_CA', settings.serverCaFile);
  if (settings.serverName) tls.serverNameOverride = settings.serverName;
  return config.temporalApiKey === undefined ? { tls } : { tls, apiKey: config.temporalApiKey };
}

function readPem(name: string, file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    // Not `instanceof Error`: node's errors come from another realm under Jest.
    const reason = String((error as NodeJS.ErrnoException | undefined)?.code ?? 'unreadable');
    throw new ConfigError(`invalid configuration: ${name} must be the path of a readable PEM file (${file}: ${reason})`);
  }
}

/** How long `closeClient` waits for calls still in flight (a retry backing off) before it closes. */
const CLOSE_GRACE_MS = 60_000;

/**
 * Counts the client's calls from start to their final status, outside the SDK's retry interceptor:
 * a call whose caller has given up (an API request past its deadline) may still be backing off
 * between retries, and its next attempt on a closed channel would throw out of a timer.
 */
class CallsInFlight {
  private count = 0;
  private waiters: Array<() => void> = [];

  readonly interceptor: Interceptor = (options, nextCall) => {
    const requester = new RequesterBuilder()
      .withStart((metadata, _listener, next) => {
        this.count++;
        let finished = false;
        const finish = () => {
          if (finished) return;
          finished = true;
          if (--this.count === 0) for (const wake of this.waiters.splice(0)) wake();
        };
        next(
          metadata,
          new ListenerBuilder()
            .withOnReceiveStatus((status, nextStatus) => {
              finish();
              nextStatus(status);
            })
            .build(),
        );
      })
      .build();
    return new InterceptingCall(nextCall(options), requester);
  };

  /** Resolves when no call is in flight, or after `graceMs`. */
  async settled(graceMs: number): Promise<void> {
    if (this.count === 0) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([
      new Promise<void>((resolve) => this.waiters.push(resolve)),
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, graceMs);
        timer.unref?.();
      }),
    ]);
    clearTimeout(timer);
  }
}

const inFlight = new WeakMap<Client, CallsInFlight>();

/** A client on a fresh connection; close it with `closeClient`. */
export async function connectClient(target: TemporalTarget): Promise<Client> {
  const calls = new CallsInFlight();
  const connection = await Connection.connect({
    address: target.address,
    tls: target.tls,
    apiKey: target.apiKey,
    connectTimeout: '5 seconds',
    interceptors: [calls.interceptor, makeGrpcRetryInterceptor(defaultGrpcRetryOptions())],
  });
  const client = new Client({ connection, namespace: target.namespace });
  inFlight.set(client, calls);
  return client;
}

/** Closes the connection once its calls are done (a retry that outlived its request included). */
export async function closeClient(client: Client): Promise<void> {
  await inFlight.get(client)?.settled(CLOSE_GRACE_MS);
  await client.connection.close();
}
