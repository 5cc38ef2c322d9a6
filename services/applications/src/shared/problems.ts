import { HttpProblem, problems } from '@zhas/service-kit';

// The problem documents of this service's domain rules. Types are stable URIs clients can switch on.

/** The command does not fit the state the resource is in (a submitted bid edited, a team formed twice). */
export function wrongState(what: string, status: string, detail: string): HttpProblem {
  // Not 'status': an extension of that name would replace the problem document's own status.
  return problems.conflict('/problems/wrong-state', detail, { resource: what, currentState: status });
}

/** The request is well formed but a rule of the round refuses it. */
export function ruleViolation(type: string, detail: string, extensions: Record<string, unknown> = {}) {
  return new HttpProblem(422, type, detail, extensions);
}

export function outsideWindow(opensAt: string, closesAt: string): HttpProblem {
  return problems.conflict(
    '/problems/outside-window',
    `The youth application window is open from ${opensAt} to ${closesAt}.`,
    { opensAt, closesAt },
  );
}

export { problems };
