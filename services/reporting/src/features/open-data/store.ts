import { type Document } from 'mongodb';
import { type Generations, type ReadModelName } from '../read-models/store';
import { dateOf, financedProjects } from '../indicators/compute';
import { emptyFacts, type Facts, type TrancheDoc } from '../indicators/facts';
import { type LocalizedText } from '../framework/domain';
import { type Disbursement, type Grant, grantsOf, type RoundInfo } from './domain';

/* The read-model documents the open-data exports need: awarded bids, projects, agreements, tranches, rounds. */

interface RoundDoc {
  readonly _id: string;
  readonly content?: { readonly year?: number; readonly title?: LocalizedText; readonly at?: string };
}

export interface OpenDataSource {
  readonly grants: Grant[];
  readonly rounds: Map<string, RoundInfo>;
  /** The earliest round publication, the programme's start. */
  readonly firstRoundAt?: string;
}

export async function loadOpenData(generations: Generations): Promise<OpenDataSource> {
  const { active } = await generations.read();
  const all = <T extends Document>(name: ReadModelName) => generations.readAll<T>(name, active);
  const [bids, projects, agreements, tranches, rounds] = await Promise.all([
    all<Facts['bids'][number]>('bids'),
    all<Facts['projects'][number]>('projects'),
    all<Facts['agreements'][number]>('agreements'),
    all<TrancheDoc & { disbursed?: { projectId?: string } }>('tranches'),
    all<RoundDoc>('rounds'),
  ]);
  const financed = financedProjects({ ...emptyFacts, bids, projects, agreements });
  const disbursements: Disbursement[] = tranches.flatMap((tranche) =>
    tranche.disbursed?.projectId
      ? [
          {
            projectId: tranche.disbursed.projectId,
            trancheId: tranche._id,
            on: tranche.disbursed.on,
            amountKzt: tranche.disbursed.amountKzt,
          },
        ]
      : [],
  );
  const opened = new Map(
    projects.flatMap((project) =>
      project.opened ? [[project._id, dateOf(project.opened.at)] as const] : [],
    ),
  );
  const roundInfo = new Map(
    rounds.map((round) => [
      round._id,
      {
        roundId: round._id,
        ...(round.content?.year ? { year: round.content.year } : {}),
        ...(round.content?.title ? { title: round.content.title } : {}),
      },
    ]),
  );
  const published = rounds.flatMap((round) => (round.content?.at ? [round.content.at] : [])).sort();
  return {
    grants: grantsOf(financed, disbursements, opened),
    rounds: roundInfo,
    ...(published[0] ? { firstRoundAt: published[0] } : {}),
  };
}
