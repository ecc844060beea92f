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
  responses: Record<string, { content?: Record<string, { schema: { required?: string[] } }> }>;
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

  it('documents the errors each route can answer with, the upload body and the date format', async () => {
    const paths = (await system.call('GET', '/docs-json')).body.paths as Record<string, Record<string, Operation>>;
    const codes = (operation: Operation) => Object.keys(operation.responses).sort();
    expect(codes(paths['/measures/{id}/assign'].post)).toEqual(['200', '400', '401', '403', '413', '415', '4XX', '503']);
    expect(codes(paths['/measures'].get)).toEqual(['200', '400', '401', '4XX', '503']);
    expect(codes(paths['/auth/login'].post)).toEqual(['200', '400', '413', '415', '4XX', '503']);
    expect(codes(paths['/health'].get)).toEqual(['200', '400', '4XX', '503']);
    expect(paths['/measures'].get.responses['503'].content?.['application/json'].schema.required).toEqual(['statusCode', 'code', 'message']);
    expect(paths['/health'].get.responses['503'].content).toBeUndefined(); // the health report itself, not an error
    const upload = paths['/plans/import'].post.requestBody as unknown as { content: Record<string, unknown> };
    expect(Object.keys(upload.content).sort()).toEqual(['multipart/form-data', 'text/plain']);
    const extension = paths['/measures/{id}/extension-requests'].post.requestBody?.content['application/json'].schema.properties;
    expect(extension?.newDueDate).toMatchObject({ type: 'string', format: 'date' });
  });

  it('documents the JSON body of every success answer (downloads excepted), from the DTOs', async () => {
    const paths = (await system.call('GET', '/docs-json')).body.paths as Record<string, Record<string, Operation>>;
    const downloads = [
      'GET /reports/bulletin',
      'GET /reports/ledger',
      'GET /evidence/{id}',
      'GET /plans/{year}/completion-report/xlsx',
      'GET /bulletins/{id}/document',
      // Printable documents (PDF) and the lists' 导出 Excel.
      'GET /measures/{id}/supervision-notices/{n}/document',
      'GET /measures/{id}/accountability/{n}/document',
      'GET /audit/notices/{eventId}/document',
      'GET /measures/export',
      'GET /audit/overdue/export',
      'GET /audit/escalations/export',
      'GET /audit/scorecard/export',
      'GET /audit/notices/export',
      // 统一身份认证's browser redirects (302 to the identity provider / back into the web app).
      'GET /auth/oidc/start',
      'GET /auth/oidc/callback',
    ];
    const undocumented: string[] = [];
    for (const [route, methods] of Object.entries(paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        const success = Object.entries(operation.responses).filter(([status]) => /^2\d\d$/.test(status));
        if (!success.some(([, r]) => r.content?.['application/json']?.schema)) undocumented.push(`${method.toUpperCase()} ${route}`);
      }
    }
    expect(undocumented.sort()).toEqual(downloads.sort());
    const detail = paths['/measures/{id}'].get.responses['200'].content?.['application/json'].schema;
    expect(detail?.required).toEqual(expect.arrayContaining(['id', 'state', 'light', 'events', 'findings', 'evidenceFiles']));
    const upload = paths['/measures/{id}/evidence'].post.responses['201'].content?.['application/json'].schema;
    expect(upload?.required).toEqual(expect.arrayContaining(['id', 'sha256', 'sizeBytes', 'downloadUrl']));
  });

  it('serves the interactive documentation at /docs', async () => {
    const response = await fetch(`${system.baseUrl}/docs`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('swagger');
  });
});
