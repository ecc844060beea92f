// Fills the OpenAPI document's request schemas from the zod schemas the routes validate with, so
// the document (and clients or fuzzers built from it) always matches what the API accepts.
import { METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RequestMethod, SetMetadata, type INestApplication } from '@nestjs/common';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { DiscoveryService, Reflector } from '@nestjs/core';
import type { OpenAPIObject } from '@nestjs/swagger';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';
import { repoRoot } from '@duban/runtime';
import { Public, Roles } from '../auth/access.decorators';
import { ZodValidationPipe } from '../common/zod-validation.pipe';

type JsonSchema = Record<string, unknown>;
type Operation = {
  parameters?: Array<{ name: string; in: string; required?: boolean; schema?: JsonSchema }>;
  requestBody?: unknown;
  security?: unknown;
  responses?: Record<string, unknown>;
};

interface RouteArgument {
  index: number;
  data?: string;
  pipes?: unknown[];
}

const errorResponse = (description: string) => ({
  description: `${description}：{statusCode, code, message}`,
  content: {
    'application/json': {
      schema: {
        type: 'object',
        required: ['statusCode', 'code', 'message'],
        properties: { statusCode: { type: 'integer' }, code: { type: 'string' }, message: { type: 'string' }, details: {} },
      },
    },
  },
});

/** The errors every route can answer with, by status; any other 4xx has the same shape (`4XX`). */
const ERROR_RESPONSES = {
  '400': errorResponse('请求参数有误（VALIDATION_FAILED）'),
  '4XX': errorResponse('其他错误'),
  '503': errorResponse('数据库或流程服务暂时不可用，或操作已受理尚未完成（SERVICE_UNAVAILABLE、COMMAND_PENDING）'),
};
const SIGNED_IN_RESPONSES = { '401': errorResponse('未登录或登录已失效（NOT_AUTHENTICATED）') };
const ROLE_RESPONSES = { '403': errorResponse('无权操作（NOT_ALLOWED）') };
const BODY_RESPONSES = {
  '413': errorResponse('请求正文过大（PAYLOAD_TOO_LARGE）'),
  '415': errorResponse('不支持的正文类型或编码（UNSUPPORTED_MEDIA_TYPE）'),
};

const REQUEST_BODY_METADATA = 'duban:openapi-request-body';

/**
 * The JSON body of each route's success answer, by "Controller.method", generated from the
 * controllers' TypeScript return types by tools/response-schemas.cjs (kept current by `npm test`).
 */
function responseSchemas(): Record<string, JsonSchema> {
  const file = path.join(repoRoot(), 'apps', 'api', 'openapi', 'response-schemas.json');
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, JsonSchema>;
}

/** Documents the request body of a route that reads it without a zod pipe (e.g. an upload). */
export const DocumentedBody = (requestBody: { required: boolean; content: Record<string, { schema: JsonSchema }> }) =>
  SetMetadata(REQUEST_BODY_METADATA, requestBody);

function toJsonSchema(schema: z.ZodType, io: 'input' | 'output' = 'input'): JsonSchema {
  const json = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  delete json.$schema;
  return json;
}

function joinPath(...parts: Array<string | string[] | undefined>): string {
  const segments = parts.flatMap((p) => (Array.isArray(p) ? p[0] : p) ?? '').join('/');
  return `/${segments}`.replace(/\/+/g, '/').replace(/\/$/, '').replace(/:(\w+)/g, '{$1}') || '/';
}

export function enrichWithZodSchemas(app: INestApplication, document: OpenAPIObject): void {
  const bodies = responseSchemas();
  const discovery = app.get(DiscoveryService);
  const reflector = app.get(Reflector);
  for (const wrapper of discovery.getControllers()) {
    const controller = wrapper.metatype as (new (...args: never[]) => object) | undefined;
    if (!controller) continue;
    const base = Reflect.getMetadata(PATH_METADATA, controller) as string | undefined;
    for (const name of Object.getOwnPropertyNames(controller.prototype)) {
      const handler = (controller.prototype as Record<string, unknown>)[name];
      if (name === 'constructor' || typeof handler !== 'function') continue;
      const routePath = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
      const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
      if (routePath === undefined || method === undefined) continue;
      const operation = (document.paths[joinPath(base, routePath)] as Record<string, Operation> | undefined)?.[RequestMethod[method].toLowerCase()];
      if (!operation) continue;
      const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, name) ?? {}) as Record<string, RouteArgument>;
      for (const [key, argument] of Object.entries(args)) {
        const type = Number(key.split(':')[0]) as RouteParamtypes;
        const pipe = argument.pipes?.find((p): p is ZodValidationPipe<z.ZodType> => p instanceof ZodValidationPipe);
        if (!pipe) continue;
        const schema = toJsonSchema(pipe.schema);
        if (type === RouteParamtypes.BODY) {
          operation.requestBody = { required: true, content: { 'application/json': { schema } } };
        } else if (type === RouteParamtypes.PARAM && argument.data) {
          operation.parameters = [
            ...(operation.parameters ?? []).filter((p) => !(p.in === 'path' && p.name === argument.data)),
            { name: argument.data, in: 'path', required: true, schema },
          ];
        } else if (type === RouteParamtypes.QUERY) {
          const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
          const required = new Set((schema.required as string[] | undefined) ?? []);
          operation.parameters = [
            ...(operation.parameters ?? []).filter((p) => p.in !== 'query'),
            ...Object.entries(properties).map(([param, s]) => ({ name: param, in: 'query', required: required.has(param), schema: s })),
          ];
        }
      }
      const documentedBody = reflector.get<Operation['requestBody']>(REQUEST_BODY_METADATA, handler as () => void);
      if (documentedBody) operation.requestBody = documentedBody;
      const isPublic = reflector.getAllAndOverride(Public, [handler as () => void, controller]);
      if (!isPublic) operation.security = [{ bearer: [] }];
      const hasRoles = reflector.getAllAndOverride(Roles, [handler as () => void, controller]) !== undefined;
      const body = bodies[`${controller.name}.${name}`];
      if (body) {
        for (const [status, response] of Object.entries(operation.responses ?? {})) {
          if (/^2\d\d$/.test(status)) (response as { content?: unknown }).content = { 'application/json': { schema: body } };
        }
      }
      operation.responses = {
        ...ERROR_RESPONSES,
        ...(isPublic ? {} : SIGNED_IN_RESPONSES),
        ...(hasRoles ? ROLE_RESPONSES : {}),
        ...(operation.requestBody ? BODY_RESPONSES : {}),
        // What a route documents itself (its 200, or a 503 of its own like /health) wins.
        ...operation.responses,
      };
    }
  }
}
