import { type DataOf } from './catalogue';
import { roundPublishedV1 } from './events/competitions';
import { readFixture } from './fixtures';

/**
 * The programme's 2019 round (Akmola, Mangystau, Astana; teams of 3-5 aged 14-29; 1,000,000 KZT for six months) as
 * the contract fixture of `competitions.round.published.v1` holds it. Tests and demo data start from this one
 * round and override what they need, so the rules are written down once.
 */
export function sampleRound2019(): DataOf<'competitions.round.published.v1'> {
  const fixture = readFixture(roundPublishedV1.type) as { data: unknown };
  return roundPublishedV1.schema.parse(fixture.data);
}
