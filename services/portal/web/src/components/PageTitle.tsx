import { Title } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

let firstPage = true;

/**
 * A screen's one h1, also the document's title. After a navigation within the app it takes the focus, so that
 * screen readers announce the new page and keyboard users start from its top (not on the first page load).
 */
export function PageTitle({ children }: { children: string }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${children} · ${t('app.name')}`;
  }, [children, t]);
  useEffect(() => {
    if (firstPage) {
      firstPage = false;
      return;
    }
    ref.current?.focus();
  }, []);
  return (
    <Title order={1} ref={ref} tabIndex={-1} mb="md" style={{ outline: 'none' }} fz={{ base: 26, sm: 32 }}>
      {children}
    </Title>
  );
}
