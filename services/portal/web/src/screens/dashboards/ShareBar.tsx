import { Button, Group } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/** Copy the address of this exact view, print it. */
export function ShareBar() {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  return (
    <Group gap="xs" className="no-print">
      <Button
        variant="default"
        size="xs"
        onClick={() => {
          void navigator.clipboard?.writeText(window.location.href).then(
            () => setCopied(true),
            () => setCopied(false),
          );
        }}
      >
        {copied ? t('results.actions.copied') : t('results.actions.share')}
      </Button>
      <Button variant="default" size="xs" onClick={() => window.print()}>
        {t('results.actions.print')}
      </Button>
    </Group>
  );
}
