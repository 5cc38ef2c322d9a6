import { MantineProvider } from '@mantine/core';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { setUpI18n } from '../../i18n';
import en from '../../i18n/locales/en.json';
import { initialScores, RubricForm, type Scores } from './RubricForm';

const criteria = [
  { code: 'social-significance', weightPercent: 60 },
  { code: 'budget', weightPercent: 40 },
];

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
  // The autosizing comment fields follow web fonts loading, which jsdom does not have.
  Object.defineProperty(document, 'fonts', {
    configurable: true,
    value: { addEventListener: () => undefined, removeEventListener: () => undefined },
  });
  await setUpI18n('en');
});
afterEach(cleanup);

function renderRubric(handlers: { onSaveDraft?: () => Promise<unknown>; onSubmit?: () => Promise<unknown> }) {
  const onSaveDraft = vi.fn<(scores: Scores) => Promise<unknown>>(
    handlers.onSaveDraft ?? (() => Promise.resolve()),
  );
  const onSubmit = vi.fn<(scores: Scores) => Promise<unknown>>(
    handlers.onSubmit ?? (() => Promise.resolve()),
  );
  render(
    <MantineProvider>
      <RubricForm
        criteria={criteria}
        draft={[{ code: 'budget', score: 70, comment: 'Realistic' }]}
        savedAt={undefined}
        onSaveDraft={onSaveDraft}
        onSubmit={onSubmit}
      />
    </MantineProvider>,
  );
  return { onSaveDraft, onSubmit };
}

describe('the rubric', () => {
  it('starts from the draft, in the order of the round', () => {
    expect(initialScores(criteria, [{ code: 'budget', score: 70, comment: 'x' }])).toEqual([
      { code: 'social-significance', score: null, comment: '' },
      { code: 'budget', score: 70, comment: 'x' },
    ]);
  });

  it('saves the draft with Ctrl+S, also from inside a field', async () => {
    const { onSaveDraft } = renderRubric({});
    const first = screen.getByLabelText(`1. ${en.review.criteria['social-significance']}`);
    await userEvent.type(first, '85');
    fireEvent.keyDown(first, { key: 's', code: 'KeyS', ctrlKey: true });
    expect(onSaveDraft).toHaveBeenCalledTimes(1);
    expect(onSaveDraft.mock.calls[0]?.[0]).toEqual([
      { code: 'social-significance', score: 85, comment: '' },
      { code: 'budget', score: 70, comment: 'Realistic' },
    ]);
  });

  it('jumps to a criterion with its number key', () => {
    renderRubric({});
    fireEvent.keyDown(document.body, { key: '2', code: 'Digit2' });
    expect(document.activeElement).toBe(screen.getByLabelText(`2. ${en.review.criteria.budget}`));
  });

  it('submits once after the confirmation, however often the button is clicked', async () => {
    let answer: () => void = () => undefined;
    const { onSubmit } = renderRubric({
      onSubmit: () =>
        new Promise<void>((resolve) => {
          answer = resolve;
        }),
    });
    await userEvent.click(screen.getByRole('button', { name: en.review.rubric.submit }));
    const dialog = await screen.findByRole('dialog');
    const confirm = within(dialog).getByRole('button', { name: en.review.rubric.confirmSubmit });
    fireEvent.click(confirm);
    fireEvent.click(confirm);
    expect(onSubmit).toHaveBeenCalledTimes(1);
    answer();
  });
});
