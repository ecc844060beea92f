// closeClient lets calls in flight finish before it closes the connection: a request that gave up
// on its answer (past its deadline) may leave a call that the SDK is still retrying, and an attempt
// on a closed channel throws out of a timer ("Channel has been shut down"), failing the process.
import { closeClient, connectClient } from '@duban/temporal';
import { testServices } from './helpers/services';

describe('closeClient', () => {
  it('waits for the calls in flight, then closes', async () => {
    const { temporalAddress, namespace } = testServices();
    const client = await connectClient({ address: temporalAddress, namespace });
    const calls = Array.from({ length: 20 }, () => client.workflowService.getSystemInfo({}));
    await closeClient(client);
    const answers = await Promise.allSettled(calls);
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 'fulfilled'));
    await expect(client.workflowService.getSystemInfo({})).rejects.toThrow();
  });
});
