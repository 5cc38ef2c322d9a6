import { signOptOut, verifyOptOut } from './opt-out';

const secret = 'a-secret-of-at-least-thirty-two-characters';

describe('opt-out tokens', () => {
  it('stand for one recipient and one channel', () => {
    const token = signOptOut(secret, { recipientId: 'p-1', channel: 'email' });
    expect(verifyOptOut(secret, token)).toEqual({ recipientId: 'p-1', channel: 'email' });
  });

  it('are refused when changed, signed with another secret or malformed', () => {
    const token = signOptOut(secret, { recipientId: 'p-1', channel: 'email' });
    const [, sig] = token.split('.');
    const forged = `${Buffer.from(JSON.stringify({ v: 1, r: 'p-2', c: 'email' })).toString('base64url')}.${sig}`;
    expect(verifyOptOut(secret, forged)).toBeUndefined();
    expect(verifyOptOut('another-secret-of-thirty-two-characters!', token)).toBeUndefined();
    for (const bad of ['', '.', 'abc', `${token}.x`, 'e30.e30'])
      expect(verifyOptOut(secret, bad)).toBeUndefined();
  });

  it('carry no personal data: only the pseudonymous id and the channel', () => {
    const token = signOptOut(secret, { recipientId: 'p-1', channel: 'sms' });
    const payload = JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString('utf8')) as object;
    expect(Object.keys(payload).sort()).toEqual(['c', 'r', 'v']);
  });
});
