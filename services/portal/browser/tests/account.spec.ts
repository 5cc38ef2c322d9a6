import { makeIin } from '@zhas/kz';
import { expect, test } from '@playwright/test';
import { chooseLanguage, LANGUAGES } from './support';

/** A person nobody registered before: a fresh account name and IIN per run. */
export function newPerson(tag: string) {
  const stamp = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4).toString(36)}`;
  const day = 1 + (Date.now() % 28);
  return {
    username: `${tag}-${stamp}`,
    email: `${tag}-${stamp}@zhas.example`,
    password: `Zhas-${stamp}-pw`,
    iin: makeIin({
      birthDate: `2001-03-${String(day).padStart(2, '0')}`,
      sex: 'female',
      serial: Math.floor(Math.random() * 10_000),
    }),
  };
}

test('a new account registers itself, becomes a participant, and acts as that participant', async ({
  page,
}, testInfo) => {
  test.skip(testInfo.project.name !== 'desktop', 'the account mechanism does not depend on the screen size');
  const language = LANGUAGES[0];
  const person = newPerson('self');
  await page.goto('/');
  await chooseLanguage(page, language);
  // Self-registration on Keycloak's page, reached from the portal's "create an account".
  await page.getByRole('link', { name: 'Тіркелгі жасау' }).click();
  await page.locator('#username').fill(person.username);
  await page.locator('#email').fill(person.email);
  await page.locator('#firstName').fill('Әсем');
  await page.locator('#lastName').fill('Тестова');
  await page.locator('#password').fill(person.password);
  await page.locator('#password-confirm').fill(person.password);
  await page.locator('input[type=submit]').click();
  await expect(page).toHaveURL(/\/applicant$/);

  const before = (await (await page.request.get('/session')).json()) as {
    user: { roles: string[]; participantId: string | null };
  };
  expect(before.user).toMatchObject({ roles: ['applicant'], participantId: null });

  const origin = new URL(page.url()).origin;
  const registered = await page.request.post('/session/participant', {
    headers: { origin, 'x-zhas-request': '1' },
    data: {
      iin: person.iin,
      fullName: 'Әсем Тестова',
      phone: '+7 701 000 00 00',
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
  const participant = (await registered.json()) as { participantId: string; birthDate: string; sex: string };
  expect(participant).toMatchObject({ sex: 'female' });

  // The account now carries participant_id: the service lets it read its own record, with no hand-set claim.
  const after = (await (await page.request.get('/session')).json()) as {
    user: { participantId: string | null };
  };
  expect(after.user.participantId).toBe(participant.participantId);
  const own = await page.request.get(`/api/applications/participants/${participant.participantId}`);
  expect(own.status()).toBe(200);
  expect(((await own.json()) as { iin: string }).iin).toBe(person.iin);
});
