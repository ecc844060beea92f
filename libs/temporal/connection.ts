import { Client, Connection } from '@temporalio/client';

export interface TemporalTarget {
  address: string;
  namespace: string;
}

/** A client on a fresh connection; close it with `closeClient`. */
export async function connectClient(target: TemporalTarget): Promise<Client> {
  const connection = await Connection.connect({ address: target.address, connectTimeout: '5 seconds' });
  return new Client({ connection, namespace: target.namespace });
}

export async function closeClient(client: Client): Promise<void> {
  await client.connection.close();
}
