import { parseEvent } from '@zhas/contracts';
import { resultsProgramme } from './results-programme';

describe('the programme for results tests', () => {
  it('is made of events the contracts accept, the same for the same seed', () => {
    const first = resultsProgramme();
    expect(first.events.length).toBeGreaterThan(1000);
    for (const entry of first.events)
      expect(() => parseEvent(JSON.parse(JSON.stringify(entry)))).not.toThrow();
    const again = resultsProgramme();
    expect(again.participants).toEqual(first.participants);
    expect(again.projects).toBe(first.projects);
  });

  it('has regions on both sides of the 2022 change and a region too small to publish', () => {
    const { participants } = resultsProgramme();
    expect(participants[2018]?.['almaty-region']).toBeGreaterThan(5);
    expect(participants[2023]?.zhetisu).toBeGreaterThan(5);
    expect(participants[2023]?.ulytau).toBeLessThan(5);
  });
});
