import { type Notifications } from './notifications';
import { type ParamsOf, type TemplateId } from './templates/catalogue';

/**
 * Who is told what, decided from an event: the people, the notice, and the key that makes it one notice per
 * person however often the event arrives.
 */
export interface Tell<T extends TemplateId = TemplateId> {
  readonly recipients: readonly string[];
  readonly notice: { readonly template: T; readonly params: ParamsOf<T> };
  readonly key: string;
}

export function tell<T extends TemplateId>(
  recipients: readonly string[],
  template: T,
  params: ParamsOf<T>,
  key: string,
): Tell<T> {
  return { recipients, notice: { template, params }, key };
}

/** Records the notices an event decided (none, one or several), skipping those that name nobody. */
export async function sendTells(
  notifications: Notifications,
  tells: Tell | readonly Tell[] | undefined,
  cause: { readonly id: string },
): Promise<void> {
  for (const told of [tells ?? []].flat()) {
    if (told.recipients.length > 0) {
      await notifications.notify(told.recipients, told.notice, { key: told.key, causationId: cause.id });
    }
  }
}
