import { Alert, Card, Loader, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../api/client';
import { ProblemError } from '../api/problems';
import { isLanguage, type Language } from '../i18n';
import { formatDate } from '../i18n/format';

/** The services that keep an audit trail with their records (`GET /audit-trail/{id}`, the same route in each). */
export type AuditService = 'applications' | 'tracking';

export interface AuditEntry {
  readonly at: string;
  readonly version: number;
  readonly action: string;
  readonly actor: { readonly roles: readonly string[]; readonly name?: string };
}

/**
 * A table wider than a phone scrolls sideways; its viewport takes the focus so that a keyboard can scroll it too
 * (a table with no link or button of its own would otherwise be out of a keyboard's reach).
 */
export const KEYBOARD_SCROLL = { viewportProps: { tabIndex: 0 } };

/** Under the service's own key, so that refreshing what a screen changed in a service refreshes its trails too. */
export const auditTrailKey = (service: AuditService, aggregateId: string) =>
  [service, 'audit-trail', aggregateId] as const;

async function readTrail(service: AuditService, aggregateId: string): Promise<{ items: AuditEntry[] }> {
  const options = { params: { path: { aggregateId } } };
  try {
    return await unwrap(
      service === 'applications'
        ? api.applications.GET('/audit-trail/{aggregateId}', options)
        : api.tracking.GET('/audit-trail/{aggregateId}', options),
    );
  } catch (error) {
    // A record the service never changed for a person (written from another service's events) has no trail there.
    if (error instanceof ProblemError && error.problem.status === 404) return { items: [] };
    throw error;
  }
}

/**
 * Who did what when to one record, as the owning service keeps it (newest first here). Staff are named; an
 * applicant appears by role only (the service keeps no applicant's name in the trail). Action codes are
 * translated under `coordDraw.audit.action` (`lottery.drawn` is `action.lottery.drawn`); one the locale files do not know yet is shown as its code.
 */
export function AuditTrail({
  service,
  aggregateId,
  title,
}: {
  service: AuditService;
  aggregateId: string;
  title?: string;
}) {
  const { t, i18n } = useTranslation();
  const headingId = useId();
  const trail = useQuery({
    queryKey: auditTrailKey(service, aggregateId),
    queryFn: () => readTrail(service, aggregateId),
  });
  const language = isLanguage(i18n.language) ? i18n.language : 'ru';
  const items = [...(trail.data?.items ?? [])].reverse();
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby={headingId}>
      <Title order={2} size="h4" mb="sm" id={headingId}>
        {title ?? t('coordDraw.audit.title')}
      </Title>
      {trail.isPending ? <Loader size="sm" aria-label={t('common.loading')} /> : null}
      {trail.isError ? (
        <Alert color="red" role="alert">
          {t('coordDraw.audit.unavailable')}
        </Alert>
      ) : null}
      {trail.data && items.length === 0 ? <Text c="dimmed">{t('coordDraw.audit.empty')}</Text> : null}
      {items.length > 0 ? (
        <Table.ScrollContainer minWidth={420} scrollAreaProps={KEYBOARD_SCROLL}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('coordDraw.audit.when')}</Table.Th>
                <Table.Th>{t('coordDraw.audit.who')}</Table.Th>
                <Table.Th>{t('coordDraw.audit.what')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((entry) => (
                <Table.Tr key={entry.version}>
                  <Table.Td>{whenText(entry.at, language)}</Table.Td>
                  <Table.Td>{whoText(entry, t)}</Table.Td>
                  <Table.Td>
                    {t(`coordDraw.audit.action.${entry.action}`, { defaultValue: entry.action })}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
    </Card>
  );
}

/** "7 December 2026, 16:05": in Kazakhstan's time (UTC+5), as the console writes instants. */
function whenText(at: string, language: Language): string {
  const local = new Date(new Date(at).getTime() + 5 * 3_600_000).toISOString();
  return `${formatDate(local, language)}, ${local.slice(11, 16)}`;
}

function whoText(entry: AuditEntry, t: (key: string, options?: Record<string, unknown>) => string): string {
  const roles = entry.actor.roles
    .map((role) => t(`coordDraw.audit.role.${role}`, { defaultValue: role }))
    .join(', ');
  return entry.actor.name ? `${entry.actor.name} (${roles})` : roles;
}
