import nodemailer from 'nodemailer';
import { type Logger } from 'pino';

// The ports a message leaves by, and their adapters. The sender knows only these interfaces, so another mail
// service or an SMS gateway plugs in without touching the rest.

export interface OutgoingEmail {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  /**
   * The same for every attempt of one delivery: when the sender cannot know whether an attempt reached the
   * server (it stopped between the server's answer and its own record), it sends again with this id, and the
   * mailbox keeps one.
   */
  readonly messageId: string;
  /** Where a mail client's "unsubscribe" goes (List-Unsubscribe). */
  readonly unsubscribeUrl: string;
}

export interface EmailChannel {
  send(email: OutgoingEmail): Promise<void>;
  close?(): void;
}

export interface OutgoingSms {
  readonly to: string;
  readonly text: string;
  /** The same for every attempt of one delivery; gateways that accept a client message id drop a repeat. */
  readonly messageId: string;
}

export interface SmsChannel {
  /** The gateway's name, for logs and metrics. */
  readonly gateway: string;
  send(sms: OutgoingSms): Promise<void>;
}

/**
 * E-mail over SMTP with nodemailer: locally the mail catcher the launcher starts (Mailpit), in production the
 * agency's mail server or a mail service (`smtps://user:password@host:465`).
 */
export function smtpEmailChannel(options: { readonly url: string; readonly from: string }): EmailChannel {
  const transport = nodemailer.createTransport(options.url);
  return {
    send: async (email) => {
      await transport.sendMail({
        from: options.from,
        to: email.to,
        subject: email.subject,
        text: email.text,
        html: email.html,
        messageId: email.messageId,
        headers: { 'List-Unsubscribe': `<${email.unsubscribeUrl}>` },
      });
    },
    close: () => transport.close(),
  };
}

/**
 * The SMS gateway used where no provider is configured (development, tests, and until a contract with a Kazakh
 * gateway exists). It records that a message would have gone out and how long it is, never the phone number or
 * the text. A real gateway (Mobizon, SMSC.kz, the Kcell or Beeline business APIs) implements the same interface.
 */
export function loggingSmsChannel(logger: Logger): SmsChannel & { readonly sent: readonly string[] } {
  const sent: string[] = [];
  return {
    gateway: 'log',
    sent,
    send: (sms) => {
      sent.push(sms.messageId);
      logger.info(
        { messageId: sms.messageId, characters: sms.text.length },
        'SMS handed to the logging gateway',
      );
      return Promise.resolve();
    },
  };
}

/**
 * An error message fit for logs and the admin list: addresses and phone numbers a transport may quote are
 * replaced, and the length is bounded.
 */
export function describeSendError(error: unknown): string {
  const parts: string[] = [];
  if (error && typeof error === 'object') {
    const { code, responseCode } = error as { code?: unknown; responseCode?: unknown };
    if (typeof code === 'string') parts.push(code);
    if (typeof responseCode === 'number') parts.push(`SMTP ${responseCode}`);
  }
  const message = error instanceof Error ? error.message : String(error);
  parts.push(redactContacts(message));
  return parts.join(': ').slice(0, 500);
}

export function redactContacts(text: string): string {
  return text.replace(/[^\s<>"'@]+@[^\s<>"'@]+/g, '[address]').replace(/\+?\d[\d ()-]{8,}\d/g, '[number]');
}
