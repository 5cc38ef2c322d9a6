import { Button, Group, Modal, NativeSelect, Stack, Text } from '@mantine/core';
import { type ReactNode, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../components/ProblemAlert';
import { isLanguage, type Language } from '../../i18n';
import { formatDate, formatTenge } from '../../i18n/format';
import { useSession } from '../../session';

/** The language the screen is read in (the formats follow it). */
export function useLanguage(): Language {
  const { i18n } = useTranslation();
  return isLanguage(i18n.language) ? i18n.language : 'ru';
}

export function Tenge({ amount }: { amount: number }) {
  return <>{formatTenge(amount, useLanguage())}</>;
}

export function DateText({ value }: { value: string | undefined }) {
  const language = useLanguage();
  return <>{value ? formatDate(value, language) : '—'}</>;
}

/** "1 March 2019, 10:05": an instant in Kazakhstan's time (UTC+5, no daylight saving since 2024). */
export function InstantText({ value }: { value: string | undefined }) {
  const language = useLanguage();
  if (!value) return <>—</>;
  const local = new Date(new Date(value).getTime() + 5 * 3_600_000).toISOString();
  return (
    <>
      {formatDate(local, language)}, {local.slice(11, 16)}
    </>
  );
}

/**
 * The regions a coordinator works in: those of their account, or every region for a national coordinator (the
 * service narrows every list to them anyway; the choice only filters further).
 */
export function useMyRegions(): readonly string[] | null {
  const session = useSession();
  return session.data?.authenticated ? session.data.user.regions : null;
}

export function RegionSelect({ value, onChange }: { value: string; onChange: (region: string) => void }) {
  const { t } = useTranslation();
  const mine = useMyRegions();
  const names = t('regions', { returnObjects: true }) as Record<string, string>;
  const regions = mine ?? Object.keys(names);
  return (
    <NativeSelect
      label={t('coordinator.filters.region')}
      value={value}
      onChange={(event) => onChange(event.currentTarget.value)}
      data={[
        { value: '', label: t('coordinator.filters.allRegions') },
        ...regions
          .map((region) => ({ value: region, label: names[region] ?? region }))
          .sort((a, b) => a.label.localeCompare(b.label)),
      ]}
    />
  );
}

export function regionName(t: (key: string) => string, region: string): string {
  const name = t(`regions.${region}`);
  return name === `regions.${region}` ? region : name;
}

/** The next page of a server-side list (cursor pagination): nothing loads a whole round at once. */
export function LoadMore(props: { hasNext: boolean; loading: boolean; onClick: () => void }) {
  const { t } = useTranslation();
  if (!props.hasNext) return null;
  return (
    <Button variant="default" onClick={props.onClick} loading={props.loading} w="fit-content">
      {t('coordinator.loadMore')}
    </Button>
  );
}

/**
 * An action that changes money or a person's case: asked again in a dialog that says what will happen, done once
 * (the button is disabled while it runs), and the service's refusal shown with its reason.
 */
export function ConfirmAction(props: {
  label: string;
  title: string;
  children: ReactNode;
  onConfirm: () => Promise<unknown>;
  color?: string;
  disabled?: boolean;
  /** A refused field's name in the person's language (the problem names it). */
  fieldLabel?: (field: string) => string;
}) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<unknown>(null);
  // A second click in the same instant, before the button shows it is busy, must not send the command again.
  const inFlight = useRef(false);
  const confirm = async () => {
    if (inFlight.current) return;
    inFlight.current = true;
    setRunning(true);
    setError(null);
    try {
      await props.onConfirm();
      setOpened(false);
    } catch (problem) {
      setError(problem);
    } finally {
      inFlight.current = false;
      setRunning(false);
    }
  };
  return (
    <>
      <Button
        size="sm"
        color={props.color}
        disabled={props.disabled}
        onClick={() => {
          setError(null);
          setOpened(true);
        }}
      >
        {props.label}
      </Button>
      <Modal
        opened={opened}
        onClose={() => setOpened(false)}
        title={props.title}
        closeButtonProps={{ 'aria-label': t('coordinator.close') }}
      >
        <Stack gap="sm">
          <Text component="div">{props.children}</Text>
          <ProblemAlert error={error} fieldLabel={props.fieldLabel} />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setOpened(false)}>
              {t('coordinator.cancel')}
            </Button>
            <Button color={props.color} loading={running} onClick={() => void confirm()}>
              {t('coordinator.confirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

/** Today in Kazakhstan, as an ISO date (the default of the dates a coordinator records). */
export function todayInKazakhstan(): string {
  return new Date(Date.now() + 5 * 3_600_000).toISOString().slice(0, 10);
}

/** A key made once per attempt of a command, so a retry after a lost answer has one effect. */
export function idempotencyKey(): string {
  return crypto.randomUUID();
}
