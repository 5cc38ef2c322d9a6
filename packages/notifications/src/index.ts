import { type Logger } from 'pino';
import { loggingSmsChannel, smtpEmailChannel } from './channels';
import { type NotificationConfig, notificationConfigProblems, policyOf } from './config';
import { Notifications, type NotificationsOptions } from './notifications';
import { type ContactDirectory } from './sender';

export { templates, templateIds, isTemplateId } from './templates/catalogue';
export type { Content, ParamsOf, TemplateId, TemplateDefinition } from './templates/catalogue';
export { renderContent, renderDigest, renderEmail } from './templates/render';
export type { Notice, EmailContent } from './templates/render';
export { stipendWithheldReasons, grievanceOutcomes } from './templates/words';
export type { StipendWithheldReason, GrievanceOutcome } from './templates/words';
export * from './delivery';
export { signOptOut, verifyOptOut } from './opt-out';
export type { OptOut } from './opt-out';
export { smtpEmailChannel, loggingSmsChannel, describeSendError, redactContacts } from './channels';
export type { EmailChannel, SmsChannel, OutgoingEmail, OutgoingSms } from './channels';
export { NotificationStore, noticeId, INBOX_SIZE } from './store';
export type { NotificationDocument, RecipientDocument, QueueEntry, FailureRecord } from './store';
export { NotificationSender } from './sender';
export type { Contact, ContactDirectory, SenderOptions } from './sender';
export { Notifications } from './notifications';
export type { InboxEntry, NotificationsOptions } from './notifications';
export { declareNotificationRoutes } from './routes';
export { tell, sendTells } from './tell';
export type { Tell } from './tell';
export type { NotificationRoutesOptions } from './routes';
export { notificationConfigShape, notificationConfigProblems, policyOf } from './config';
export type { NotificationConfig } from './config';

/**
 * A service's notifications from its configuration: e-mail over SMTP when NOTIFY_SMTP_URL is set, SMS through
 * the logging gateway unless NOTIFY_SMS_GATEWAY=off. Refuses a production configuration without the token
 * secret or a mail server.
 */
export function notificationsFromConfig(input: {
  readonly config: NotificationConfig;
  readonly db: NotificationsOptions['db'];
  readonly directory: ContactDirectory;
  readonly service: string;
  readonly logger: Logger;
  readonly now: () => Date;
  readonly sender?: NotificationsOptions['sender'];
}): Notifications & { readonly sending: boolean } {
  const { config } = input;
  const problems = notificationConfigProblems(config);
  if (problems.length > 0) throw new Error(`Invalid notification configuration: ${problems.join('; ')}`);
  const logger = input.logger.child({ component: 'notifications' });
  const notifications = new Notifications({
    db: input.db,
    directory: input.directory,
    email: config.NOTIFY_SMTP_URL
      ? smtpEmailChannel({ url: config.NOTIFY_SMTP_URL, from: config.NOTIFY_EMAIL_FROM })
      : undefined,
    sms: config.NOTIFY_SMS_GATEWAY === 'log' ? loggingSmsChannel(logger) : undefined,
    policy: policyOf(config),
    service: input.service,
    portalUrl: config.NOTIFY_PORTAL_URL,
    tokenSecret: config.NOTIFY_TOKEN_SECRET,
    logger,
    now: input.now,
    ...(input.sender ? { sender: input.sender } : {}),
  });
  return Object.assign(notifications, { sending: config.NOTIFY_SENDER === 'on' });
}
