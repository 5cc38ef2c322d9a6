import { Alert, Button, Checkbox, Group, List, Modal, Radio, Stack, Text, Textarea } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../../api/client';
import { describeProblem, ProblemError } from '../../../api/problems';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { COMPETITIONS_KEY } from '../rounds/queries';
import { OrganizationName } from './OrganizationName';
import { HOST_INELIGIBILITY_REASONS, type HostApplication, type HostIneligibilityReason } from './queries';

/**
 * The coordinator's review of the eligibility the rules decided at submission: confirmed or changed, with the
 * reasons and a note saying why (documents checked, a certificate missing). The service decides what is allowed
 * (no reasons for an eligible one, at least one for an ineligible one) and publishes the reviewed decision.
 */
export function EligibilityReview({ application }: { application: HostApplication }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const current = application.eligibility;
  const [opened, setOpened] = useState(false);
  const [decision, setDecision] = useState<'eligible' | 'ineligible'>(
    application.status === 'ineligible' ? 'ineligible' : 'eligible',
  );
  const [reasons, setReasons] = useState<HostIneligibilityReason[]>([...(current?.reasons ?? [])]);
  const [note, setNote] = useState('');
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const described = error instanceof ProblemError ? describeProblem(error.problem, t) : null;
  // The service names the field; what it asks for is said in the dialog's own words.
  const fields = described
    ? Object.fromEntries(
        Object.keys(described.fields).map((field) => [field, t(`coordRound.host.fieldProblem.${field}`)]),
      )
    : {};
  const idOf = (field: string) => `field-${application.hostApplicationId}-${field}`;
  const save = async () => {
    setRunning(true);
    setError(null);
    try {
      await unwrap(
        api.competitions.POST('/host-applications/{hostApplicationId}/eligibility-review', {
          params: { path: { hostApplicationId: application.hostApplicationId } },
          body: {
            version: application.version,
            decision,
            reasons: decision === 'ineligible' ? reasons : [],
            note,
          },
        }),
      );
      setOpened(false);
      await queryClient.invalidateQueries({ queryKey: COMPETITIONS_KEY });
    } catch (problem) {
      setError(problem);
    } finally {
      setRunning(false);
    }
  };
  return (
    <>
      <Button size="xs" variant="default" onClick={() => setOpened(true)}>
        {t('coordRound.host.review')}
      </Button>
      <Modal
        opened={opened}
        onClose={() => setOpened(false)}
        title={t('coordRound.host.reviewTitle')}
        closeButtonProps={{ 'aria-label': t('coordinator.close') }}
      >
        <form
          onSubmit={(event) => {
            event.preventDefault();
            if (!running) void save();
          }}
        >
          <Stack gap="sm">
            <Text fw={600}>
              <OrganizationName organizationId={application.hostOrganizationId} />
            </Text>
            <Radio.Group
              label={t('coordRound.host.decision')}
              value={decision}
              onChange={(value) => setDecision(value)}
            >
              <Group gap="md" mt={4}>
                <Radio value="eligible" label={t('coordRound.host.status.eligible')} />
                <Radio value="ineligible" label={t('coordRound.host.status.ineligible')} />
              </Group>
            </Radio.Group>
            {decision === 'ineligible' ? (
              <Checkbox.Group
                id={idOf('reasons')}
                label={t('coordRound.host.reasons')}
                value={reasons}
                onChange={(value) => setReasons(value)}
                error={fields.reasons}
              >
                <Stack gap={6} mt={4}>
                  {HOST_INELIGIBILITY_REASONS.map((reason) => (
                    <Checkbox key={reason} value={reason} label={t(`coordRound.host.reason.${reason}`)} />
                  ))}
                </Stack>
              </Checkbox.Group>
            ) : null}
            <Textarea
              id={idOf('note')}
              label={t('coordRound.host.note')}
              description={t('coordRound.host.noteHelp')}
              value={note}
              onChange={(event) => setNote(event.currentTarget.value)}
              error={fields.note}
              autosize
              minRows={2}
            />
            {described && Object.keys(fields).length > 0 ? (
              <Alert color="red" role="alert" title={t('errors.summaryTitle')}>
                <List size="sm">
                  {Object.entries(fields).map(([field, message]) => (
                    <List.Item key={field}>
                      <a href={`#${idOf(field)}`}>
                        {t(`coordRound.host.${field === 'reasons' ? 'reasons' : 'note'}`)}
                      </a>
                      : {message}
                    </List.Item>
                  ))}
                </List>
              </Alert>
            ) : (
              <ProblemAlert error={error} />
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setOpened(false)}>
                {t('coordinator.cancel')}
              </Button>
              <Button type="submit" loading={running}>
                {t('coordRound.host.saveReview')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
