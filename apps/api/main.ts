import { apiReachableHost, loadConfig, requireConnections, runCli } from '@duban/runtime';
import { createApiApp } from './create-app';
import { ApiConfig } from './infra/api-config';

runCli(async () => {
  const config = requireConnections(loadConfig());
  const app = await createApiApp(new ApiConfig(config));
  await app.listen(config.apiPort, config.host);
  const shown = config.host === '0.0.0.0' || config.host === '::' ? `${config.host} (all interfaces; locally http://${apiReachableHost(config)}:${config.apiPort})` : `http://${apiReachableHost(config)}:${config.apiPort}`;
  console.log(`duban api: listening on ${shown}`);
});
