// `npm run provision`: fetch or build the Temporal CLI and the time-skipping test server into the per-user cache.
import { runCli } from '../errors';
import { provisionTemporalCli } from '../provision/temporal-cli';
import { provisionTestServer } from '../provision/test-server';

runCli(async () => {
  const started = Date.now();
  const cli = provisionTemporalCli();
  const testServer = provisionTestServer();
  console.log(`temporal CLI: ${cli.kind === 'sdk-download' ? 'SDK download at first start' : `${cli.path} (${cli.kind})`}`);
  console.log(`time-skipping test server: ${testServer}`);
  console.log(`provisioned in ${Date.now() - started} ms`);
});
