import { type Document } from 'mongodb';
import { type Generations, type ReadModelName } from '../read-models/store';
import { type Facts } from './facts';

/** Loads the documents of the active generation that indicators are computed from. */
export async function loadFacts(generations: Generations): Promise<{ facts: Facts; generation: number }> {
  const { active } = await generations.read();
  const all = <T extends Document>(name: ReadModelName) => generations.readAll<T>(name, active);
  const [
    participants,
    teams,
    bids,
    projects,
    agreements,
    members,
    tranches,
    stipends,
    reports,
    surveys,
    grievances,
    hostApplications,
  ] = await Promise.all([
    all<Facts['participants'][number]>('participants'),
    all<Facts['teams'][number]>('teams'),
    all<Facts['bids'][number]>('bids'),
    all<Facts['projects'][number]>('projects'),
    all<Facts['agreements'][number]>('agreements'),
    all<Facts['members'][number]>('members'),
    all<Facts['tranches'][number]>('tranches'),
    all<Facts['stipends'][number]>('stipends'),
    all<Facts['reports'][number]>('reports'),
    all<Facts['surveys'][number]>('surveys'),
    all<Facts['grievances'][number]>('grievances'),
    all<Facts['hostApplications'][number]>('hostApplications'),
  ]);
  return {
    generation: active,
    facts: {
      participants,
      teams,
      bids,
      projects,
      agreements,
      members,
      tranches,
      stipends,
      reports,
      surveys,
      grievances,
      hostApplications,
    },
  };
}
