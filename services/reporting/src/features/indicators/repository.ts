import { findByIds } from '@zhas/messaging';
import { type Document } from 'mongodb';
import { type Generations, type ReadModelName, readModelNames } from '../read-models/store';
import {
  type AgreementDoc,
  type BidDoc,
  emptyFacts,
  type Facts,
  type GrievanceDoc,
  type HostApplicationDoc,
  type MemberDoc,
  type ParticipantDoc,
  type ProjectDoc,
  type ReportDoc,
  type StipendDoc,
  type SurveyDoc,
  type TeamDoc,
  type TrancheDoc,
} from './facts';

type FactName = keyof Facts & ReadModelName;
/** The read models indicators are computed from. */
const factNames = readModelNames.filter((name): name is FactName => name in emptyFacts);

/** The documents of every read model indicators are computed from, by id, as read from one generation. */
export type FactDocuments = ReadonlyMap<FactName, Map<string, Document>>;

/** Reads every document of the read models indicators are computed from, in one generation. */
export async function readFactDocuments(
  generations: Generations,
  generation: number,
): Promise<FactDocuments> {
  const read = async (name: FactName) => {
    const docs = await generations.collection(generation, name).find({}).toArray();
    return [name, new Map(docs.map((doc) => [String(doc._id), doc]))] as const;
  };
  return new Map(await Promise.all(factNames.map(read)));
}

/**
 * Reads again the documents named in `changed` into `documents` (written since they were read). By id when few
 * changed (on FerretDB one lookup each, a few milliseconds), else the whole read model (about half a millisecond a
 * document there).
 */
export async function readChangedDocuments(
  generations: Generations,
  generation: number,
  documents: FactDocuments,
  changed: ReadonlyMap<ReadModelName, ReadonlySet<string>>,
): Promise<void> {
  await Promise.all(
    factNames.map(async (name) => {
      const ids = [...(changed.get(name) ?? [])];
      if (ids.length === 0) return;
      const held = documents.get(name)!;
      const collection = generations.collection(generation, name);
      const read =
        ids.length * 20 > held.size ? await collection.find({}).toArray() : await findByIds(collection, ids);
      for (const doc of read) held.set(String(doc._id), doc);
    }),
  );
}

/** The documents as the indicator computations see them. */
export function factsOf(documents: FactDocuments): Facts {
  // The read models hold what the projections wrote: each document has its read model's shape.
  const all = <T extends Document>(name: FactName) => [...documents.get(name)!.values()] as T[];
  return {
    participants: all<ParticipantDoc>('participants'),
    teams: all<TeamDoc>('teams'),
    bids: all<BidDoc>('bids'),
    projects: all<ProjectDoc>('projects'),
    agreements: all<AgreementDoc>('agreements'),
    members: all<MemberDoc>('members'),
    tranches: all<TrancheDoc>('tranches'),
    stipends: all<StipendDoc>('stipends'),
    reports: all<ReportDoc>('reports'),
    surveys: all<SurveyDoc>('surveys'),
    grievances: all<GrievanceDoc>('grievances'),
    hostApplications: all<HostApplicationDoc>('hostApplications'),
  };
}
