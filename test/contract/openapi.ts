// Validates raw HTTP requests and responses against the project's FeedAMP description (docs/feedamp/openapi.yaml).
// Contract tests use it on both sides: every request the client sends and every response the
// sandbox returns. It reads the spec itself, so a misunderstanding in our code cannot hide here.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { parse as parseYaml } from 'yaml';

// ajv-formats ships CommonJS; under ESM interop its default export may be nested.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ??
  addFormatsModule) as unknown as (ajv: Ajv2020) => Ajv2020;

const OPENAPI_PATH = fileURLToPath(new URL('../../docs/feedamp/openapi.yaml', import.meta.url));

type Json = Record<string, unknown>;
interface Parameter {
  name: string;
  in: 'query' | 'header' | 'path';
  required?: boolean;
  schema?: Json;
}
interface Operation {
  parameters?: (Parameter | { $ref: string })[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: Json }> };
  responses: Record<string, Json>;
  security?: Json[];
}
interface Spec {
  paths: Record<string, Record<string, Operation>>;
  components: Json;
  security?: Json[];
}

const spec = parseYaml(readFileSync(OPENAPI_PATH, 'utf8')) as Spec;
const SPEC_ID = 'https://packline.local/openapi.json';

const ajv = new Ajv2020({
  strict: false, // the spec carries `example`, `x-feedamp-*` and other non-validation keywords
  allErrors: true,
  discriminator: false, // the spec uses `mapping`, which ajv does not support; oneOf still decides
  validateFormats: true,
});
addFormats(ajv);
ajv.addSchema({ $id: SPEC_ID, components: spec.components });

const compiled = new Map<string, ValidateFunction>();
function validatorFor(schema: Json): ValidateFunction {
  const key = JSON.stringify(schema);
  let fn = compiled.get(key);
  if (!fn) {
    // Local refs (#/components/...) must resolve against the spec document.
    const rewritten = JSON.parse(
      key.replaceAll('"#/components/', `"${SPEC_ID}#/components/`),
    ) as Json;
    fn = ajv.compile(rewritten);
    compiled.set(key, fn);
  }
  return fn;
}

function resolveRef<T>(node: T | { $ref: string }): T {
  if (node && typeof node === 'object' && '$ref' in node && typeof node.$ref === 'string') {
    const parts = node.$ref.replace(/^#\//, '').split('/');
    let cur: unknown = spec;
    for (const part of parts) cur = (cur as Json)[part];
    return resolveRef(cur as T);
  }
  return node as T;
}

interface Match {
  template: string;
  pathParams: Record<string, string>;
  operation: Operation;
}

function matchOperation(method: string, path: string): Match | string {
  const pathname = path.split('?')[0] ?? path;
  for (const [template, item] of Object.entries(spec.paths)) {
    const names: string[] = [];
    const pattern = template.replace(/\{([^}]+)\}/g, (_, name: string) => {
      names.push(name);
      return '([^/]+)';
    });
    const m = new RegExp(`^${pattern}$`).exec(pathname);
    if (!m) continue;
    const operation = item[method.toLowerCase()];
    if (!operation) return `${method.toUpperCase()} ${template} is not in openapi.yaml`;
    const pathParams = Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(m[i + 1]!)]));
    return { template, pathParams, operation };
  }
  return `no path in openapi.yaml matches ${pathname}`;
}

/** Query and header values arrive as strings; coerce them the way the schema types them. */
function coerce(value: string, schema: Json | undefined): unknown {
  const resolved = schema ? resolveRef<Json>(schema) : undefined;
  const type = resolved?.type;
  if (type === 'integer' || type === 'number') {
    return /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value;
  }
  if (type === 'boolean') return value === 'true' ? true : value === 'false' ? false : value;
  return value;
}

function ajvErrors(where: string, fn: ValidateFunction): string[] {
  return (fn.errors ?? []).map((e) =>
    `${where}${e.instancePath || ''} ${e.message ?? 'is invalid'}`.trim(),
  );
}

export interface RawRequest {
  method: string;
  path: string;
  query?: Record<string, string | string[] | undefined>;
  headers?: Record<string, string | string[] | undefined>;
  body?: unknown;
}

export interface RequestCheckOptions {
  /** The spec declares HTTP Basic on every operation; the client sends it by default. */
  requireBasicAuth?: boolean;
}

/** Every way `req` departs from openapi.yaml; [] when it conforms. */
export function validateRequest(req: RawRequest, options: RequestCheckOptions = {}): string[] {
  const match = matchOperation(req.method, req.path);
  if (typeof match === 'string') return [match];
  const { operation, pathParams } = match;
  const errors: string[] = [];
  const headers = Object.fromEntries(
    Object.entries(req.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]),
  );
  const query = { ...(req.query ?? {}) };
  const [, search] = req.path.split('?');
  if (search) {
    for (const [k, v] of new URLSearchParams(search)) query[k] ??= v;
  }
  const known = new Set<string>();
  for (const raw of operation.parameters ?? []) {
    const p = resolveRef<Parameter>(raw);
    const source: Record<string, unknown> =
      p.in === 'path' ? pathParams : p.in === 'query' ? query : headers;
    const key = p.in === 'header' ? p.name.toLowerCase() : p.name;
    if (p.in === 'query') known.add(p.name);
    const rawValue = source[key];
    const value = Array.isArray(rawValue) ? rawValue[0] : rawValue;
    if (value === undefined || value === null) {
      if (p.required) errors.push(`${p.in} parameter ${p.name} is required`);
      continue;
    }
    if (p.schema) {
      const fn = validatorFor(p.schema);
      if (!fn(coerce(String(value), p.schema))) errors.push(...ajvErrors(`${p.in} ${p.name}`, fn));
    }
  }
  for (const name of Object.keys(query)) {
    if (!known.has(name) && query[name] !== undefined)
      errors.push(`query parameter ${name} is not documented`);
  }
  const security = operation.security ?? spec.security ?? [];
  const wantsBasic = security.some((s) => 'basicAuth' in s);
  if (wantsBasic && (options.requireBasicAuth ?? true)) {
    const auth = headers['authorization'];
    if (typeof auth !== 'string' || !/^Basic [A-Za-z0-9+/=]+$/.test(auth)) {
      errors.push('header Authorization must carry HTTP Basic credentials');
    }
  }
  const bodySpec = operation.requestBody;
  if (bodySpec) {
    const schema = bodySpec.content?.['application/json']?.schema;
    if (req.body === undefined) {
      if (bodySpec.required) errors.push('request body is required');
    } else if (schema) {
      const fn = validatorFor(schema);
      if (!fn(req.body)) errors.push(...ajvErrors('body', fn));
    }
  }
  return errors;
}

export interface RawResponse {
  method: string;
  path: string;
  status: number;
  body: unknown;
}

/** Every way `res` departs from openapi.yaml; [] when it conforms. */
export function validateResponse(res: RawResponse): string[] {
  const match = matchOperation(res.method, res.path);
  if (typeof match === 'string') return [match];
  const responses = match.operation.responses;
  const declared =
    responses[String(res.status)] ?? responses[`${String(res.status)[0]}XX`] ?? responses.default;
  if (!declared) {
    return [
      `status ${res.status} is not documented for ${res.method.toUpperCase()} ${match.template}`,
    ];
  }
  const response = resolveRef<{ content?: Record<string, { schema?: Json }> }>(declared);
  const schema = response.content?.['application/json']?.schema;
  if (!schema) return [];
  if (res.body === undefined || res.body === '') return ['response body is missing'];
  const fn = validatorFor(schema);
  return fn(res.body) ? [] : ajvErrors('body', fn);
}
