import { Alert, Button, Loader } from '@mantine/core';
import { type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isLanguage } from '../i18n';
import { hasRole, type Role, signInUrl, useSession } from '../session';

/** A journey's screens for the roles that may use it; others are asked to sign in or told they have no access. */
export function RequireRole({ roles, children }: { roles: readonly Role[]; children: ReactNode }) {
  const { t, i18n } = useTranslation();
  const session = useSession();
  if (session.isPending) return <Loader aria-label={t('common.loading')} />;
  if (!session.data?.authenticated) {
    return (
      <Alert color="blue" title={t('auth.signInToContinue')}>
        <Button component="a" href={signInUrl(isLanguage(i18n.language) ? i18n.language : 'ru')} mt="sm">
          {t('auth.signIn')}
        </Button>
      </Alert>
    );
  }
  if (!hasRole(session.data, ...roles)) return <Alert color="yellow">{t('workspace.notAllowed')}</Alert>;
  return <>{children}</>;
}
