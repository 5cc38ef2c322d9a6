import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PageTitle } from '../../components/PageTitle';

/** The entry of this workspace; its screens plug in beside it (routes.tsx). */
export default function CoordinatorHome() {
  const { t } = useTranslation();
  return (
    <>
      <PageTitle>{t('workspace.coordinatorTitle')}</PageTitle>
      <Text>{t('workspace.notYet')}</Text>
    </>
  );
}
