import { MantineProvider } from '@mantine/core';
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { setUpI18n } from '../../../i18n';
import en from '../../../i18n/locales/en.json';
import { type Bid, type BidContent } from './content';
import { ConflictPanel } from './ConflictPanel';
import { mergeDrafts } from './merge';

const base: BidContent = {
  title: 'Clean river',
  problem: '',
  goal: '',
  beneficiaries: '',
  plannedBeneficiaries: null,
  activities: [],
  budgetLines: [],
  requestedAmountKzt: null,
  durationMonths: null,
  nonCommercialDeclared: false,
};

beforeAll(async () => {
  // Mantine reads the colour scheme from media queries, which jsdom does not evaluate.
  Object.defineProperty(window, 'matchMedia', {
    configurable: true,
    value: (query: string) => ({
      matches: false,
      media: query,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
    }),
  });
  await setUpI18n('en');
});
afterEach(cleanup);

describe('the conflict panel', () => {
  it('shows both versions of a field both members changed, and saves only once each is chosen', async () => {
    const mine = { ...base, title: 'River days', goal: 'Summer' };
    const theirs = { ...base, title: 'Clean river project', problem: 'Litter' };
    const merge = mergeDrafts(base, mine, theirs);
    const onResolve = vi.fn();
    render(
      <MantineProvider>
        <ConflictPanel
          conflict={{ merge, mine, theirs: { content: theirs, version: 3 } as Bid }}
          onResolve={onResolve}
        />
      </MantineProvider>,
    );
    expect(screen.getByText('River days')).toBeDefined();
    expect(screen.getByText('Clean river project')).toBeDefined();
    // Only the title is asked about: the goal and the problem were changed by one side each.
    expect(screen.queryByText(en.bid.fields.goal)).toBeNull();
    const apply = screen.getByRole('button', { name: en.bid.conflict.apply });
    expect(apply).toHaveProperty('disabled', true);
    await userEvent.click(screen.getByRole('radio', { name: new RegExp(en.bid.conflict.mine) }));
    expect(apply).toHaveProperty('disabled', false);
    await userEvent.click(apply);
    expect(onResolve).toHaveBeenCalledWith({ title: 'mine' });
  });
});
