import { problems } from '@zhas/service-kit';

/** A record a route looked up by its id: shown with 200 when it exists, else the 404 naming `kind` and `id`. */
export function found<T>(record: T | null | undefined, kind: string, id: string) {
  if (record === null || record === undefined) throw problems.notFound(kind, id);
  return { status: 200 as const, body: record };
}
