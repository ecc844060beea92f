// `npm run provision`: fetch or build the Temporal CLI, the Temporal server (for `npm run cluster`) and the
// time-skipping test server into the per-user cache.
import { runCli } from '../errors';
import { provisionTemporalCli } from '../provision/temporal-cli';
import { provisionTemporalServer } from '../provision/temporal-server';
import { provisionTestServer } from '../provision/test-server';

runCli(async () => {
  const started = Date.now();
  const cli = provisionTemporalCli();
  const testServer = provisionTestServer();
  const server = provisionTemporalServer();
  console.log(`temporal CLI: ${cli.kind === 'sdk-download' ? 'SDK download at first start' : `${cli.path} (${cli.kind})`}`);
  console.log(`time-skipping test server: ${testServer}`);
  console.log(`Temporal server: ${server.server} and ${server.sqlTool} (${server.kind})`);
  console.log(`provisioned in ${Date.now() - started} ms`);
});
