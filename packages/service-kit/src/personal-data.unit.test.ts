import { randomBytes } from 'node:crypto';
import { ConfigError } from './config';
import { PersonalDataVault, personalDataConfigSchema } from './personal-data';

const key = (id: string) => `${id}:${randomBytes(32).toString('base64')}`;
const vaultWith = (keys: string, env: Record<string, string> = {}) =>
  new PersonalDataVault(personalDataConfigSchema.parse({ PERSONAL_DATA_KEYS: keys, ...env }));

describe('the personal data vault', () => {
  const fields = { iin: '980517450123', fullName: 'Айгерим Тестова', phone: '+7 701 123 45 67' };

  it('seals so that nothing readable is left, and opens what it sealed', () => {
    const vault = vaultWith(key('k1'));
    const sealed = vault.seal('p-1', fields);
    const stored = JSON.stringify(sealed);
    for (const value of Object.values(fields)) expect(stored).not.toContain(value);
    expect(sealed.keyId).toBe('k1');
    expect(vault.open('p-1', sealed)).toEqual(fields);
    // A data key of its own per record: the same fields seal differently.
    expect(vault.seal('p-1', fields).data).not.toBe(sealed.data);
  });

  it('refuses a sealed block moved to another record, or altered', () => {
    const vault = vaultWith(key('k1'));
    const sealed = vault.seal('p-1', fields);
    expect(() => vault.open('p-2', sealed)).toThrow();
    const bytes = Buffer.from(sealed.data, 'base64');
    bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 1;
    expect(() => vault.open('p-1', { ...sealed, data: bytes.toString('base64') })).toThrow();
  });

  it('rotates: a new current key opens old records and re-wraps their data key under itself', () => {
    const old = key('k1');
    const sealed = vaultWith(old).seal('p-1', fields);
    const rotated = vaultWith(`${key('k2')},${old}`);
    expect(rotated.open('p-1', sealed)).toEqual(fields);
    const rewrapped = rotated.rewrap('p-1', sealed)!;
    expect(rewrapped.keyId).toBe('k2');
    expect(rewrapped.data).toBe(sealed.data);
    expect(rotated.rewrap('p-1', rewrapped)).toBeUndefined();
  });

  it('checks its configuration: keys of 32 bytes, ids once, never the local key in production', () => {
    expect(() => personalDataConfigSchema.parse({ PERSONAL_DATA_KEYS: 'k1:c2hvcnQ=' })).toThrow();
    const one = key('k1');
    expect(() => personalDataConfigSchema.parse({ PERSONAL_DATA_KEYS: `${one},${one}` })).toThrow();
    expect(() => vaultWith(undefined as never, { NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => vaultWith(key('prod-1'), { NODE_ENV: 'production' })).not.toThrow();
  });
});
