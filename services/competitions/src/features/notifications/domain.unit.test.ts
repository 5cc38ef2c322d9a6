import { hostRejected, hostSelected } from './domain';

const about = {
  hostApplicationId: 'hoa-2019-akmola-007',
  hostOrganizationId: 'org-0042',
  roundId: 'rnd-2019',
  region: 'akmola',
};
const staff = ['staff:user-1', 'staff:user-2'];

describe("the host organization's result", () => {
  it('tells its staff it was selected, with the rank, once per application', () => {
    const selected = { ...about, rank: 2, totalScore: 76.3, selectedAt: '2019-02-28T09:00:00.000Z' };
    expect(hostSelected(selected, staff)).toEqual({
      recipients: staff,
      notice: { template: 'host-competition-result', params: { selected: true, rank: 2 } },
      key: 'host-result:hoa-2019-akmola-007',
    });
  });

  it('tells its staff it was rejected, with the reason, under the same key', () => {
    const rejected = { ...about, reason: 'seats-filled' as const, rejectedAt: '2019-02-28T09:00:00.000Z' };
    expect(hostRejected(rejected, staff)).toEqual({
      recipients: staff,
      notice: { template: 'host-competition-result', params: { selected: false, reason: 'seats-filled' } },
      key: 'host-result:hoa-2019-akmola-007',
    });
  });
});
