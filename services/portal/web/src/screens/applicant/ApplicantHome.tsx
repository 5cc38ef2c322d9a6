import { Alert, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
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
      <Alert color={participantId ? 'teal' : 'blue'} mb="md">
        {participantId ? t('applicant.registered') : t('applicant.notRegistered')}
      </Alert>
      <Text>{t('applicant.comingSteps')}</Text>
    </>
  );
}
