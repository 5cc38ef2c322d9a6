import { Anchor, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageTitle } from '../../components/PageTitle';

export default function NotFoundScreen() {
  const { t } = useTranslation();
  return (
    <>
      <PageTitle>{t('common.notFoundTitle')}</PageTitle>
      <Text mb="md">{t('common.notFoundText')}</Text>
      <Anchor component={Link} to="/">
        {t('common.backHome')}
      </Anchor>
    </>
  );
}
