// Fills the OpenAPI document's request schemas from the zod schemas the routes validate with, so
// the document (and clients or fuzzers built from it) always matches what the API accepts.
import { METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RequestMethod, type INestApplication } from '@nestjs/common';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { DiscoveryService, Reflector } from '@nestjs/core';
import type { OpenAPIObject } from '@nestjs/swagger';
import { z } from 'zod';
import { Public } from '../auth/access.decorators';
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

const ERROR_RESPONSE = {
  description: '错误：{statusCode, code, message}',
  content: {
    'application/json': {
      schema: {
        type: 'object',
        required: ['statusCode', 'code', 'message'],
        properties: { statusCode: { type: 'integer' }, code: { type: 'string' }, message: { type: 'string' }, details: {} },
      },
    },
  },
};

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
      const isPublic = reflector.getAllAndOverride(Public, [handler as () => void, controller]);
      if (!isPublic) operation.security = [{ bearer: [] }];
      operation.responses = { ...operation.responses, '400': ERROR_RESPONSE, '4XX': ERROR_RESPONSE };
    }
  }
}
