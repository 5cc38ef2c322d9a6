import { expect, test } from '@playwright/test';
import {
  chooseLanguage,
  expectAccessible,
  LANGUAGES,
  newPerson,
  registerAtProvider,
  screenshot,
} from './support';
import { publishOpenRound } from './fixtures';

let round: Awaited<ReturnType<typeof publishOpenRound>>;
test.beforeAll(async () => {
  round = await publishOpenRound(Date.now().toString(36));
});

/** The words of each language the test looks for (from the portal's locale files). */
const TEXT = {
  kk: {
    createAccount: 'Тіркелгі жасау',
    register: 'Қатысушы ретінде тіркелу',
    submit: 'Тіркелу',
    checkDigit: 'ЖСН-нің соңғы цифры сәйкес келмейді',
    born: 'туған күні 2001 ж.',
    confirm: 'Иә, бұл деректер дұрыс',
    registered: 'Сіз қатысушы ретінде тіркелдіңіз.',
    region: 'Алматы қаласы',
    urban: 'Қала',
    education: 'Жоғары',
    consent: 'Бағдарламаға қатысу',
    rounds: 'Ашық конкурстар',
    ages: 'Жасы: 14–29',
  },
  ru: {
    createAccount: 'Создать учётную запись',
    register: 'Регистрация участника',
    submit: 'Зарегистрироваться',
    checkDigit: 'Последняя цифра ИИН не сходится',
    born: 'дата рождения',
    confirm: 'Да, эти данные верны',
    registered: 'Вы зарегистрированы как участник.',
    region: 'город Алматы',
    urban: 'Город',
    education: 'Высшее',
    consent: 'Участие в программе',
    rounds: 'Открытые конкурсы',
    ages: 'Возраст: 14–29 лет',
  },
  en: {
    createAccount: 'Create an account',
    register: 'Register as a participant',
    submit: 'Register',
    checkDigit: 'The last digit of this IIN does not match',
    born: 'born',
    confirm: 'Yes, this is right',
    registered: 'You are registered as a participant.',
    region: 'Almaty city',
    urban: 'Town or city',
    education: 'Higher',
    consent: 'Taking part in the programme',
    rounds: 'Open rounds',
    ages: 'Ages 14 to 29',
  },
} as const;

for (const language of LANGUAGES) {
  test(`a new applicant creates an account and registers as a participant (${language})`, async ({
    page,
  }, testInfo) => {
    const text = TEXT[language];
    const person = newPerson('reg');
    await page.goto('/');
    await chooseLanguage(page, language);
    await page.getByRole('main').getByRole('link', { name: text.createAccount }).click();
    await registerAtProvider(page, person);
    await expect(page).toHaveURL(/\/applicant$/);
    await page.getByRole('link', { name: text.register }).click();
    await expect(page.getByRole('heading', { level: 1, name: text.register })).toBeVisible();

    // A mistyped IIN is caught in the browser, in the person's language, next to the field.
    const wrong = `${person.iin.slice(0, 11)}${(Number(person.iin.charAt(11)) + 1) % 10}`;
    const iin = page.getByRole('textbox', { name: /ЖСН|ИИН|IIN/ });
    await iin.fill(wrong);
    await iin.blur();
    await expect(page.getByText(text.checkDigit)).toBeVisible();
    await expect(iin).toHaveAttribute('aria-invalid', 'true');
    await expectAccessible(page);
    await screenshot(page, testInfo, language, '10-register-iin-error');

    await iin.fill(person.iin);
    await expect(page.getByText(text.born)).toBeVisible();
    await page.getByLabel(text.confirm).check();
    await page.locator('#field-fullName').fill(`${person.firstName} ${person.lastName}`);
    await page.locator('#field-phone').fill('+7 701 123 45 67');
    await page.locator('#field-region').click();
    await page.getByRole('option', { name: text.region, exact: true }).click();
    await page.getByLabel(text.urban).check();
    await page.locator('#field-educationLevel').click();
    await page.getByRole('option', { name: text.education, exact: true }).click();
    await page.getByLabel(text.consent).check();
    await expectAccessible(page);
    await screenshot(page, testInfo, language, '11-register-filled');
    await page.getByRole('button', { name: text.submit, exact: true }).click();

    await expect(page).toHaveURL(/\/applicant$/);
    await expect(page.getByText(text.registered)).toBeVisible();
    await screenshot(page, testInfo, language, '12-registered');

    // The open rounds with their rules, the round's title in the chosen language.
    if (testInfo.project.name === 'phone')
      await page.getByRole('button', { name: /menu|мәзір|меню/i }).click();
    await page.getByRole('navigation').getByRole('link', { name: text.rounds }).click();
    const card = page.getByRole('article').filter({ hasText: round.title[language] });
    await expect(card).toBeVisible();
    await expect(card.getByText(text.ages)).toBeVisible();
    await expectAccessible(page);
    await screenshot(page, testInfo, language, '13-rounds');
  });
}
