import { Radio, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export interface SelectedHost {
  readonly hostOrganizationId: string;
  readonly name: string;
  readonly rank: number;
}

/** The "on its own" choice (never a host organization's id). */
export const ALONE = 'alone';

/**
 * How a team applies: on its own, or with one of the host organizations selected in its round and region (which
 * then confirms). A radio group, so the choices are read out as one question with its answers.
 */
export function HostChoice({
  hosts,
  value,
  onChange,
}: {
  hosts: readonly SelectedHost[];
  value: string;
  onChange: (hostOrganizationId: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <Radio.Group
      label={t('team.host.legend')}
      value={value}
      onChange={onChange}
      description={hosts.length === 0 ? t('team.host.none') : undefined}
    >
      <Stack gap="xs" mt="xs">
        <Radio value={ALONE} label={t('team.host.alone')} />
        {hosts.map((host) => (
          <Radio
            key={host.hostOrganizationId}
            value={host.hostOrganizationId}
            label={host.name}
            description={t('team.host.rank', { rank: host.rank })}
          />
        ))}
      </Stack>
    </Radio.Group>
  );
}
