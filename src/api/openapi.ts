import { z } from 'zod';
import type { AnyRoute } from './route.js';

type JsonSchema = Record<string, unknown> & { properties?: Record<string, Record<string, unknown>>; required?: string[] };

const errorSchema = {
  type: 'object',
  required: ['error'],
  properties: { error: { type: 'object', required: ['code', 'message'], properties: { code: { type: 'string' }, message: { type: 'string' } } } },
};

function parametersOf(schema: z.ZodType | undefined, where: 'query' | 'path') {
  if (!schema) return [];
  const json = z.toJSONSchema(schema, { io: 'input', target: 'draft-2020-12' }) as JsonSchema;
  return Object.entries(json.properties ?? {}).map(([name, s]) => {
    const { description, ...rest } = s;
    return { name, in: where, required: where === 'path' || (json.required ?? []).includes(name), ...(description ? { description } : {}), schema: rest };
  });
}

/** The OpenAPI 3.1 document, generated from the routes' own request schemas. */
export function buildOpenApi(routes: AnyRoute[], version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const path = r.path.replace(/:([a-zA-Z]+)/g, '{$1}');
    const responses: Record<string, unknown> = {
      200: { description: r.returns, content: { 'application/json': { schema: { type: 'object' } } } },
      400: { description: 'a parameter is unknown or has a bad value (the message names it)', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
    };
    if (r.params) responses[404] = { description: 'not found', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
    if (r.auth) {
      responses[401] = { description: 'missing or wrong bearer token', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
      responses[403] = { description: 'the server was not started with --allow-ingest', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
      responses[413] = { description: 'body over the size limit', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
    }
    (paths[path] ??= {})[r.method.toLowerCase()] = {
      operationId: r.operationId,
      summary: r.summary,
      tags: [r.tag],
      parameters: [...parametersOf(r.params, 'path'), ...parametersOf(r.query, 'query')],
      ...(r.body ? { requestBody: { required: true, description: r.body.description, content: Object.fromEntries(r.body.types.map((t) => [t, { schema: { type: 'string' } }])) } } : {}),
      ...(r.auth ? { security: [{ bearer: [] }] } : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Entente API', version, description: 'Read-only JSON over the Entente store: articles, events, actors, relations, search. Every error is {"error": {"code", "message"}}.' },
    servers: [{ url: '/' }],
    paths,
    components: { schemas: { Error: errorSchema }, securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
  };
}
