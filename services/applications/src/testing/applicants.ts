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

/** An applicant as the tests hold them: the participant id and a token that carries it. */
export interface Applicant {
  readonly participantId: string;
  readonly token: string;
}

/**
 * A team formed through the API, as the portal forms one: the leader founds it, invites each member, each member
 * accepts, and the leader forms it. Every step must succeed; the team's id is returned.
 */
export async function formTeam(
  test: TestService<Config>,
  leader: Applicant,
  members: readonly Applicant[],
  body: { roundId: string; region: string; hostOrganizationId?: string | null },
): Promise<string> {
  const team = await test.call<{ teamId: string }>('POST', '/teams', { token: leader.token, body });
  expect(team.status).toBe(201);
  const { teamId } = team.body;
  for (const { participantId, token } of members) {
    const invited = await test.call('POST', `/teams/${teamId}/invitations`, {
      token: leader.token,
      body: { participantId },
    });
    expect(invited.status).toBe(200);
    const accepted = await test.call('POST', `/teams/${teamId}/invitations/${participantId}/accept`, {
      token,
    });
    expect(accepted.status).toBe(200);
  }
  expect((await test.call('POST', `/teams/${teamId}/form`, { token: leader.token })).status).toBe(200);
  return teamId;
}
