import { Button, Collapse, Kbd, Table } from '@mantine/core';
import { useDisclosure, useHotkeys } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';

/** The workspace's keyboard shortcuts, one button away (and `?`): a reviewer goes through thirty bids an afternoon. */
export function ShortcutHelp({ keys }: { keys: readonly { keys: readonly string[]; what: string }[] }) {
  const { t } = useTranslation();
  const [opened, { toggle }] = useDisclosure(false);
  useHotkeys([['shift+?', toggle]]);
  return (
    <div>
      <Button
        variant="subtle"
        size="compact-sm"
        onClick={toggle}
        aria-expanded={opened}
        aria-controls="shortcuts"
      >
        {t('review.shortcuts.title')}
      </Button>
      <Collapse expanded={opened} id="shortcuts">
        <Table withTableBorder mt="xs" maw={520} fz="sm">
          <Table.Caption>{t('review.shortcuts.caption')}</Table.Caption>
          <Table.Tbody>
            {keys.map((entry) => (
              <Table.Tr key={entry.what}>
                <Table.Th scope="row" fw={400}>
                  {entry.keys.map((key, index) => (
                    <span key={key}>
                      {index > 0 ? ` ${t('review.shortcuts.or')} ` : null}
                      <Kbd>{key}</Kbd>
                    </span>
                  ))}
                </Table.Th>
                <Table.Td>{t(entry.what)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Collapse>
    </div>
  );
}

/** The shortcuts of the queues and of the rubric, as ShortcutHelp lists them. */
export const QUEUE_SHORTCUTS = [
  { keys: ['J', '↓'], what: 'review.shortcuts.next' },
  { keys: ['K', '↑'], what: 'review.shortcuts.previous' },
  { keys: ['Enter'], what: 'review.shortcuts.open' },
] as const;

export const SHEET_SHORTCUTS = [
  { keys: ['1…9'], what: 'review.shortcuts.criterion' },
  { keys: ['Tab'], what: 'review.shortcuts.tab' },
  { keys: ['Ctrl+S', '⌘S'], what: 'review.shortcuts.save' },
] as const;
