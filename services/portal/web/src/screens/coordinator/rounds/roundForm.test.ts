import { describe, expect, it } from 'vitest';
import { bodyOf, fieldKey, formOf, fromLocalInput, inputId, toLocalInput } from './roundForm';

const round = {
  roundId: 'r-1',
  version: 3,
  status: 'draft' as const,
  rulesVersion: 0,
  year: 2027,
  title: { kk: 'Жас жоба 2027', ru: 'Жас Проект 2027', en: 'Zhas Project 2027' },
  regions: ['almaty', 'astana'],
  hostApplicationWindow: { opensAt: '2027-01-14T04:00:00.000Z', closesAt: '2027-02-14T18:59:00.000Z' },
  rules: {
    grantCeilingKzt: 1_500_000,
    tranchePercentages: [50, 50],
    ageRange: { min: 14, max: 34 },
    regionQuotas: [{ region: 'almaty', hostOrganizationSeats: 2, projectQuota: 5 }],
  },
  previousVersions: [],
  createdAt: '2026-12-01T00:00:00.000Z',
  updatedAt: '2026-12-01T00:00:00.000Z',
};

describe('the round editor', () => {
  it("shows windows in Kazakhstan's time and sends them back in UTC", () => {
    expect(toLocalInput('2027-01-14T04:00:00.000Z')).toBe('2027-01-14T09:00');
    expect(fromLocalInput('2027-01-14T09:00')).toBe('2027-01-14T04:00:00.000Z');
    expect(fromLocalInput('not a date')).toBe('not a date');
  });

  it('round-trips what it shows, keeping the rules it does not show', () => {
    const body = bodyOf(formOf(round), round);
    expect(body.hostApplicationWindow).toEqual(round.hostApplicationWindow);
    expect(body.youthApplicationWindow).toBeUndefined();
    expect(body.rules?.tranchePercentages).toEqual([50, 50]);
    expect(body.rules?.regionQuotas).toEqual([
      { region: 'almaty', hostOrganizationSeats: 2, projectQuota: 5 },
      // A region of the round without a quota yet: sent as typed (empty), for the service to name it.
      { region: 'astana', hostOrganizationSeats: '', projectQuota: '' },
    ]);
  });

  it('sends an edited rule, and text that is not a number as typed for the service to name', () => {
    const form = {
      ...formOf(round),
      grantCeilingKzt: '2 000 000',
      tranchePercentages: '40, 60',
      ageMax: 'x',
    };
    const body = bodyOf(form, round);
    expect(body.rules?.grantCeilingKzt).toBe(2_000_000);
    expect(body.rules?.tranchePercentages).toEqual([40, 60]);
    expect(body.rules?.ageRange).toEqual({ min: 14, max: 'x' });
  });

  it("names a service's field by its label key, with the quota's index", () => {
    expect(fieldKey('body.rules.regionQuotas.1.projectQuota')).toEqual({
      key: 'rules_regionQuotas_projectQuota',
      index: 1,
    });
    expect(fieldKey('youthApplicationWindow.opensAt')).toEqual({ key: 'youthApplicationWindow_opensAt' });
    expect(inputId('body.rules.ageRange.max')).toBe('field-rules.ageRange.max');
  });
});
