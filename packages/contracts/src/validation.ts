import { type z } from 'zod';

/** One reason an event does not meet its contract, with the failing path, e.g. 'data.members[0]'. */
export interface ContractIssue {
  readonly path: string;
  readonly code: string;
  readonly message: string;
}

/** Thrown by producers' helpers (createEvent) when an event would break its contract: a bug, not bad input. */
export class ContractViolation extends Error {
  override readonly name = 'ContractViolation';

  constructor(
    /** The event type that was being built, e.g. 'applications.bid.submitted.v1'. */
    readonly type: string,
    readonly issues: readonly ContractIssue[],
  ) {
    super(
      `${type} violates its contract: ${issues.map((issue) => `${issue.path || '(root)'}: ${issue.message}`).join('; ')}`,
    );
  }
}

/** 'data.members[0].participantId' from ['data', 'members', 0, 'participantId']. */
export function formatPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else text += text === '' ? String(segment) : `.${String(segment)}`;
  }
  return text;
}

export function issuesFromZod(error: z.ZodError, prefix: readonly PropertyKey[] = []): ContractIssue[] {
  return error.issues.map((issue) => ({
    path: formatPath([...prefix, ...issue.path]),
    code: issue.code,
    message: issue.message,
  }));
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Paths of keys present in `input` but dropped from `output`, the result of parsing `input` with a schema that
 * strips unknown keys. Comparing the two is a deep "strict" check that works through unions and nested objects
 * without rebuilding the schema. Keys whose value is undefined are ignored: JSON drops them anyway.
 */
export function unknownKeyPaths(
  input: unknown,
  output: unknown,
  path: readonly PropertyKey[] = [],
): string[] {
  if (Array.isArray(input) && Array.isArray(output)) {
    const length = Math.min(input.length, output.length);
    const found: string[] = [];
    for (let index = 0; index < length; index++) {
      found.push(...unknownKeyPaths(input[index], output[index], [...path, index]));
    }
    return found;
  }
  if (isPlainObject(input) && isPlainObject(output)) {
    const found: string[] = [];
    for (const [key, value] of Object.entries(input)) {
      if (value === undefined) continue;
      if (!Object.hasOwn(output, key)) found.push(formatPath([...path, key]));
      else found.push(...unknownKeyPaths(value, output[key], [...path, key]));
    }
    return found;
  }
  return [];
}

/** The strict check as contract issues. */
export function unknownKeyIssues(
  input: unknown,
  output: unknown,
  prefix: readonly PropertyKey[] = [],
): ContractIssue[] {
  return unknownKeyPaths(input, output, prefix).map((path) => ({
    path,
    code: 'unrecognized_keys',
    message: 'Unknown key: not part of this event version (add it to the schema first)',
  }));
}
