import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { IDEMPOTENCY_HEADER } from '../common/idempotency.interceptor';
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
  documentIdempotencyKey(document);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json', customSiteTitle: 'duban API' });
}

type Operation = { security?: unknown; parameters?: unknown[]; requestBody?: { content?: Record<string, unknown> } };

/** The optional `Idempotency-Key` header of every command (a signed-in POST that is not a multipart upload). */
function documentIdempotencyKey(document: OpenAPIObject): void {
  for (const item of Object.values(document.paths)) {
    const operation = (item as { post?: Operation }).post;
    if (!operation?.security) continue;
    const content = Object.keys(operation.requestBody?.content ?? {});
    if (content.length && content.every((type) => type.startsWith('multipart/'))) continue;
    operation.parameters = [
      ...(operation.parameters ?? []),
      {
        name: IDEMPOTENCY_HEADER,
        in: 'header',
        required: false,
        description:
          '幂等键（如 UUID，1–255 个可见 ASCII 字符）：同一用户对同一接口、同一对象以同一键重发时，24 小时内返回第一次的结果（成功或拒绝）且不再执行；' +
          '同一键用于内容不同的请求 → 422 IDEMPOTENCY_KEY_REUSED；第一次请求仍在处理 → 409 IDEMPOTENCY_KEY_IN_FLIGHT；键格式无效 → 400 IDEMPOTENCY_KEY_INVALID。',
        schema: { type: 'string', minLength: 1, maxLength: 255, pattern: '^[\\x21-\\x7E]+$' },
      },
    ];
  }
}
