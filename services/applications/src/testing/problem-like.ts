/** A matcher for a thrown HttpProblem with these fields, typed for `toThrow` (jest's own matchers are `any`). */
export function problemLike(fields: Record<string, unknown>): Error {
  return expect.objectContaining(fields) as Error;
}
