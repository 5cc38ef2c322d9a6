import { type Contact, type ContactDirectory, notificationsFromConfig } from '@zhas/notifications';
import { type Logger } from '@zhas/service-kit';
import { type Db } from 'mongodb';
import { type Config, SERVICE_NAME } from '../../config';
import { type StaffNotificationsStore } from './store';

/** Staff contact details, read from their record when a message is sent; they go nowhere else. */
export function staffContacts(store: StaffNotificationsStore): ContactDirectory {
  return {
    contactOf: async (recipientId): Promise<Contact | undefined> => {
      const contact = await store.contact(recipientId);
      if (!contact) return undefined;
      return {
        email: contact.email,
        phone: contact.phone ?? undefined,
        name: contact.name ?? undefined,
        language: contact.language,
      };
    },
  };
}

export function competitionsNotifications(input: {
  readonly db: Db;
  readonly config: Config;
  readonly logger: Logger;
  readonly now: () => Date;
  readonly store: StaffNotificationsStore;
  readonly sender?: Parameters<typeof notificationsFromConfig>[0]['sender'];
}) {
  return notificationsFromConfig({
    config: input.config,
    db: input.db,
    directory: staffContacts(input.store),
    service: SERVICE_NAME,
    logger: input.logger,
    now: input.now,
    ...(input.sender ? { sender: input.sender } : {}),
  });
}
