import { metrics } from '@opentelemetry/api';

/** Counters of the notification sender; no-ops until the service's telemetry registers a meter provider. */
const meter = metrics.getMeter('@zhas/notifications');

export const notificationMetrics = {
  recorded: meter.createCounter('zhas.notifications.recorded', {
    description: 'Notices recorded for a person (one per person and event, however often it arrives)',
  }),
  sent: meter.createCounter('zhas.notifications.sent', { description: 'Messages handed to a channel' }),
  retried: meter.createCounter('zhas.notifications.retried', {
    description: 'Failed sends that will be tried again',
  }),
  failed: meter.createCounter('zhas.notifications.failed', {
    description: 'Deliveries given up after the last attempt (listed for admins)',
  }),
  skipped: meter.createCounter('zhas.notifications.skipped', {
    description: 'Deliveries not sent: opted out, no address, channel not configured',
  }),
};
