import { expect, type Page, test } from '@playwright/test';
import {
  chooseLanguage,
  expectAccessible,
  type Language,
  LANGUAGES,
  newPerson,
  type Person,
  registerAtProvider,
  screenshot,
} from './support';

/**
 * A young person's notifications in the portal: registering sends a welcome through the whole pipeline (the event
 * on Kafka, the applications service's consumer, its sender), which shows in the list with an unread count and
 * arrives by e-mail in the mail catcher; the settings screen changes the preferences; the e-mail's opt-out link
 * turns e-mail off without signing in again. In kk, ru and en, at phone and desktop size.
 */
const TEXT = {
  kk: {
    register: 'Тіркелгі жасау',
    welcome: '«Жас» жобасына қош келдіңіз',
    markRead: 'Оқылды деп белгілеу',
    settings: 'Хабарлама баптаулары',
    sms: 'СМС арқылы',
    email: 'Электрондық поштаға',
    digest: 'Күніне бір жиынтық, сағат 09:00-де',
    save: 'Сақтау',
    saved: 'Баптауларыңыз сақталды.',
    confirm: 'Маған енді хат жібермеңіз',
    done: 'Дайын: біз сізге енді хат жібермейміз.',
  },
  ru: {
    register: 'Создать учётную запись',
    welcome: 'Добро пожаловать в проект «Жас»',
    markRead: 'Отметить прочитанным',
    settings: 'Настройки уведомлений',
    sms: 'По SMS',
    email: 'На электронную почту',
    digest: 'Одна сводка в день, в 09:00',
    save: 'Сохранить',
    saved: 'Настройки сохранены.',
    confirm: 'Больше не присылать мне письма',
    done: 'Готово: мы больше не будем присылать вам письма.',
  },
  en: {
    register: 'Create an account',
    welcome: 'Welcome to the Zhas Project',
    markRead: 'Mark as read',
    settings: 'Notification settings',
    sms: 'By SMS',
    email: 'By e-mail',
    digest: 'One summary a day, at 09:00',
    save: 'Save',
    saved: 'Your settings are saved.',
    confirm: 'Stop sending me e-mails',
    done: 'Done: we will not send you e-mails any more.',
  },
} as const;

const mailUrl = () => process.env.ZHAS_MAIL_URL ?? 'http://127.0.0.1:8025';

interface CaughtMessage {
  ID: string;
  Subject: string;
  To: { Address: string }[] | null;
}

/** The e-mail the mail catcher holds for an address (its REST API, as the tests of the services read it). */
async function mailTo(address: string): Promise<CaughtMessage[]> {
  const response = await fetch(`${mailUrl()}/api/v1/messages?limit=500`);
  const { messages } = (await response.json()) as { messages: CaughtMessage[] };
  return messages.filter((message) => (message.To ?? []).some((to) => to.Address === address));
}

async function registerParticipant(page: Page, language: Language, person: Person) {
  await page.goto('/');
  await chooseLanguage(page, language);
  await page.getByRole('link', { name: TEXT[language].register }).first().click();
  await registerAtProvider(page, person);
  await expect(page).toHaveURL(/\/applicant$/);
  const registered = await page.request.post('/session/participant', {
    headers: { origin: new URL(page.url()).origin, 'x-zhas-request': '1' },
    data: {
      iin: person.iin,
      fullName: 'Әсем Тестова',
      phone: `+7 701 ${String(Date.now() % 10_000_000).padStart(7, '0')}`,
      email: person.email,
      contactLanguage: language,
      region: 'almaty',
      settlement: 'urban',
      educationLevel: 'higher',
      neet: true,
      vulnerability: [],
      consents: {
        'programme-participation': true,
        'monitoring-evaluation': true,
        'follow-up-survey': false,
        publicity: false,
      },
    },
  });
  expect(registered.status(), await registered.text()).toBe(201);
}

/** How long an event's round trip (outbox, Kafka, a consumer, the mail queue) may take before the test gives up. */
const ROUND_TRIP = { timeout: 60_000, intervals: [250, 500, 1_000] };

for (const language of LANGUAGES) {
  test(`notifications: the list with its unread count, the settings, and the e-mail opt-out link (${language})`, async ({
    page,
  }, testInfo) => {
    // One journey through the whole platform: registration, the event's round trip, settings, e-mail, opt-out.
    test.slow();
    const text = TEXT[language];
    const person = newPerson(`notify-${language}`);
    await registerParticipant(page, language, person);

    // The welcome goes through Kafka and the applications service's consumer: wait for it to be recorded. Behind
    // the other tests' events on a busy two-core machine that can take longer than the default 20 s.
    await expect
      .poll(
        async () =>
          (
            (await (await page.request.get('/api/applications/notifications/unread-count')).json()) as {
              unread: number;
            }
          ).unread,
        ROUND_TRIP,
      )
      .toBe(1);
    await page.goto('/applicant');
    const bell = page.getByTestId('notification-bell');
    await expect(bell).toBeVisible();
    await expect(page.getByRole('banner')).toContainText('1');
    await bell.click();
    await expect(page).toHaveURL(/\/notifications$/);
    const notice = page.getByTestId('notification').first();
    await expect(notice).toContainText(text.welcome);
    await expect(notice).toHaveAttribute('data-read', 'false');
    await expectAccessible(page);
    await screenshot(page, testInfo, language, '10-notifications');

    await notice.getByRole('button', { name: text.markRead }).click();
    await expect(notice).toHaveAttribute('data-read', 'true');
    await expect
      .poll(
        async () =>
          (
            (await (await page.request.get('/api/applications/notifications/unread-count')).json()) as {
              unread: number;
            }
          ).unread,
      )
      .toBe(0);

    // The settings: SMS off, one summary a day; saved, and still so after a reload.
    await page.getByRole('link', { name: text.settings }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(text.settings);
    await page.getByRole('checkbox', { name: text.sms }).uncheck();
    await page.getByRole('radio', { name: text.digest }).check();
    await page.getByRole('button', { name: text.save }).click();
    await expect(page.getByRole('status')).toHaveText(text.saved);
    await expectAccessible(page);
    await screenshot(page, testInfo, language, '11-notification-settings');
    await page.reload();
    await expect(page.getByRole('checkbox', { name: text.sms })).not.toBeChecked();
    await expect(page.getByRole('radio', { name: text.digest })).toBeChecked();
    await expect(page.getByRole('checkbox', { name: text.email })).toBeChecked();

    // The same welcome arrived by e-mail, in the person's language, with a link that stops e-mail.
    await expect
      .poll(async () => (await mailTo(person.email)).map((message) => message.Subject), ROUND_TRIP)
      .toEqual([text.welcome]);
    const [message] = await mailTo(person.email);
    const body = (await (await fetch(`${mailUrl()}/api/v1/message/${message!.ID}`)).json()) as {
      Text: string;
    };
    const optOutLink = /(https?:\/\/\S+\/opt-out\?\S+)/.exec(body.Text)?.[1];
    expect(optOutLink).toBeDefined();
    await page.goto(optOutLink!);
    await expect(page.getByRole('button', { name: text.confirm })).toBeVisible();
    await expectAccessible(page);
    await screenshot(page, testInfo, language, '12-opt-out');
    await page.getByRole('button', { name: text.confirm }).click();
    await expect(page.getByRole('status')).toHaveText(text.done);
    await screenshot(page, testInfo, language, '13-opted-out');
    await page.goto('/notifications/settings');
    await expect(page.getByRole('checkbox', { name: text.email })).not.toBeChecked();

    // Nothing personal is kept in the browser: no name, e-mail or phone in its storage.
    const stored = await page.evaluate(async () => {
      const databases = (await indexedDB.databases?.()) ?? [];
      return JSON.stringify({ local: { ...localStorage }, session: { ...sessionStorage }, databases });
    });
    for (const secret of [person.email, 'Тестова', '+7 701']) expect(stored).not.toContain(secret);
  });
}
