import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { catalogue, definitionOf, eventDefinitions, latestEventDefinitions, parseEvent } from './catalogue';
import { envelopeSchema } from './envelope';
import { fixtureTypes, readFixture } from './fixtures';
import { personalDataFindings } from './personal-data';
import { services } from './topics';
import { unknownKeyPaths } from './validation';

// Contract tests: the fixtures stand for events already written to the topics (which keep their history). A schema
// change that would break a consumer of those events, or stop old events from parsing, fails here.

const fixtures = fixtureTypes();

function definitionFor(type: string) {
  const definition = definitionOf(type);
  if (!definition) throw new Error(`No definition for the fixture ${type}`);
  return definition;
}

it('has exactly one fixture per event version in the catalogue', () => {
  expect(fixtures).toEqual(eventDefinitions.map((definition) => definition.type).sort());
});

describe.each(fixtures)('fixture %s', (type) => {
  const raw = readFixture(type);
  const definition = definitionFor(type);

  it('is a full envelope of its own type', () => {
    const envelope = envelopeSchema.parse(raw);
    expect(envelope.type).toBe(type);
    expect(envelope.source).toBe(definition.source);
    expect(envelope.aggregatetype).toBe(definition.aggregate);
    expect(envelope.data[definition.subjectKey]).toBe(envelope.subject);
    // Fixtures show the optional attribute too, so a consumer test sees a complete envelope.
    expect(envelope.causationid).toEqual(expect.any(String));
  });

  it('still matches its own version exactly: no field of it was removed or renamed', () => {
    const { data } = envelopeSchema.parse(raw);
    const parsed = definition.schema.parse(data);
    expect(unknownKeyPaths(data, parsed)).toEqual([]);
  });

  it('parses with parseEvent into the latest version, whose schema it matches exactly', () => {
    const result = parseEvent(raw);
    if (result.kind !== 'event') throw new Error(JSON.stringify(result));
    const latest = catalogue.latest.find((candidate) => candidate.family === definition.family);
    expect(result.event.type).toBe(latest?.type);
    expect(result.receivedType).toBe(type);
    const reparsed = latest?.schema.parse(result.event.data);
    expect(unknownKeyPaths(result.event.data, reparsed)).toEqual([]);
    expect(reparsed).toEqual(result.event.data);
  });

  it('contains no personal data', () => {
    expect(personalDataFindings(raw)).toEqual([]);
  });
});

describe('schemas', () => {
  // A schema change, even an additive one, shows up as a snapshot diff that has to be accepted on purpose
  // (jest -u): the reviewer then checks it against the rules in the README.
  it.each(eventDefinitions.map((definition) => definition.type))(
    '%s has the recorded JSON Schema',
    (type) => {
      expect(z.toJSONSchema(definitionFor(type).schema)).toMatchSnapshot();
    },
  );
});

describe('README', () => {
  const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');

  it.each(latestEventDefinitions.map((definition) => definition.type))('lists %s', (type) => {
    expect(readme).toContain(`\`${type}\``);
  });

  it.each(services)('lists the topic of %s', (service) => {
    expect(readme).toContain(`zhas.${service}.events`);
  });
});
