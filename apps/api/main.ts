import { loadConfig, requireConnections, runCli } from '@duban/runtime';
import { createApiApp } from './create-app';
import { ApiConfig } from './infra/api-config';

runCli(async () => {
  const config = requireConnections(loadConfig());
  const app = await createApiApp(new ApiConfig(config));
  await app.listen(config.apiPort, '127.0.0.1');
  console.log(`duban api: listening on http://127.0.0.1:${config.apiPort}`);
});
