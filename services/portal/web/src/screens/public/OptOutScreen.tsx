import { Alert, Anchor, Button, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { PageTitle } from '../../components/PageTitle';
import { ProblemAlert } from '../../components/ProblemAlert';
import { isOptOutService, optOut } from '../../notifications';

/**
 * Where the opt-out link of an e-mail leads: no sign-in, the link's token says whose e-mail it is. Nothing changes
 * until the person confirms (a link scanner that opens the page turns nothing off).
 */
export default function OptOutScreen() {
  const { t } = useTranslation();
  const [search] = useSearchParams();
  const service = search.get('service');
  const token = search.get('token');
  const stop = useMutation({
    mutationFn: () => {
      if (!isOptOutService(service) || !token) throw new Error('invalid link');
      return optOut(service, token);
    },
  });
  const valid = isOptOutService(service) && Boolean(token);
  return (
    <>
      <PageTitle>{t('notifications.optOut.title')}</PageTitle>
      {!valid ? <Alert color="yellow">{t('notifications.optOut.invalid')}</Alert> : null}
      {valid && !stop.isSuccess ? (
        <>
          <Text mb="md" maw={640}>
            {t('notifications.optOut.intro')}
          </Text>
          <ProblemAlert error={stop.error} />
          <Button mt="sm" color="red" loading={stop.isPending} onClick={() => stop.mutate()}>
            {t('notifications.optOut.confirm')}
          </Button>
        </>
      ) : null}
      {stop.isSuccess ? (
        <Alert color="teal" role="status" mb="md">
          {t('notifications.optOut.done')}
        </Alert>
      ) : null}
      <Text mt="lg">
        <Anchor component={Link} to="/notifications/settings">
          {t('notifications.optOut.settings')}
        </Anchor>
      </Text>
    </>
  );
}
