import path from 'node:path';
import {
  extendZodWithOpenApi,
  OpenApiGeneratorV31,
  OpenAPIRegistry,
  type ResponseConfig,
  type RouteConfig,
} from '@asteasolutions/zod-to-openapi';
import express, { type IRouter, type Request, type RequestHandler, type Response } from 'express';
import swaggerUi from 'swagger-ui-express';
import { z } from 'zod';
import { type Authenticator } from '../auth/authenticator';
import { hasRole } from '../auth/authorize';
import { type Principal, type Role } from '../auth/principal';
import { type FieldError, fieldErrors, HttpProblem, problems } from './problem';
import { type RateLimits, type RouteRateLimit } from './rate-limit';

// Gives every zod schema `.openapi(...)` (names, examples); idempotent, and also what `registry.register` needs.
extendZodWithOpenApi(z);

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/**
 * Who may call a route: anyone (`'public'`), anyone with a valid token (`'authenticated'`; the domain layer decides
 * the rest), or holders of one of the roles (admin counts as coordinator). Route roles are a first gate only:
 * scoping by participant, host organization and region is checked in the domain layer (see `authorize.ts`).
 */
export type RouteAuth = 'public' | 'authenticated' | { readonly roles: readonly [Role, ...Role[]] };

/** Path parameters, query and headers are objects whose keys are the parameter names. */
export type ParameterSchema = z.ZodObject;

export interface ResponseSpec {
  readonly description: string;
  /** The JSON body; the handler's body is parsed with it before sending, so undeclared fields never leave. */
  readonly schema?: z.ZodType;
  /** Response headers, for the documentation (e.g. `ETag`). */
  readonly headers?: z.ZodObject;
}

export type ResponseSpecs = Readonly<Record<number, ResponseSpec>>;

type OutputOr<S, Fallback> = S extends z.ZodType ? z.output<S> : Fallback;

type NoFields = Readonly<Record<string, never>>;

/** What a handler receives: every declared part parsed by its zod schema, and the principal. */
export interface RouteContext<P, Q, B, H, A extends RouteAuth> {
  readonly params: OutputOr<P, NoFields>;
  readonly query: OutputOr<Q, NoFields>;
  readonly body: OutputOr<B, undefined>;
  /** The declared headers, under their declared names (looked up case-insensitively). */
  readonly headers: OutputOr<H, NoFields>;
  readonly principal: A extends 'public' ? undefined : Principal;
  readonly requestId: string;
  readonly req: Request;
  readonly res: Response;
}

/** What a handler returns: one of the declared statuses, with the body its schema describes. */
export type RouteResult<R extends ResponseSpecs> = ResultFor<R, keyof R & number>;

type ResultFor<R, K> = K extends keyof R
  ? R[K] extends { readonly schema: infer S extends z.ZodType }
    ? {
        readonly status: K;
        readonly body: Immutable<z.input<S>>;
        readonly headers?: Readonly<Record<string, string>>;
      }
    : { readonly status: K; readonly body?: undefined; readonly headers?: Readonly<Record<string, string>> }
  : never;

/** Handlers may answer with readonly data (domain objects usually are); the sender never mutates it. */
type Immutable<T> = T extends string | number | boolean | bigint | symbol | null | undefined | Date
  ? T
  : { readonly [K in keyof T]: Immutable<T[K]> };

export interface RouteDefinition<
  P extends ParameterSchema | undefined,
  Q extends ParameterSchema | undefined,
  B extends z.ZodType | undefined,
  H extends ParameterSchema | undefined,
  A extends RouteAuth,
  R extends ResponseSpecs,
> {
  readonly method: HttpMethod;
  /** OpenAPI syntax: `/rounds/{roundId}/publish`; every `{name}` must be a key of `params`. */
  readonly path: string;
  readonly summary: string;
  readonly description?: string;
  readonly tags?: readonly string[];
  /** Defaults to the method and path, e.g. `post_rounds_roundId_publish`. */
  readonly operationId?: string;
  readonly deprecated?: boolean;
  readonly auth: A;
  readonly params?: P;
  /** Query values arrive as strings: use `z.coerce.number()`, `z.stringbool()` and `queryList(...)`. */
  readonly query?: Q;
  readonly body?: B;
  /** E.g. `z.object({ 'Idempotency-Key': z.string().uuid() })`. */
  readonly headers?: H;
  /**
   * `'submission'` for registrations and submissions: limited per address and per account (see `rate-limit.ts`).
   * Public routes are limited per address, and every route that needs a token refuses an address with too many
   * token failures, without asking.
   */
  readonly rateLimit?: RouteRateLimit;
  /** The success (and specific error) responses; the usual problem responses are documented automatically. */
  readonly responses: R;
  /**
   * Gets the parsed request and returns a declared status with its body. Declare the context parameter even when
   * unused (`(_context) => ...`): TypeScript then checks the returned statuses and bodies against `responses`.
   */
  readonly handler: RouteHandler<P, Q, B, H, A, NoInfer<R>>;
}

/*
 * A conditional type on purpose: TypeScript instantiates it with the responses inferred so far before it checks a
 * handler, so `status: 200` and literal fields of the body keep their literal types instead of widening. NoInfer
 * (above) keeps the handler's return from taking part in inferring the responses.
 */
export type RouteHandler<P, Q, B, H, A extends RouteAuth, R extends ResponseSpecs> = [R] extends [unknown]
  ? (context: RouteContext<P, Q, B, H, A>) => Promise<RouteResult<R>> | RouteResult<R>
  : never;

export interface ApiOptions {
  readonly title: string;
  readonly version: string;
  readonly description?: string;
  readonly servers?: readonly { readonly url: string; readonly description?: string }[];
  /** Verifies bearer tokens; required as soon as one route is not public (`deps.auth` from `startService`). */
  readonly authenticator?: Authenticator;
  /** Parse handler bodies with their response schema before sending (default true). */
  readonly validateResponses?: boolean;
  /** Where the OpenAPI document is served (default `/openapi.json`). */
  readonly openapiPath?: string;
  /** Where the docs page is served (default `/docs`); false for none. */
  readonly docsPath?: string | false;
  /** The rate limiters (`startService` passes the service's); none when absent. */
  readonly rateLimits?: RateLimits;
}

/** The OpenAPI document object produced by the generator. */
export type OpenApiDocument = ReturnType<OpenApiGeneratorV31['generateDocument']>;

/** Functions, not methods, so that they may be passed around unbound: `routes: api.mount`. */
export interface Api {
  /** The registry behind the document, for components beyond routes. */
  readonly registry: OpenAPIRegistry;
  /** Declares an endpoint once: validation, authentication, handler and documentation. */
  readonly route: <
    P extends ParameterSchema | undefined = undefined,
    Q extends ParameterSchema | undefined = undefined,
    B extends z.ZodType | undefined = undefined,
    H extends ParameterSchema | undefined = undefined,
    A extends RouteAuth = RouteAuth,
    R extends ResponseSpecs = ResponseSpecs,
  >(
    definition: RouteDefinition<P, Q, B, H, A, R>,
  ) => void;
  /** Names a schema as a component (`#/components/schemas/<name>`); use the returned schema in routes. */
  readonly schema: <S extends z.ZodType>(name: string, schema: S) => S;
  /** The OpenAPI 3.1 document of every route declared so far. */
  readonly document: () => OpenApiDocument;
  /** Adds the routes, `/openapi.json` and `/docs` to an express app or router. Call once, after every route. */
  readonly mount: (app: IRouter) => void;
}

/** An RFC 9457 problem document, as the error handler of `createHttpApp` sends it. */
export const problemDocumentSchema = z
  .looseObject({
    type: z
      .string()
      .meta({ description: 'A URI reference naming the kind of problem.', example: '/problems/validation' }),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    errors: z
      .array(
        z.object({
          field: z.string().meta({ example: 'body.budget.lines.0.amountKzt' }),
          message: z.string(),
          code: z.string().optional(),
        }),
      )
      .optional()
      .meta({ description: 'The failing fields of a 400.' }),
  })
  .meta({ description: 'An RFC 9457 problem document.' });

const PROBLEM_MEDIA_TYPE = 'application/problem+json';
const retryAfterHeader = z.object({
  'Retry-After': z.string().meta({ description: 'Seconds to wait before trying again.', example: '30' }),
});
const BEARER_SCHEME = 'bearerAuth';

const AUTOMATIC_PROBLEMS: Record<number, string> = {
  400: 'The request has invalid fields; `errors` names each of them.',
  401: 'The bearer token is missing or not valid.',
  403: 'The token does not allow this action.',
  404: 'The resource, or one the request names, does not exist.',
  409: 'The resource is in a state (or at a version) that does not allow this.',
  413: 'The request body is larger than this service accepts.',
  415: 'The body is not JSON (send `Content-Type: application/json`).',
  431: 'The request headers are larger than this service accepts.',
  422: 'This Idempotency-Key was used for a different request.',
  429: 'Too many requests (per address or account, or too many token failures); retry after `Retry-After` seconds.',
  500: 'An unexpected error; it has been logged.',
  503: 'The database was busy or unreachable; nothing was changed. Retry after the Retry-After seconds.',
};

/**
 * zod's `z.int()` accepts safe integers only, but its JSON Schema states no bound where the route set none: the
 * document then allowed integers the service refuses. Every integer schema without a bound gets the safe range.
 */
function withIntegerBounds<T>(document: T): T {
  return eachSchema(document, (schema) => {
    const types = Array.isArray(schema.type) ? (schema.type as unknown[]) : [schema.type];
    if (types.includes('integer')) {
      if (schema.maximum === undefined && schema.exclusiveMaximum === undefined)
        schema.maximum = Number.MAX_SAFE_INTEGER;
      if (schema.minimum === undefined && schema.exclusiveMinimum === undefined)
        schema.minimum = Number.MIN_SAFE_INTEGER;
    }
  });
}

/**
 * zod-to-openapi writes a nullable named schema as `allOf: [{ $ref }, { type: ['object', 'null'] }]`, which says
 * "the named object AND (an object or null)": null then matches nothing, the generated client type reads
 * `Mentor & (Record<string, never> | null)`, and schemathesis cannot read a type list inside allOf. What the route
 * means is "the named object or null": `anyOf: [{ $ref }, { type: 'null' }]`.
 */
function withNullableReferences<T>(document: T): T {
  return eachSchema(document, (schema) => {
    const parts = schema.allOf;
    if (!Array.isArray(parts) || parts.length !== 2) return;
    const [reference, nullable] = parts as Record<string, unknown>[];
    const types = nullable?.type;
    if (
      typeof reference?.$ref === 'string' &&
      Object.keys(nullable ?? {}).length === 1 &&
      Array.isArray(types) &&
      types.length === 2 &&
      types.includes('null')
    ) {
      delete schema.allOf;
      schema.anyOf = [reference, { type: 'null' }];
    }
  });
}

/** Calls `change` on every object in the document, parents before their children, and returns the document. */
function eachSchema<T>(document: T, change: (schema: Record<string, unknown>) => void): T {
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach(visit);
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    const schema = node as Record<string, unknown>;
    change(schema);
    Object.values(schema).forEach(visit);
  };
  visit(document);
  return document;
}

/** The route as stored: its types erased after `route()` checked them. */
interface StoredRoute {
  readonly method: HttpMethod;
  readonly path: string;
  readonly expressPath: string;
  readonly summary: string;
  readonly description?: string;
  readonly tags?: readonly string[];
  readonly operationId?: string;
  readonly deprecated?: boolean;
  readonly auth: RouteAuth;
  readonly params?: ParameterSchema;
  readonly query?: ParameterSchema;
  readonly body?: z.ZodType;
  readonly headers?: ParameterSchema;
  readonly rateLimit?: RouteRateLimit;
  readonly responses: ResponseSpecs;
  readonly handler: (context: StoredContext) => Promise<StoredResult> | StoredResult;
}

interface StoredContext {
  readonly params: unknown;
  readonly query: unknown;
  readonly body: unknown;
  readonly headers: unknown;
  readonly principal: Principal | undefined;
  readonly requestId: string;
  readonly req: Request;
  readonly res: Response;
}

interface StoredResult {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * A service's HTTP API: routes declared once with zod schemas give request validation (400 problem documents
 * naming every failing field), bearer authentication (401/403), typed handlers and an OpenAPI 3.1 document
 * served at `/openapi.json` with a docs page at `/docs` (docs/architecture.md, "HTTP APIs").
 */
export function createApi(options: ApiOptions): Api {
  const registry = new OpenAPIRegistry();
  const problemSchema = registry.register('ProblemDocument', problemDocumentSchema);
  registry.registerComponent('securitySchemes', BEARER_SCHEME, {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description:
      'A JWT from the identity provider; locally `npm run token -- --role <role>`. Claims: `sub`, `roles`, and ' +
      'the scoping claims `participant_id`, `host_org_id`, `regions`.',
  });
  const routes: StoredRoute[] = [];
  let mounted = false;
  let cached: OpenApiDocument | undefined;

  const api: Api = {
    registry,
    route: (definition) => {
      if (mounted) {
        throw new Error(
          `Route ${definition.method.toUpperCase()} ${definition.path} declared after mount().`,
        );
      }
      const stored = storeRoute(definition as unknown as Omit<StoredRoute, 'expressPath'>);
      if (
        routes.some((other) => other.method === stored.method && other.expressPath === stored.expressPath)
      ) {
        throw new Error(`Route ${stored.method.toUpperCase()} ${stored.path} is declared twice.`);
      }
      routes.push(stored);
      registry.registerPath(openApiOperation(stored, problemSchema));
      cached = undefined;
    },
    schema: (name, schema) => registry.register(name, schema),
    document: () => {
      cached ??= withNullableReferences(
        withIntegerBounds(
          new OpenApiGeneratorV31(registry.definitions).generateDocument({
            openapi: '3.1.0',
            info: {
              title: options.title,
              version: options.version,
              ...(options.description === undefined ? {} : { description: options.description }),
            },
            ...(options.servers ? { servers: options.servers.map((server) => ({ ...server })) } : {}),
          }),
        ),
      );
      return cached;
    },
    mount: (app) => {
      if (mounted) throw new Error('The API is already mounted.');
      mounted = true;
      const protectedRoute = routes.find((route) => route.auth !== 'public');
      if (protectedRoute && !options.authenticator) {
        throw new Error(
          `Route ${protectedRoute.method.toUpperCase()} ${protectedRoute.path} needs authentication, but the API ` +
            'has no authenticator: pass `authenticator: deps.auth` to createApi.',
        );
      }
      const router = express.Router();
      const document = api.document();
      const openapiPath = options.openapiPath ?? '/openapi.json';
      router.get(openapiPath, (_req, res) => {
        res.json(document);
      });
      if (options.docsPath !== false) mountDocs(router, options.docsPath ?? '/docs', document, openapiPath);
      // Concrete paths before templated ones at the same place (`/lotteries/verification` before
      // `/lotteries/{lotteryId}`), as OpenAPI matches them; then any other method on a path is a 405 naming those
      // that are allowed.
      const paths = [...new Set(routes.map((route) => route.expressPath))].sort(bySpecificity);
      for (const expressPath of paths) {
        const declared = routes.filter((route) => route.expressPath === expressPath);
        for (const route of declared) {
          router.route(expressPath)[route.method](...middlewareFor(route, options));
        }
        router.all(expressPath, methodNotAllowed(declared.map((route) => route.method)));
      }
      app.use(router);
    },
  };
  return api;
}

function storeRoute(definition: Omit<StoredRoute, 'expressPath'>): StoredRoute {
  const where = `${definition.method.toUpperCase()} ${definition.path}`;
  if (!definition.path.startsWith('/')) throw new Error(`${where}: the path must start with "/".`);
  const names = [...definition.path.matchAll(/\{([^{}]*)\}/g)].map((match) => match[1] ?? '');
  for (const name of names) {
    if (!/^[A-Za-z_$][\w$]*$/.test(name)) {
      throw new Error(`${where}: "{${name}}" is not a valid parameter name.`);
    }
  }
  const declared = Object.keys(definition.params?.shape ?? {});
  const missing = names.filter((name) => !declared.includes(name));
  const extra = declared.filter((name) => !names.includes(name));
  if (missing.length > 0 || extra.length > 0) {
    throw new Error(
      `${where}: the params schema must declare exactly the path parameters` +
        `${missing.length ? `; missing ${missing.join(', ')}` : ''}${extra.length ? `; not in the path: ${extra.join(', ')}` : ''}.`,
    );
  }
  // Outside {name}, these characters mean something to express (path-to-regexp 8) or are typos.
  if (/[:*?()[\]{}+!]/.test(definition.path.replace(/\{[^{}]*\}/g, ''))) {
    throw new Error(
      `${where}: use {name} for parameters; none of : * ? ( ) [ ] { } + ! elsewhere in the path.`,
    );
  }
  return { ...definition, expressPath: definition.path.replace(/\{([^{}]+)\}/g, ':$1') };
}

/** `/a/b` before `/a/:id`: the first segment where one path has a literal and the other a parameter decides. */
function bySpecificity(one: string, other: string): number {
  const a = one.split('/');
  const b = other.split('/');
  for (let index = 0; index < Math.min(a.length, b.length); index++) {
    const aParam = a[index]!.startsWith(':');
    const bParam = b[index]!.startsWith(':');
    if (aParam !== bParam) return aParam ? 1 : -1;
  }
  return 0;
}

/** 405 with `Allow` for a method the path does not declare; OPTIONS answers 204 with the same `Allow`. */
export function methodNotAllowed(methods: readonly string[]): RequestHandler {
  const upper = methods.map((method) => method.toUpperCase());
  const allow = [...new Set([...upper, ...(upper.includes('GET') ? ['HEAD'] : []), 'OPTIONS'])].join(', ');
  return (req, res, next) => {
    res.setHeader('Allow', allow);
    if (req.method === 'OPTIONS') {
      res.status(204).end();
      return;
    }
    next(
      new HttpProblem(
        405,
        '/problems/method-not-allowed',
        `${req.method} is not allowed here; use ${allow}.`,
        {
          allow: allow.split(', '),
        },
      ),
    );
  };
}

/** Rate limits, authentication, then the handler; each step answers with a problem document when it refuses. */
function middlewareFor(route: StoredRoute, options: ApiOptions): RequestHandler[] {
  const limits = options.rateLimits;
  const steps: (RequestHandler | undefined)[] = [];
  if (route.auth === 'public') steps.push(limits?.publicPerAddress);
  else steps.push(limits?.authFailures?.check);
  if (route.rateLimit === 'submission') steps.push(limits?.submissionsPerAddress);
  steps.push(authenticationFor(route, options));
  if (route.rateLimit === 'submission' && route.auth !== 'public') steps.push(limits?.submissionsPerAccount);
  steps.push(handlerFor(route, options));
  return steps.filter((step): step is RequestHandler => step !== undefined);
}

function authenticationFor(route: StoredRoute, options: ApiOptions): RequestHandler {
  return async (req, res, next) => {
    try {
      res.locals.principal = await authenticate(route, req, options.authenticator);
      next();
    } catch (error) {
      // A refused token counts against its address before the 401 goes out; a failure to count refuses nothing.
      if (error instanceof HttpProblem && error.status === 401) {
        await options.rateLimits?.authFailures?.count(req).catch(() => undefined);
      }
      next(error);
    }
  };
}

const JSON_TYPES = ['application/json', 'application/*+json'];

function handlerFor(route: StoredRoute, options: ApiOptions): RequestHandler {
  const validateResponses = options.validateResponses ?? true;
  return async (req, res, next) => {
    try {
      // A body in another format would reach the schema as nothing and be reported as missing: say what is wrong.
      const sentBody =
        req.get('transfer-encoding') !== undefined || Number(req.get('content-length') ?? '0') > 0;
      if (route.body && sentBody && req.is(JSON_TYPES) === false) {
        throw new HttpProblem(
          415,
          '/problems/unsupported-media-type',
          `The body must be JSON (Content-Type: application/json), not ${req.get('content-type') ?? 'untyped'}.`,
        );
      }
      const principal = res.locals.principal as Principal | undefined;
      const input = parseRequest(route, req);
      const result = await route.handler({
        ...input,
        principal,
        requestId: String(res.locals.requestId ?? ''),
        req,
        res,
      });
      // A handler that streamed its own response (an export, say) has nothing more to send.
      if (res.headersSent) return;
      send(route, result, res, validateResponses);
    } catch (error) {
      next(error);
    }
  };
}

async function authenticate(
  route: StoredRoute,
  req: Request,
  authenticator: Authenticator | undefined,
): Promise<Principal | undefined> {
  if (route.auth === 'public') return undefined;
  if (!authenticator) throw new Error('no authenticator');
  const principal = await authenticator.authenticate(req.get('authorization'));
  if (route.auth !== 'authenticated' && !hasRole(principal, ...route.auth.roles)) {
    throw problems.forbidden(
      `This action needs one of the roles: ${allowedRoles(route.auth.roles).join(', ')}.`,
    );
  }
  return principal;
}

/** The declared roles and those that imply them (admin may do what a coordinator may). */
function allowedRoles(roles: readonly Role[]): Role[] {
  return roles.includes('coordinator') && !roles.includes('admin') ? [...roles, 'admin'] : [...roles];
}

/** Parses every declared part and reports every failing field at once. */
function parseRequest(route: StoredRoute, req: Request) {
  const errors: FieldError[] = [];
  const parse = (
    part: 'params' | 'query' | 'body' | 'headers',
    schema: z.ZodType | undefined,
    value: unknown,
  ) => {
    if (!schema) return part === 'body' ? undefined : {};
    const result = schema.safeParse(value);
    if (result.success) return result.data;
    errors.push(...fieldErrors(part, result.error.issues));
    return undefined;
  };
  const params = parse('params', route.params, { ...req.params });
  errors.push(...unknownQueryParameters(route.query, req.query));
  const query = parse('query', route.query, req.query);
  const headers = parse('headers', route.headers, declaredHeaders(route.headers, req));
  const body = parse('body', route.body, req.body);
  if (errors.length > 0) throw problems.validation(errors);
  return { params, query, headers, body };
}

/**
 * Query parameters the operation does not declare are refused rather than ignored: a misspelt filter would
 * otherwise widen a list silently, and `?region[$ne]=x` must not look like it was honoured.
 */
function unknownQueryParameters(schema: ParameterSchema | undefined, query: unknown): FieldError[] {
  const declared = Object.keys(schema?.shape ?? {});
  const given = typeof query === 'object' && query !== null ? Object.keys(query) : [];
  const expected = declared.length === 0 ? 'it takes none' : `it takes ${declared.join(', ')}`;
  return given
    .filter((name) => !declared.includes(name))
    .map((name) => ({
      field: `query.${name}`,
      message: /[$[\]]/.test(name)
        ? `Operators and nested parameters are not accepted; ${expected}.`
        : `Unknown query parameter; ${expected}.`,
      code: 'unrecognized_keys',
    }));
}

function declaredHeaders(schema: ParameterSchema | undefined, req: Request): Record<string, string> {
  const values: Record<string, string> = {};
  for (const name of Object.keys(schema?.shape ?? {})) {
    const value = req.get(name);
    if (value !== undefined) values[name] = value;
  }
  return values;
}

function send(route: StoredRoute, result: StoredResult, res: Response, validate: boolean): void {
  const spec = route.responses[result.status];
  if (!spec) {
    throw new Error(
      `${route.method.toUpperCase()} ${route.path} answered ${result.status}, which it does not declare.`,
    );
  }
  for (const [name, value] of Object.entries(result.headers ?? {})) res.setHeader(name, value);
  if (result.status === 204 || (spec.schema === undefined && result.body === undefined)) {
    res.status(result.status).end();
    return;
  }
  let body = result.body;
  if (spec.schema && validate) {
    const parsed = spec.schema.safeParse(body);
    if (!parsed.success) {
      const fields = parsed.error.issues.map((issue) => issue.path.join('.') || '(body)').join(', ');
      throw new Error(
        `${route.method.toUpperCase()} ${route.path} answered ${result.status} with a body that does not match its ` +
          `schema (${fields}).`,
      );
    }
    body = parsed.data;
  }
  res.status(result.status).json(body);
}

function openApiOperation(route: StoredRoute, problemSchema: z.ZodType): RouteConfig {
  const isPublic = route.auth === 'public';
  const roles =
    route.auth === 'public' || route.auth === 'authenticated' ? undefined : allowedRoles(route.auth.roles);
  const access = isPublic
    ? 'Public: no token needed.'
    : roles
      ? `Requires a bearer token with one of the roles: ${roles.join(', ')}.`
      : 'Requires a bearer token (any role; the service checks access to each resource).';
  // Query parameters are checked even when none is declared (unknown ones are refused), so every route may 400.
  // 431 comes from Node's HTTP parser itself, before any route, for headers over its limit.
  const automatic = new Set<number>([400, 429, 431, 500, 503]);
  if (!isPublic) [401, 403].forEach((status) => automatic.add(status));
  if (route.params || route.query || route.body) automatic.add(404);
  if (route.body) [413, 415].forEach((status) => automatic.add(status));
  if (route.method !== 'get') automatic.add(409);
  // A key repeated with another request (idempotency.ts).
  if (route.headers?.shape && 'Idempotency-Key' in route.headers.shape) automatic.add(422);

  const responses: Record<string, ResponseConfig> = {};
  const statuses = new Set<number>([...Object.keys(route.responses).map(Number), ...automatic]);
  for (const status of [...statuses].sort((a, b) => a - b)) {
    const spec = route.responses[status];
    // 431 is Node's own answer, without a body.
    const schema = spec?.schema ?? (status >= 400 && status !== 431 ? problemSchema : undefined);
    const mediaType = spec?.schema ? 'application/json' : PROBLEM_MEDIA_TYPE;
    const headers = spec?.headers ?? (status === 429 || status === 503 ? retryAfterHeader : undefined);
    responses[String(status)] = {
      description: spec?.description ?? AUTOMATIC_PROBLEMS[status] ?? 'Error.',
      ...(headers ? { headers } : {}),
      ...(schema ? { content: { [mediaType]: { schema } } } : {}),
    };
  }
  return {
    method: route.method,
    path: route.path,
    operationId: route.operationId ?? operationIdOf(route),
    summary: route.summary,
    description: route.description === undefined ? access : `${route.description}\n\n${access}`,
    ...(route.tags ? { tags: [...route.tags] } : {}),
    ...(route.deprecated ? { deprecated: true } : {}),
    security: isPublic ? [] : [{ [BEARER_SCHEME]: [] }],
    ...(roles ? { 'x-roles': roles } : {}),
    request: {
      ...(route.params ? { params: route.params } : {}),
      ...(route.query ? { query: route.query } : {}),
      ...(route.headers ? { headers: route.headers } : {}),
      ...(route.body
        ? { body: { required: true, content: { 'application/json': { schema: route.body } } } }
        : {}),
    },
    responses,
  };
}

function operationIdOf(route: StoredRoute): string {
  const words = route.path.split(/[^A-Za-z0-9]+/).filter((word) => word !== '');
  return [route.method, ...words].join('_');
}

/** Swagger UI from the locally installed swagger-ui-dist (no CDN), reading the served document. */
function mountDocs(router: IRouter, docsPath: string, document: OpenApiDocument, openapiPath: string): void {
  // The page loads its assets relative to itself, so it must be served with a trailing slash.
  router.get(docsPath, (req, res, next) => {
    const [pathname = '', search] = req.originalUrl.split('?');
    if (pathname.endsWith('/')) {
      next();
      return;
    }
    res.redirect(301, `${pathname}/${search === undefined ? '' : `?${search}`}`);
  });
  // helmet's default policy upgrades subresources to https, which breaks the page on http://127.0.0.1.
  const docsPolicy: RequestHandler = (_req, res, next) => {
    res.setHeader(
      'Content-Security-Policy',
      "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; " +
        "object-src 'none'; base-uri 'self'; frame-ancestors 'self'; form-action 'self'",
    );
    next();
  };
  // Relative, so that the page still finds the document when a gateway serves the service under a prefix.
  const swaggerOptions = {
    customSiteTitle: document.info.title,
    customCss: '',
    swaggerUrl: path.posix.relative(docsPath, openapiPath),
  };
  router.use(
    docsPath,
    docsPolicy,
    ...swaggerUi.serveFiles(undefined, swaggerOptions),
    swaggerUi.setup(undefined, swaggerOptions),
  );
}
