import { describe, expect, it } from 'vitest';
import { factsOf, formOf, unchanged } from './facts';

describe('the application form', () => {
  it('leaves out empty numbers and documents without a reference, so a half-done draft saves', () => {
    const form = {
      ...formOf('almaty', undefined),
      youthExperienceYears: 4 as const,
      documents: [
        { kind: 'charter' as const, reference: ' No. 12 of 01.02.2015 ' },
        { kind: 'other' as const, reference: '  ' },
      ],
    };
    expect(factsOf(form)).toEqual({
      youthExperienceYears: 4,
      hasTaxDebt: false,
      hasBankAccount: false,
      onUnreliableSupplierList: false,
      operatesInRegion: false,
      documents: [{ kind: 'charter', reference: 'No. 12 of 01.02.2015' }],
    });
  });

  it('reads a saved draft back into the form', () => {
    const form = formOf('astana', { capacityTeams: 3, hasBankAccount: true, documents: [] });
    expect(form).toMatchObject({
      region: 'astana',
      capacityTeams: 3,
      youthExperienceYears: '',
      hasBankAccount: true,
    });
  });

  it('says a form is unchanged when it holds what is stored, whatever the form carries besides', () => {
    const stored = {
      capacityTeams: 3,
      hasBankAccount: true,
      documents: [{ kind: 'charter' as const, reference: 'No. 1' }],
    };
    const form = formOf('astana', stored);
    expect(unchanged(form, 'astana', stored)).toBe(true);
    // A document row still empty is not something to save.
    expect(
      unchanged(
        { ...form, documents: [...form.documents, { kind: 'other', reference: ' ' }] },
        'astana',
        stored,
      ),
    ).toBe(true);
    expect(unchanged({ ...form, capacityTeams: 4 }, 'astana', stored)).toBe(false);
    expect(unchanged(form, 'almaty', stored)).toBe(false);
    expect(unchanged({ ...form, documents: [] }, 'astana', stored)).toBe(false);
  });
});
