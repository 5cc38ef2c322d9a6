import { type z } from 'zod';

/** One failing field of a request, as it appears in a problem document's `errors`. */
export interface FieldError {
  /** Where the field is: `body`, `query`, `params` or `headers`, then the path, e.g. `body.budget.lines.0.amountKzt`. */
  readonly field: string;
  readonly message: string;
  readonly code?: string;
}

/** An RFC 9457 problem document. */
export interface ProblemDocument {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail?: string;
  readonly instance?: string;
  readonly errors?: readonly FieldError[];
  readonly [extension: string]: unknown;
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  428: 'Precondition Required',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/**
 * An error that becomes a problem document. Domain code throws these (or returns them) and the HTTP layer renders
 * them; `type` is a stable URI-reference naming the kind of problem, e.g. `/problems/outside-window`.
 */
export class HttpProblem extends Error {
  override readonly name = 'HttpProblem';
  constructor(
    readonly status: number,
    readonly type: string,
    readonly detail?: string,
    readonly extensions: Record<string, unknown> = {},
    /** Response headers that belong with the problem, e.g. `WWW-Authenticate` on a 401 or `Retry-After`. */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(detail ?? TITLES[status] ?? `HTTP ${status}`);
  }

  toDocument(instance?: string): ProblemDocument {
    // Extensions first: one named like a standard member (`status`, `type`) must never replace it.
    return {
      ...this.extensions,
      type: this.type,
      title: TITLES[this.status] ?? 'Error',
      status: this.status,
      ...(this.detail === undefined ? {} : { detail: this.detail }),
      ...(instance === undefined ? {} : { instance }),
    };
  }
}

export const problems = {
  validation: (errors: readonly FieldError[], detail = 'The request has invalid fields.') =>
    new HttpProblem(400, '/problems/validation', detail, { errors }),
  badRequest: (type: string, detail: string, extensions?: Record<string, unknown>) =>
    new HttpProblem(400, type, detail, extensions),
  /** A 401 always carries a challenge (RFC 9110 section 11.6.1); `Bearer` unless the caller says more. */
  unauthorized: (detail: string, challenge = 'Bearer') =>
    new HttpProblem(401, '/problems/unauthorized', detail, {}, { 'WWW-Authenticate': challenge }),
  forbidden: (detail: string) => new HttpProblem(403, '/problems/forbidden', detail),
  notFound: (what: string, id?: string) =>
    new HttpProblem(
      404,
      '/problems/not-found',
      id === undefined ? `${what} not found.` : `${what} ${id} not found.`,
    ),
  conflict: (type: string, detail: string, extensions?: Record<string, unknown>) =>
    new HttpProblem(409, type, detail, extensions),
  staleVersion: (expected: number, actual: number) =>
    new HttpProblem(
      409,
      '/problems/stale-version',
      `The resource is at version ${actual}, not ${expected}; reload it and apply the change again.`,
      {
        expectedVersion: expected,
        currentVersion: actual,
      },
    ),
};

/** Turns zod issues for one part of a request into field errors named from that part. */
export function fieldErrors(
  part: 'body' | 'query' | 'params' | 'headers',
  issues: readonly z.core.$ZodIssue[],
): FieldError[] {
  return issues.map((issue) => ({
    field: [part, ...issue.path.map(String)].join('.'),
    message: issue.message,
    code: issue.code,
  }));
}
