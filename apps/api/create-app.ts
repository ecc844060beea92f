import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { PLAN_UPLOAD_LIMIT_BYTES } from './plan/plan.dto';
import { AppModule } from './app.module';
import { ErrorFilter } from './errors/error.filter';
import { ApiConfig } from './infra/api-config';
import { setupOpenApi } from './openapi/setup-openapi';
import { serveWebUi } from './web/serve-web-ui';

/** Builds the HTTP app (used by the API process and by tests). */
export async function createApiApp(config: ApiConfig): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.with(config), { logger: ['error', 'warn'], bodyParser: true });
  // Plan documents arrive as raw text; read them as bytes so GBK files can be recognised too.
  app.useBodyParser('raw', { type: 'text/plain', limit: PLAN_UPLOAD_LIMIT_BYTES });
  app.useGlobalFilters(new ErrorFilter());
  app.enableShutdownHooks();
  setupOpenApi(app);
  serveWebUi(app); // the web UI at `/` and `/assets/…` only
  return app;
}
