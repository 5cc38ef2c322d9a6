import { Alert, Button, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageTitle } from '../../components/PageTitle';
import { useSession } from '../../session';

/** The applicant's starting point: register once, then the rounds, the team and the bid. */
export default function ApplicantHome() {
  const { t } = useTranslation();
  const session = useSession();
  const participantId = session.data?.authenticated ? session.data.user.participantId : null;
  return (
    <>
      <PageTitle>{t('applicant.title')}</PageTitle>
      {participantId ? (
        <Alert color="teal" mb="md">
          {t('applicant.registered')}
        </Alert>
      ) : (
        <Alert color="blue" mb="md">
          <Text mb="sm">{t('applicant.notRegistered')}</Text>
          <Button component={Link} to="/applicant/register">
            {t('register.title')}
          </Button>
        </Alert>
      )}
      <Text>{t('applicant.comingSteps')}</Text>
    </>
  );
}
