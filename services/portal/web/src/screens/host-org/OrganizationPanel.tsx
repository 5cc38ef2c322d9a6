import { Alert, Button, Card, Loader, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { idempotencyKey } from '../coordinator/common';
import { HostProblemAlert, hostProblem } from './problems';
import { HOST_KEY, type HostOrganization, useOrganization } from './queries';

/**
 * The organization the account acts for: as registered (name, BIN and the registration month read from it), or,
 * when it is not registered yet, the form that registers it. The BIN is checked by the service, which answers
 * with the field and why; the form shows that.
 */
export function OrganizationPanel({ hostOrgId }: { hostOrgId: string }) {
  const { t } = useTranslation();
  const organization = useOrganization(hostOrgId);
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="host-org-organization">
      <Title order={2} size="h3" id="host-org-organization" mb="sm">
        {t('hostOrg.organization.title')}
      </Title>
      {organization.isPending ? <Loader size="sm" aria-label={t('common.loading')} /> : null}
      <HostProblemAlert error={organization.error} />
      {organization.data ? <OrganizationFacts organization={organization.data} /> : null}
      {organization.data === null ? <RegisterOrganization /> : null}
    </Card>
  );
}

function OrganizationFacts({ organization }: { organization: HostOrganization }) {
  const { t } = useTranslation();
  return (
    <Stack gap={4}>
      <Text fw={700} size="lg" data-testid="host-org-name">
        {organization.name}
      </Text>
      {organization.bin ? (
        <Text>
          {t('hostOrg.organization.bin')}: <span data-testid="host-org-bin">{organization.bin}</span>
        </Text>
      ) : null}
      {organization.registeredOn ? (
        <Text>{t('hostOrg.organization.registeredOn', { month: organization.registeredOn })}</Text>
      ) : null}
    </Stack>
  );
}

function RegisterOrganization() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [bin, setBin] = useState('');
  // One key per filled-in form: a second click or a retry after a lost answer registers once.
  const [key, setKey] = useState(idempotencyKey);
  const register = useMutation({
    mutationFn: () =>
      unwrap(
        api.competitions.POST('/organizations', {
          params: { header: { 'Idempotency-Key': key } },
          body: { name, bin: bin.replace(/\s/g, '') },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [...HOST_KEY, 'organization'] }),
    onError: () => setKey(idempotencyKey()),
  });
  const fields = register.error ? hostProblem(register.error, t).fields : {};
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!register.isPending) register.mutate();
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm" maw={520}>
        <Alert color="blue" role="note">
          {t('hostOrg.organization.notRegistered')}
        </Alert>
        <HostProblemAlert error={register.error} />
        <TextInput
          id="field-name"
          label={t('hostOrg.fields.name')}
          required
          value={name}
          onChange={(event) => setName(event.currentTarget.value)}
          error={fields.name}
        />
        <TextInput
          id="field-bin"
          label={t('hostOrg.fields.bin')}
          description={t('hostOrg.organization.binHint')}
          inputMode="numeric"
          autoComplete="off"
          maxLength={14}
          required
          value={bin}
          onChange={(event) => setBin(event.currentTarget.value)}
          error={fields.bin}
        />
        <Button type="submit" loading={register.isPending} w="fit-content">
          {t('hostOrg.organization.register')}
        </Button>
      </Stack>
    </form>
  );
}
