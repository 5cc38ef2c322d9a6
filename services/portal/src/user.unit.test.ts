import { safeReturnPath, userFromClaims } from './user';

describe('the signed-in user', () => {
  it('is read from the provider claims the services read too', () => {
    expect(
      userFromClaims({
        sub: 'kc-1',
        given_name: 'Айгерим',
        family_name: 'Сапарова',
        roles: ['applicant', 'default-roles-zhas', 'offline_access'],
        participant_id: 'p-00000000-0000-4000-8000-000000000001',
        regions: ['almaty'],
      }),
    ).toEqual({
      name: 'Айгерим Сапарова',
      roles: ['applicant'],
      participantId: 'p-00000000-0000-4000-8000-000000000001',
      hostOrgId: null,
      regions: ['almaty'],
    });
  });

  it('has no participant and every region until the claims say otherwise', () => {
    expect(userFromClaims({ sub: 'kc-2', preferred_username: 'demo-viewer', roles: ['viewer'] })).toEqual({
      name: 'demo-viewer',
      roles: ['viewer'],
      participantId: null,
      hostOrgId: null,
      regions: null,
    });
  });
});

describe('the page to return to after sign-in', () => {
  it.each([
    ['/applicant/bid', '/applicant/bid'],
    ['//evil.example/x', '/'],
    ['https://evil.example/', '/'],
    ['/\\evil.example', '/'],
    [undefined, '/'],
    [['/a', '/b'], '/'],
  ])('%j gives %j', (input, expected) => {
    expect(safeReturnPath(input)).toBe(expected);
  });
});
