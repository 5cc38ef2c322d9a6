// Registering applicants over HTTP, as the integration tests' people do before they form teams.
import { type TestService } from '@zhas/service-kit/testing';
import { type Config } from '../config';
import { person } from './fixtures';

/** A new applicant registered through the API, with a token that carries their participant id. */
export async function registerApplicant(test: TestService<Config>, body = person()) {
  const subject = `applicant-${Math.random().toString(36).slice(2)}`;
  const reply = await test.call<{ participantId: string }>('POST', '/participants', {
    token: await test.token({ roles: ['applicant'], subject }),
    body,
  });
  expect(reply.status).toBe(201);
  return {
    participantId: reply.body.participantId,
    token: await test.token({ roles: ['applicant'], subject, participantId: reply.body.participantId }),
  };
}
