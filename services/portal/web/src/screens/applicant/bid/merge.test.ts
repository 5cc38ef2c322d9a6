import { describe, expect, it } from 'vitest';
import { type BidContent } from './content';
import { mergeDrafts, resolveMerge } from './merge';

const base: BidContent = {
  title: 'Clean river',
  problem: 'Litter on the banks',
  goal: '',
  beneficiaries: '',
  plannedBeneficiaries: null,
  activities: [],
  budgetLines: [{ category: 'materials', amountKzt: 100_000, note: '' }],
  requestedAmountKzt: null,
  durationMonths: null,
  nonCommercialDeclared: false,
};

describe('merging a draft another member saved meanwhile', () => {
  it('takes each field from the side that changed it', () => {
    const mine = { ...base, problem: 'Litter on both banks', durationMonths: 6 };
    const theirs = { ...base, goal: 'A clean river by summer', plannedBeneficiaries: 300 };
    const merge = mergeDrafts(base, mine, theirs);
    expect(merge.conflicts).toEqual([]);
    expect(merge.merged).toEqual({
      ...base,
      problem: 'Litter on both banks',
      durationMonths: 6,
      goal: 'A clean river by summer',
      plannedBeneficiaries: 300,
    });
  });

  it('names the fields both changed differently, and loses neither version', () => {
    const mine = { ...base, title: 'River days', budgetLines: [] };
    const theirs = {
      ...base,
      title: 'Clean river project',
      budgetLines: [{ category: 'materials' as const, amountKzt: 120_000, note: '' }],
      goal: 'Summer',
    };
    const merge = mergeDrafts(base, mine, theirs);
    expect(merge.conflicts).toEqual(['title', 'budgetLines']);
    expect(resolveMerge(merge, mine, theirs, { title: 'mine', budgetLines: 'theirs' })).toEqual({
      ...base,
      title: 'River days',
      budgetLines: theirs.budgetLines,
      goal: 'Summer',
    });
    expect(resolveMerge(merge, mine, theirs, { title: 'theirs', budgetLines: 'mine' })).toMatchObject({
      title: 'Clean river project',
      budgetLines: [],
    });
  });

  it('sees no conflict when both made the same change', () => {
    const same = { ...base, title: 'River days' };
    expect(mergeDrafts(base, same, { ...same }).conflicts).toEqual([]);
  });
});
