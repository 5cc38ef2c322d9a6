import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PageTitle } from '../../components/PageTitle';

/** The entry of this workspace; its screens plug in beside it (routes.tsx). */
export default function ReviewHome() {
  const { t } = useTranslation();
  return (
    <>
      <PageTitle>{t('workspace.reviewTitle')}</PageTitle>
      <Text>{t('workspace.notYet')}</Text>
    </>
  );
}
