import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { ConfigError } from './config';

/*
 * Personal data at rest: envelope encryption with AES-256-GCM.
 *   - Each record gets a data key of its own (32 random bytes) that encrypts its personal fields.
 *   - The data key is stored wrapped (encrypted) under a key-encryption key (KEK) from configuration, with the KEK's
 *     id, so keys can rotate: a new KEK id becomes current, older ones stay listed until every record is re-wrapped.
 *   - Erasing a person deletes the sealed block, data key included: what stays (ids, statistics, events) has no
 *     personal data in it.
 * Lookups (one IIN is one person) use a keyed digest (HMAC-SHA-256) kept beside the sealed block, never the
 * ciphertext.
 */

const LOCAL_KEY_ID = 'local-1';
/** For local use and tests only: production refuses to start without keys of its own. */
const LOCAL_KEY = Buffer.from('zhas-local-personal-data-key-32b').toString('base64');

const keyEntry = z
  .string()
  .regex(/^[A-Za-z0-9_.-]{1,40}:[A-Za-z0-9+/=]{44}$/, 'expected <key id>:<32 bytes in base64>')
  .transform((entry) => {
    const [id = '', key = ''] = entry.split(':');
    return { id, key: Buffer.from(key, 'base64') };
  })
  .refine((entry) => entry.key.length === 32, 'a key is 32 bytes (AES-256)');

/** The variables of the key-encryption keys; a service that keeps personal data extends its config with them. */
export const personalDataConfigShape = {
  /**
   * Key-encryption keys, `<id>:<32 bytes in base64>`, comma-separated (`openssl rand -base64 32`). The first is
   * current (new records are wrapped under it); the others still open older records until `rotate` re-wraps them.
   * The default is for local use and tests only: production refuses to start with it.
   */
  PERSONAL_DATA_KEYS: z
    .string()
    .default(`${LOCAL_KEY_ID}:${LOCAL_KEY}`)
    .transform((value) =>
      value
        .split(',')
        .map((entry) => entry.trim())
        .filter((entry) => entry !== ''),
    )
    .pipe(z.array(keyEntry).min(1, 'at least one key'))
    .refine((keys) => new Set(keys.map((key) => key.id)).size === keys.length, 'each key id once'),
};

export const personalDataConfigSchema = z.object({
  ...personalDataConfigShape,
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
});

export type PersonalDataConfig = z.infer<typeof personalDataConfigSchema>;

/** What is stored in place of the personal fields. Everything in it is unreadable without a KEK. */
export interface SealedPersonalData {
  /** The id of the KEK the data key is wrapped under. */
  readonly keyId: string;
  /** The record's data key, AES-256-GCM under the KEK: iv (12 bytes) + tag (16) + ciphertext, base64. */
  readonly dataKey: string;
  /** The personal fields as JSON, AES-256-GCM under the data key: iv + tag + ciphertext, base64. */
  readonly data: string;
}

export const sealedPersonalDataSchema = z.object({
  keyId: z.string(),
  dataKey: z.string(),
  data: z.string(),
});

function encrypt(key: Buffer, plain: Buffer, associated: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(associated));
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
}

function decrypt(key: Buffer, sealed: string, associated: string): Buffer {
  const bytes = Buffer.from(sealed, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, 12));
  decipher.setAAD(Buffer.from(associated));
  decipher.setAuthTag(bytes.subarray(12, 28));
  return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]);
}

/**
 * Seals and opens the personal fields of one record. `recordId` is bound to the ciphertext (GCM's associated
 * data), so a sealed block copied onto another record does not open.
 */
export class PersonalDataVault {
  private readonly keys: ReadonlyMap<string, Buffer>;
  private readonly currentKeyId: string;

  constructor(config: PersonalDataConfig) {
    if (
      config.NODE_ENV === 'production' &&
      config.PERSONAL_DATA_KEYS.some((entry) => entry.id === LOCAL_KEY_ID)
    )
      throw new ConfigError(
        'Invalid configuration:\n  PERSONAL_DATA_KEYS: set keys of your own in production (the local key is public)',
      );
    this.keys = new Map(config.PERSONAL_DATA_KEYS.map((entry) => [entry.id, entry.key]));
    this.currentKeyId = config.PERSONAL_DATA_KEYS[0]!.id;
  }

  seal(recordId: string, fields: Record<string, string>): SealedPersonalData {
    const dataKey = randomBytes(32);
    return {
      keyId: this.currentKeyId,
      dataKey: encrypt(this.kek(this.currentKeyId), dataKey, `${recordId}|${this.currentKeyId}`),
      data: encrypt(dataKey, Buffer.from(JSON.stringify(fields)), recordId),
    };
  }

  open(recordId: string, sealed: SealedPersonalData): Record<string, string> {
    const dataKey = decrypt(this.kek(sealed.keyId), sealed.dataKey, `${recordId}|${sealed.keyId}`);
    return JSON.parse(decrypt(dataKey, sealed.data, recordId).toString('utf8')) as Record<string, string>;
  }

  /** Wraps the record's data key under the current KEK (the data stays as it is); undefined if it already is. */
  rewrap(recordId: string, sealed: SealedPersonalData): SealedPersonalData | undefined {
    if (sealed.keyId === this.currentKeyId) return undefined;
    const dataKey = decrypt(this.kek(sealed.keyId), sealed.dataKey, `${recordId}|${sealed.keyId}`);
    return {
      keyId: this.currentKeyId,
      dataKey: encrypt(this.kek(this.currentKeyId), dataKey, `${recordId}|${this.currentKeyId}`),
      data: sealed.data,
    };
  }

  private kek(keyId: string): Buffer {
    const key = this.keys.get(keyId);
    if (!key) throw new Error(`personal data key ${keyId} is not configured (PERSONAL_DATA_KEYS)`);
    return key;
  }
}
