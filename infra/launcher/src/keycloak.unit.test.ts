import { importDecision, keycloakSettings, realmFingerprint } from './keycloak';

const realm = '{"realm":"zhas","redirectUris":["${ZHAS_PORTAL_URL}/auth/callback"]}';

describe('the realm import of the embedded Keycloak', () => {
  const first = keycloakSettings({}, 3000);
  const fingerprint = realmFingerprint(realm, first);

  test('changes its fingerprint with the portal address, the realm file and the secrets', () => {
    expect(realmFingerprint(realm, keycloakSettings({}, 3000))).toBe(fingerprint);
    expect(realmFingerprint(realm, keycloakSettings({}, 3100))).not.toBe(fingerprint);
    expect(realmFingerprint(`${realm} `, first)).not.toBe(fingerprint);
    expect(realmFingerprint(realm, keycloakSettings({ ZHAS_DEMO_PASSWORD: 'other' }, 3000))).not.toBe(
      fingerprint,
    );
    expect(realmFingerprint(realm, keycloakSettings({ ZHAS_PORTAL_CLIENT_SECRET: 'other' }, 3000))).not.toBe(
      fingerprint,
    );
  });

  test('imports into a new data folder and keeps a realm imported from the same inputs', () => {
    const base = { fingerprint, reimportOnChange: true };
    expect(importDecision({ ...base, imported: false, importedWith: undefined })).toBe('import');
    expect(importDecision({ ...base, imported: true, importedWith: fingerprint })).toBe('keep');
  });

  test('imports again after a change only when the data folder may be reset (the browser tests)', () => {
    const changed = realmFingerprint(realm, keycloakSettings({}, 3100));
    const state = { imported: true, importedWith: fingerprint, fingerprint: changed };
    expect(importDecision({ ...state, reimportOnChange: true })).toBe('reimport');
    expect(importDecision({ ...state, reimportOnChange: false })).toBe('keep-stale');
    expect(importDecision({ ...state, importedWith: undefined, reimportOnChange: true })).toBe('reimport');
    expect(keycloakSettings({ ZHAS_KEYCLOAK_REIMPORT: 'on-change' }, 0).reimportOnChange).toBe(true);
    expect(keycloakSettings({}, 0).reimportOnChange).toBe(false);
  });
});
