import { formatPath } from './validation';

// Events must carry no personal data (docs/architecture.md, "Events"). This scanner is the safety net behind
// the schemas: it runs in createEvent, over every fixture, and in tests over what actually reaches Kafka. It
// favours recall: a false alarm costs a rename, a miss leaks an IIN into a topic that is kept forever.

export type PersonalDataKind = 'field-name' | 'iin-like' | 'phone-like' | 'email-like';

export interface PersonalDataFinding {
  /** Where it was found, e.g. 'data.members[0].phone'. */
  readonly path: string;
  readonly kind: PersonalDataKind;
  /** Says what was suspicious without repeating the value, so findings are safe to log. */
  readonly detail: string;
}

/** Field names that are personal data as a whole (compared lowercase, without separators). */
const personalFieldNames = new Set([
  'name',
  'firstname',
  'lastname',
  'fullname',
  'middlename',
  'givenname',
  'familyname',
  'displayname',
  'username',
  'birthdate',
  'dateofbirth',
  'dob',
  'email',
]);

/** Words that make any field name personal data wherever they appear in it: 'contactPhone', 'homeAddress'. */
const personalWords = new Set([
  'iin',
  'phone',
  'telephone',
  'tel',
  'mobile',
  'msisdn',
  'whatsapp',
  'telegram',
  'email',
  'address',
  'contact',
  'contacts',
  'passport',
  'surname',
  'patronymic',
]);

function wordsOf(key: string): string[] {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== '');
}

export function isPersonalFieldName(key: string): boolean {
  const words = wordsOf(key);
  return personalFieldNames.has(words.join('')) || words.some((word) => personalWords.has(word));
}

// UUIDs are removed before looking for digit runs: their last group is twelve hex characters, all digits about
// once in 280 random UUIDs, which would make tests flaky.
const uuidPattern = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
/** Twelve digits standing alone (not part of a longer run or of a hex digest): the shape of an IIN (and a BIN). */
const iinPattern = /(?<![0-9A-Za-z])\d{12}(?![0-9A-Za-z])/;
/** An international number: '+' then 10-15 digits with the usual separators. */
const internationalPhonePattern = /\+\s?\d(?:[\s().-]{0,2}\d){9,14}(?!\d)/;
/** A Kazakh mobile number written nationally: 8 701 123 45 67, 87011234567, (701) 123-45-67, 7011234567. */
const kazakhPhonePattern =
  /(?<![0-9A-Za-z])(?:[78][\s(.-]{0,2})?\(?7\d{2}\)?[\s.-]{0,2}\d{3}[\s.-]?\d{2}[\s.-]?\d{2}(?![0-9A-Za-z])/;
const emailPattern = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/;

function textFindings(text: string, path: string, what: string): PersonalDataFinding[] {
  const findings: PersonalDataFinding[] = [];
  const withoutUuids = text.replace(uuidPattern, ' ');
  if (iinPattern.test(withoutUuids)) {
    findings.push({
      path,
      kind: 'iin-like',
      detail: `${what} contains a 12-digit number shaped like an IIN`,
    });
  }
  if (internationalPhonePattern.test(withoutUuids) || kazakhPhonePattern.test(withoutUuids)) {
    findings.push({
      path,
      kind: 'phone-like',
      detail: `${what} contains something shaped like a phone number`,
    });
  }
  if (emailPattern.test(text)) {
    findings.push({
      path,
      kind: 'email-like',
      detail: `${what} contains something shaped like an e-mail address`,
    });
  }
  return findings;
}

/**
 * Everything in a JSON value that looks like personal data: suspicious field names, and strings (values or keys)
 * shaped like an IIN, a phone number or an e-mail address. Empty means nothing was found. `at` prefixes the
 * reported paths, e.g. ['data'] when scanning an event's data.
 */
export function personalDataFindings(
  value: unknown,
  at: readonly (string | number)[] = [],
): PersonalDataFinding[] {
  const findings: PersonalDataFinding[] = [];
  const seen = new Set<object>();

  const visit = (node: unknown, path: readonly (string | number)[]): void => {
    if (typeof node === 'string') {
      findings.push(...textFindings(node, formatPath(path), 'The value'));
      return;
    }
    if (typeof node !== 'object' || node === null || seen.has(node)) return;
    seen.add(node);
    if (Array.isArray(node)) {
      node.forEach((item: unknown, index) => visit(item, [...path, index]));
      return;
    }
    for (const [key, child] of Object.entries(node)) {
      // A key that is itself personal data (a map keyed by IIN) must not reappear in the reported paths.
      const keyFindings = textFindings(key, formatPath([...path, '<redacted>']), 'The key');
      const childPath = [...path, keyFindings.length > 0 ? '<redacted>' : key];
      findings.push(...keyFindings);
      if (isPersonalFieldName(key)) {
        findings.push({
          path: formatPath(childPath),
          kind: 'field-name',
          detail: `The field name '${key}' suggests personal data`,
        });
      }
      visit(child, childPath);
    }
  };

  visit(value, at);
  return findings;
}
