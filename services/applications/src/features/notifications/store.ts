import { type DataOf } from '@zhas/contracts';
import { isDuplicateKey, writeIfMatches } from '@zhas/messaging';
import { type Collection, type Db, type Document } from 'mongodb';
import { type MonthConditions } from './domain';

/** The tracking events about a project that its members are told of. */
export type ProjectEvent =
  | { readonly type: 'tracking.agreement.signed.v1'; readonly data: DataOf<'tracking.agreement.signed.v1'> }
  | { readonly type: 'tracking.tranche.disbursed.v1'; readonly data: DataOf<'tracking.tranche.disbursed.v1'> }
  | { readonly type: 'tracking.report.accepted.v1'; readonly data: DataOf<'tracking.report.accepted.v1'> }
  | { readonly type: 'tracking.report.returned.v1'; readonly data: DataOf<'tracking.report.returned.v1'> };

/** A tracking event about a project that arrived before the project's members did (topics arrive in any order). */
export type WaitingEvent = ProjectEvent & { readonly causationId: string };

/**
 * What this service keeps of tracking's projects to tell their members: who is still in the project, what each
 * report said about each member's month (for stipends withheld), and events that came before the project did.
 */
export interface ProjectCopy {
  readonly _id: string;
  readonly version: number;
  /** Null until `project.opened` arrives. */
  readonly members: readonly string[] | null;
  /** The latest submission of each report: what it says of each member's month. */
  readonly reports: readonly { readonly reportId: string; readonly members: readonly MonthConditions[] }[];
  readonly waiting: readonly WaitingEvent[];
}

const empty = (id: string): ProjectCopy => ({ _id: id, version: 0, members: null, reports: [], waiting: [] });

export class ProjectCopies {
  private readonly copies: Collection<ProjectCopy>;
  /** The same collection for guarded writes, which take any document. */
  private readonly documents: Collection<Document>;

  constructor(db: Db) {
    this.copies = db.collection<ProjectCopy>('notificationProjects');
    this.documents = db.collection('notificationProjects');
  }

  async get(projectId: string): Promise<ProjectCopy | undefined> {
    return (await this.copies.findOne({ _id: projectId })) ?? undefined;
  }

  /** Changes the copy by a function of its current state (undefined: no change), guarded by its version. */
  async update(
    projectId: string,
    change: (current: ProjectCopy) => ProjectCopy | undefined,
  ): Promise<ProjectCopy> {
    for (let attempt = 1; ; attempt += 1) {
      const stored = await this.get(projectId);
      const next = change(stored ?? empty(projectId));
      if (next === undefined) return stored ?? empty(projectId);
      const { _id: _ignored, version: _version, ...fields } = next;
      let written: boolean;
      if (stored) {
        written = (
          await writeIfMatches(this.documents, projectId, {
            guard: { version: stored.version },
            update: { $set: { ...fields, version: stored.version + 1 } },
          })
        ).written;
      } else {
        try {
          await this.copies.insertOne({ ...next, version: 1 });
          written = true;
        } catch (error) {
          if (!isDuplicateKey(error)) throw error;
          written = false;
        }
      }
      if (written) return { ...next, version: (stored?.version ?? 0) + 1 };
      if (attempt >= 10) throw new Error(`project copy ${projectId} kept changing; giving up this time`);
    }
  }
}
