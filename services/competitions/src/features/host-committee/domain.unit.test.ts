import { type Actor, refusalOf, reviewerIdOf } from '@zhas/domain';
import { sampleRound } from '../../testing/sample-round';
import { type RoundState } from '../rounds/domain';
import { assignCommittee, canSeeCommittee, refuseUnlessAssigned } from './domain';

const now = new Date('2019-02-20T05:00:00.000Z');
const national: Actor = { subject: 'c1', roles: ['coordinator'] };
const ofAkmola: Actor = { subject: 'c2', roles: ['coordinator'], regions: ['akmola'] };
const ofAstana: Actor = { subject: 'c3', roles: ['coordinator'], regions: ['astana'] };
const member: Actor = { subject: 'm1', roles: ['committee'], regions: ['akmola'] };
const other: Actor = { subject: 'm2', roles: ['committee'], regions: ['akmola'] };
const content = sampleRound() as unknown as NonNullable<RoundState['content']>;
const published = { status: 'published' as const, content };
const region = content.regions[0]!;

describe("a region's host-organization committee", () => {
  it('is assigned by a coordinator of the region, each member once', () => {
    for (const actor of [national, ofAkmola]) {
      const decided = assignCommittee(actor, published, 'rnd-1', region, ['m1', 'm2', 'm1'], undefined, now);
      expect(decided).toMatchObject({ kind: 'assigned', committee: { region, memberIds: ['m1', 'm2'] } });
    }
  });

  it.each([
    ['a coordinator of another region', ofAstana, published, region, undefined, 'forbidden'],
    ['a committee member', member, published, region, undefined, 'forbidden'],
    ['a draft round', national, { status: 'draft' as const }, region, undefined, 'round-not-open'],
    ['a region the round does not run', national, published, 'abai', undefined, 'region-not-in-round'],
    ['a confirmed selection', national, published, region, '2019-02-19T10:00:00.000Z', 'selection-confirmed'],
  ])('is refused for %s', (_, actor, round, where, confirmedAt, code) => {
    expect(refusalOf(assignCommittee(actor, round, 'rnd-1', where, ['m1'], confirmedAt, now)).code).toBe(
      code,
    );
  });

  it('lets only its members score once assigned; every member of the region before', () => {
    expect(refuseUnlessAssigned(other, null)).toBeUndefined();
    const committee = { region, memberIds: [reviewerIdOf('m1')] };
    expect(refuseUnlessAssigned(member, committee)).toBeUndefined();
    expect(refuseUnlessAssigned(other, committee)?.error.code).toBe('forbidden');
  });

  it('is read by coordinators and committee members of the region', () => {
    expect(canSeeCommittee(member, 'akmola')).toBe(true);
    expect(canSeeCommittee(ofAstana, 'akmola')).toBe(false);
    expect(canSeeCommittee({ subject: 'h', roles: ['host_org'] }, 'akmola')).toBe(false);
  });
});
