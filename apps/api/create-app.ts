import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';
import { PLAN_UPLOAD_LIMIT_BYTES } from './plan/plan.dto';
import { AppModule } from './app.module';
import { ErrorFilter } from './errors/error.filter';
import { ApiConfig } from './infra/api-config';
import { setupOpenApi } from './openapi/setup-openapi';
import { useChineseZodMessages } from './common/zod-messages';
import { compressResponses } from './web/compression';
import { serveWebUi } from './web/serve-web-ui';

/** Builds the HTTP app (used by the API process and by tests). */
export async function createApiApp(config: ApiConfig): Promise<INestApplication> {
  // Validation messages zod writes itself (a wrong type, an unknown field) in Chinese, like ours.
  useChineseZodMessages();
  const app = await NestFactory.create<NestExpressApplication>(AppModule.with(config), { logger: ['error', 'warn'], bodyParser: true });
  // Whose X-Forwarded-For names the client (sign-in limits per address, session records): TRUST_PROXY.
  app.set('trust proxy', config.values.trustProxy);
  app.use(securityHeaders());
  app.use(compressResponses()); // gzip/brotli for JSON and index.html; bundles come precompressed (web/)
  // Plan documents arrive as raw text; read them as bytes so GBK files can be recognised too.
  app.useBodyParser('raw', { type: 'text/plain', limit: PLAN_UPLOAD_LIMIT_BYTES });
  app.useGlobalFilters(new ErrorFilter());
  app.enableShutdownHooks();
  setupOpenApi(app);
  serveWebUi(app); // the web UI at `/` and `/assets/…` only
  return app;
}

/**
 * Security headers on every answer (helmet). The policy allows scripts only from this origin (the
 * web UI's bundles, swagger-ui's files and its init script, which @nestjs/swagger serves as a
 * file): no inline or eval'd script. Ant Design and ECharts write inline styles, so style-src
 * alone allows 'unsafe-inline'. No upgrade-insecure-requests: duban is often reached over plain
 * HTTP inside an office network.
 */
export function securityHeaders() {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'"],
        'script-src-attr': ["'none'"],
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:', 'blob:'],
        'font-src': ["'self'", 'data:'],
        'connect-src': ["'self'"],
        'object-src': ["'none'"],
        'base-uri': ["'self'"],
        'form-action': ["'self'"],
        'frame-ancestors': ["'none'"],
      },
    },
    referrerPolicy: { policy: 'same-origin' },
  });
}
