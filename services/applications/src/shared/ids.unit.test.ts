import { newInvitationCode, normalizeInvitationCode } from './ids';

describe('invitation codes', () => {
  it('are ten letters of an alphabet without look-alikes, in two groups', () => {
    const codes = new Set(Array.from({ length: 200 }, newInvitationCode));
    expect(codes.size).toBe(200);
    for (const code of codes) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/);
  });

  it('are read as people type them', () => {
    expect(normalizeInvitationCode('k7qxm 2pa9f')).toBe('K7QXM-2PA9F');
    expect(normalizeInvitationCode('K7QXM2PA9F')).toBe('K7QXM-2PA9F');
    // O is read as zero, I and L as one.
    expect(normalizeInvitationCode('OOOOO-IIILL')).toBe('00000-11111');
    expect(normalizeInvitationCode('K7QXM-2PA9')).toBeUndefined();
    expect(normalizeInvitationCode('K7QXM-2PA9U')).toBeUndefined();
    expect(normalizeInvitationCode('')).toBeUndefined();
  });
});
