import { ActionIcon, Indicator } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useHasNotifications, useUnreadCount } from '../notifications';

/** The header's way to the notifications, with the unread count; only for people who have notifications. */
export function NotificationBell() {
  const { t } = useTranslation();
  const has = useHasNotifications();
  const unread = useUnreadCount();
  if (!has) return null;
  const count = unread.data ?? 0;
  return (
    <Indicator label={count} size={18} color="red" disabled={count === 0} offset={4}>
      <ActionIcon
        component={Link}
        to="/notifications"
        variant="default"
        size="lg"
        aria-label={t('notifications.bell', { count })}
        data-testid="notification-bell"
      >
        <svg
          viewBox="0 0 24 24"
          width="20"
          height="20"
          aria-hidden="true"
          fill="none"
          stroke="currentColor"
          strokeWidth="2"
        >
          <path d="M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" />
          <path d="M13.73 21a2 2 0 0 1-3.46 0" />
        </svg>
      </ActionIcon>
    </Indicator>
  );
}
