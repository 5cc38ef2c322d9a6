import { type Generations, type ReadModelName } from '../read-models/store';
import { type Facts } from './facts';

/** Loads the documents of the active generation that indicators are computed from, every read model at once. */
export async function loadFacts(generations: Generations): Promise<{ facts: Facts; generation: number }> {
  const { active } = await generations.read();
  const all = <K extends keyof Facts & ReadModelName>(name: K) =>
    generations.readAll<Facts[K][number]>(name, active);
  const facts = await allOf<Facts>({
    participants: all('participants'),
    teams: all('teams'),
    bids: all('bids'),
    projects: all('projects'),
    agreements: all('agreements'),
    members: all('members'),
    tranches: all('tranches'),
    stipends: all('stipends'),
    reports: all('reports'),
    surveys: all('surveys'),
    grievances: all('grievances'),
    hostApplications: all('hostApplications'),
  });
  return { generation: active, facts };
}

/** `Promise.all` for an object of promises: the object of their values. */
async function allOf<T extends object>(promises: { [K in keyof T]: Promise<T[K]> }): Promise<T> {
  const entries = Object.entries<Promise<unknown>>(promises);
  return Object.fromEntries(
    await Promise.all(entries.map(async ([key, promise]) => [key, await promise] as const)),
  ) as T;
}
