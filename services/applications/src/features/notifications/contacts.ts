import { AggregateStore } from '@zhas/messaging';
import { type Contact, type ContactDirectory, notificationsFromConfig } from '@zhas/notifications';
import { type Logger, PersonalDataVault } from '@zhas/service-kit';
import { type Db } from 'mongodb';
import { type Config, SERVICE_NAME } from '../../config';
import { type ParticipantState } from '../participants/domain';
import { participantCodec, Participants } from '../participants/store';

/**
 * The young people's contact details, read from their participant record at the moment a message is sent: the
 * only place they are kept. The name (for the greeting) and the addresses never go into a notice, an event or a
 * log.
 */
export function participantContacts(participants: Pick<Participants, 'store'>): ContactDirectory {
  return {
    contactOf: async (participantId): Promise<Contact | undefined> => {
      const found = await participants.store.get(participantId);
      if (!found) return undefined;
      const { fullName, phone, email, contactLanguage } = found.state;
      return { name: fullName, phone, email, language: contactLanguage ?? 'kk' };
    },
  };
}

/**
 * The service's notifications over its database: what the composition root runs, and what a second process
 * (an operations tool, a test of a crashed sender) would run over the same data.
 */
export function applicationsNotifications(input: {
  readonly db: Db;
  readonly config: Config;
  readonly logger: Logger;
  readonly now: () => Date;
  readonly participants?: Pick<Participants, 'store'>;
  readonly sender?: Parameters<typeof notificationsFromConfig>[0]['sender'];
}) {
  const vault = new PersonalDataVault(input.config);
  const participants =
    input.participants ??
    new Participants(
      new AggregateStore<ParticipantState>({
        collection: input.db.collection('participants'),
        aggregateType: 'participant',
        service: SERVICE_NAME,
        // The same sealing as the service's own store: contact details are opened only on the way out.
        codec: participantCodec(vault),
      }),
      input.config.IIN_INDEX_KEY,
      vault,
    );
  return notificationsFromConfig({
    config: input.config,
    db: input.db,
    directory: participantContacts(participants),
    service: SERVICE_NAME,
    logger: input.logger,
    now: input.now,
    ...(input.sender ? { sender: input.sender } : {}),
  });
}
