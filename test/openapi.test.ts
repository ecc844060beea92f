// The OpenAPI document is generated from the routes and the zod schemas they validate with.
import { startTestSystem, type TestSystem } from './helpers/system';

let system: TestSystem;

beforeAll(async () => {
  system = await startTestSystem('openapi');
}, 60_000);

afterAll(() => system?.stop());

interface Operation {
  requestBody?: { content: { 'application/json': { schema: { properties: Record<string, unknown>; required?: string[] } } } };
  parameters?: Array<{ name: string; in: string; schema: Record<string, unknown> }>;
  security?: unknown[];
}

describe('OpenAPI', () => {
  it('documents every route with its request schema and who needs a token', async () => {
    const response = await system.call('GET', '/docs-json');
    expect(response.status).toBe(200);
    const paths = response.body.paths as Record<string, Record<string, Operation>>;
    for (const path of ['/auth/login', '/health', '/plans/import', '/plans/{year}', '/measures/{id}/assign', '/measures/{id}/approve', '/findings/{id}/verification']) {
      expect(Object.keys(paths)).toContain(path);
    }
    const assign = paths['/measures/{id}/assign'].post;
    expect(assign.requestBody?.content['application/json'].schema.required).toEqual(expect.arrayContaining(['assigneeId', 'leadDepartment', 'dueDate']));
    expect(assign.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'id', in: 'path' })]));
    expect(assign.security).toEqual([{ bearer: [] }]);
    expect(paths['/health'].get.security).toBeUndefined();
    expect(paths['/auth/login'].post.security).toBeUndefined();
  });

  it('serves the interactive documentation at /docs', async () => {
    const response = await fetch(`${system.baseUrl}/docs`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('swagger');
  });
});
