import { expect, test } from '@playwright/test';
import { chooseLanguage, LANGUAGES, newPerson, registerAtProvider } from './support';

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
  await registerAtProvider(page, person);
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
