import { Alert, Anchor, Button, Checkbox, Fieldset, Loader, Radio, Select, Stack, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageTitle } from '../../components/PageTitle';
import { ProblemAlert } from '../../components/ProblemAlert';
import { LANGUAGES } from '../../i18n';
import { fetchPreferences, type Preferences, PREFERENCES_KEY, savePreferences } from '../../notifications';

/** The person's notification preferences: channels, at once or a daily summary, the language of messages. */
export default function SettingsScreen() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const stored = useQuery({ queryKey: PREFERENCES_KEY, queryFn: fetchPreferences });
  const [draft, setDraft] = useState<Preferences | undefined>(undefined);
  useEffect(() => {
    if (stored.data) setDraft(stored.data);
  }, [stored.data]);
  const save = useMutation({
    mutationFn: savePreferences,
    onSuccess: (saved) => {
      queryClient.setQueryData(PREFERENCES_KEY, saved);
    },
  });

  if (stored.isPending || !draft) {
    return (
      <>
        <PageTitle>{t('notifications.prefs.title')}</PageTitle>
        <ProblemAlert error={stored.error} />
        {stored.isPending ? <Loader aria-label={t('common.loading')} /> : null}
      </>
    );
  }
  const change = (next: Partial<Preferences>) => {
    save.reset();
    setDraft({ ...draft, ...next });
  };

  return (
    <>
      <PageTitle>{t('notifications.prefs.title')}</PageTitle>
      <Text mb="md">{t('notifications.prefs.intro')}</Text>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          save.mutate(draft);
        }}
      >
        <Stack gap="md" maw={560}>
          <Fieldset legend={t('notifications.prefs.channels')}>
            <Stack gap="sm">
              <Checkbox
                label={t('notifications.prefs.email')}
                description={t('notifications.prefs.emailHint')}
                checked={draft.email}
                onChange={(event) => change({ email: event.currentTarget.checked })}
              />
              <Checkbox
                label={t('notifications.prefs.sms')}
                description={t('notifications.prefs.smsHint')}
                checked={draft.sms}
                onChange={(event) => change({ sms: event.currentTarget.checked })}
              />
            </Stack>
          </Fieldset>
          <Radio.Group
            label={t('notifications.prefs.mode')}
            value={draft.mode}
            onChange={(mode) => change({ mode: mode === 'daily-digest' ? 'daily-digest' : 'immediate' })}
          >
            <Stack gap="xs" mt="xs">
              <Radio value="immediate" label={t('notifications.prefs.immediate')} />
              <Radio value="daily-digest" label={t('notifications.prefs.digest')} />
            </Stack>
          </Radio.Group>
          <Select
            label={t('notifications.prefs.language')}
            value={draft.language ?? ''}
            allowDeselect={false}
            data={[
              { value: '', label: t('notifications.prefs.languageAsContact') },
              ...LANGUAGES.map((language) => ({ value: language, label: t(`language.${language}`) })),
            ]}
            onChange={(value) =>
              change({ language: LANGUAGES.find((language) => language === value) ?? null })
            }
          />
          <ProblemAlert error={save.error} />
          {save.isSuccess ? (
            <Alert color="teal" role="status">
              {t('notifications.prefs.saved')}
            </Alert>
          ) : null}
          <div>
            <Button type="submit" loading={save.isPending}>
              {t('notifications.prefs.save')}
            </Button>
          </div>
          <Anchor component={Link} to="/notifications">
            {t('notifications.prefs.back')}
          </Anchor>
        </Stack>
      </form>
    </>
  );
}
