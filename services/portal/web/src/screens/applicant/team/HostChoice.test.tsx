import { MantineProvider } from '@mantine/core';
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { setUpI18n } from '../../../i18n';
import en from '../../../i18n/locales/en.json';
import { ALONE, HostChoice } from './HostChoice';

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

const hosts = [
  { hostOrganizationId: 'org-1', name: 'Youth Centre', rank: 1 },
  { hostOrganizationId: 'org-2', name: 'Nur Fund', rank: 2 },
];

describe('the choice of a host organization', () => {
  it('asks one question: on its own, or one of the selected organizations with its rank', async () => {
    const onChange = vi.fn();
    render(
      <MantineProvider>
        <HostChoice hosts={hosts} value={ALONE} onChange={onChange} />
      </MantineProvider>,
    );
    const group = screen.getByRole('radiogroup', { name: en.team.host.legend });
    expect(group).toBeDefined();
    expect(screen.getByRole<HTMLInputElement>('radio', { name: en.team.host.alone }).checked).toBe(true);
    expect(screen.getByText('rank 2 in the region')).toBeDefined();
    await userEvent.click(screen.getByRole('radio', { name: 'Nur Fund' }));
    expect(onChange).toHaveBeenCalledWith('org-2');
  });

  it('says when the region has no selected organization yet, and still offers to apply alone', () => {
    render(
      <MantineProvider>
        <HostChoice hosts={[]} value={ALONE} onChange={() => undefined} />
      </MantineProvider>,
    );
    expect(screen.getByText(en.team.host.none)).toBeDefined();
    expect(screen.getAllByRole('radio')).toHaveLength(1);
  });
});
