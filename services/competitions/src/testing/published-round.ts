// Setting up what most competitions tests start from: a published round.
import { randomUUID } from 'node:crypto';
import { type TestService } from '@zhas/service-kit/testing';
import { type Config } from '../config';
import { type RoundDraft } from '../features/rounds/domain';
import { sampleRound } from './sample-round';

/** The coordinator creates the round (the sample round unless told) and publishes it; answers its id. */
export async function publishedRound(
  test: TestService<Config>,
  coordinator: string,
  draft: RoundDraft = sampleRound(),
): Promise<string> {
  const headers = () => ({ 'Idempotency-Key': randomUUID() });
  const created = await test.call<{ roundId: string; version: number }>('POST', '/rounds', {
    token: coordinator,
    headers: headers(),
    body: draft,
  });
  const { roundId, version } = created.body;
  const published = await test.call('POST', `/rounds/${roundId}/publish`, {
    token: coordinator,
    headers: headers(),
    body: { version },
  });
  if (published.status !== 200) {
    throw new Error(`the round was not published (${created.status}, then ${published.status})`);
  }
  return roundId;
}
