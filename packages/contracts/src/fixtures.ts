import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

// Fixtures are hand-kept JSON envelopes, one per event version, and are never regenerated from the schemas:
// they stand for events already on the topics, so a schema change that no longer accepts them is caught.

/** The folder of the fixtures, beside src/ and dist/. */
export const fixturesDir = resolve(__dirname, '..', 'fixtures');

export function fixturePath(type: string): string {
  return join(fixturesDir, `${type}.json`);
}

/** The fixture of one event version, as parsed JSON: e.g. for other packages' consumer tests. */
export function readFixture(type: string): unknown {
  return JSON.parse(readFileSync(fixturePath(type), 'utf8'));
}

/** The event types that have a fixture file. */
export function fixtureTypes(): string[] {
  return readdirSync(fixturesDir)
    .filter((file) => file.endsWith('.json'))
    .map((file) => file.slice(0, -'.json'.length))
    .sort();
}
