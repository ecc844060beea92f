import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { enrichWithZodSchemas } from './zod-openapi';

/** OpenAPI UI at /docs and the document at /docs-json, built once at start from the routes. */
export function setupOpenApi(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('duban 督办 API')
    .setDescription('工作要点督办：交办、承办、审核、办结、预警催办督办问责、检查整改复查。错误统一为 {statusCode, code, message}。')
    .setVersion('0.1.0')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, 'bearer')
    .build();
  const document = SwaggerModule.createDocument(app, config);
  enrichWithZodSchemas(app, document);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json', customSiteTitle: 'duban API' });
}
