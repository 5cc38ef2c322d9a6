import { del, get, set } from 'idb-keyval';
import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../../../api/client';
import { isProblem, type Problem, problemSlug } from '../../../api/problems';
import { type Bid, type BidContent, type BidField, sameValue } from './content';
import { type Choice, type DraftMerge, mergeDrafts, resolveMerge } from './merge';

/** How the draft stands against the server, shown beside the form ("saved", "saving", "offline"...). */
export type SaveStatus = 'saved' | 'unsaved' | 'saving' | 'offline' | 'signed-out' | 'conflict' | 'refused';

export interface Conflict {
  readonly merge: DraftMerge;
  readonly mine: BidContent;
  readonly theirs: Bid;
}

/** Autosave after this long without typing (and at once on leaving a field). */
export const AUTOSAVE_DELAY_MS = 2_000;

/**
 * What waits on this device while the server cannot be reached (offline, or the session ended): the bid's text as
 * the team writes it, and the version it started from, so it is merged rather than overwriting a newer save. It
 * holds no personal data: the bid's fields are the project's (title, problem, activities, budget), no member's name,
 * IIN or contact is part of it. Deleted as soon as the server has it.
 */
interface PendingDraft {
  readonly version: number;
  readonly base: BidContent;
  readonly content: BidContent;
}

const pendingKey = (bidId: string) => `zhas.draft.${bidId}`;

async function readPending(bidId: string): Promise<PendingDraft | undefined> {
  try {
    return await get<PendingDraft>(pendingKey(bidId));
  } catch {
    return undefined; // IndexedDB may be off (private mode): the draft is then kept in memory only
  }
}

async function keepPending(bidId: string, pending: PendingDraft): Promise<void> {
  try {
    await set(pendingKey(bidId), pending);
  } catch {
    // kept in memory only
  }
}

async function dropPending(bidId: string): Promise<void> {
  try {
    await del(pendingKey(bidId));
  } catch {
    // nothing was kept
  }
}

/**
 * The bid's draft as the person edits it, saved to the applications service a moment after each change and on
 * leaving a field, guarded by the version it was read at. A 409 (another member saved meanwhile) is merged field by
 * field; fields both changed are offered side by side. A save that cannot reach the server keeps the draft (memory
 * and IndexedDB) and is sent again when the browser is back online.
 */
export function useDraft(bid: Bid) {
  const bidId = bid.bidId;
  const [content, setContent] = useState<BidContent>(bid.content);
  const [status, setStatus] = useState<SaveStatus>('saved');
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  /** The server's version and content this draft builds on. */
  const base = useRef({ version: bid.version, content: bid.content });
  /** The last content the server accepted (as sent: the server may trim it, which is no change of ours). */
  const acknowledged = useRef<BidContent>(bid.content);
  const latest = useRef<BidContent>(bid.content);
  const saving = useRef<Promise<boolean> | null>(null);
  const blocked = useRef(false);
  latest.current = content;

  const save = useCallback(async (): Promise<boolean> => {
    if (blocked.current) return false;
    if (saving.current) await saving.current;
    if (sameValue(latest.current, acknowledged.current)) {
      setStatus('saved');
      return true;
    }
    const run = (async (): Promise<boolean> => {
      const sending = latest.current;
      setStatus('saving');
      let result;
      try {
        result = await api.applications.PUT('/bids/{bidId}/draft', {
          params: { path: { bidId } },
          body: { version: base.current.version, content: sending },
        });
      } catch {
        // No answer at all: the connection is gone. Kept here, sent when the browser is back online.
        await keepPending(bidId, {
          version: base.current.version,
          base: base.current.content,
          content: sending,
        });
        setStatus('offline');
        return false;
      }
      const { data, error, response } = result;
      if (response.ok && data) {
        base.current = { version: data.version, content: data.content };
        acknowledged.current = sending;
        setProblem(null);
        if (sameValue(latest.current, sending)) {
          await dropPending(bidId);
          setStatus('saved');
        } else {
          setStatus('unsaved');
        }
        return true;
      }
      const answered: Problem = isProblem(error)
        ? error
        : { type: '/problems/unexpected', status: response.status };
      if (response.status === 401) {
        await keepPending(bidId, {
          version: base.current.version,
          base: base.current.content,
          content: sending,
        });
        setStatus('signed-out');
        return false;
      }
      if (response.status === 409 && problemSlug(answered) === 'stale-version') {
        const fresh = await api.applications.GET('/bids/{bidId}', { params: { path: { bidId } } });
        if (!fresh.data) {
          setStatus('offline');
          return false;
        }
        return mergeWith(fresh.data, sending);
      }
      setProblem(answered);
      setStatus('refused');
      return false;
    })();
    saving.current = run;
    try {
      return await run;
    } finally {
      saving.current = null;
    }
    // mergeWith (below) and save call each other; both read the refs, not the render.
  }, [bidId]);

  /** Someone saved meanwhile: take what only they changed; offer the fields both changed. */
  function mergeWith(theirs: Bid, mine: BidContent): boolean | Promise<boolean> {
    const merge = mergeDrafts(base.current.content, mine, theirs.content);
    base.current = { version: theirs.version, content: theirs.content };
    acknowledged.current = theirs.content;
    if (merge.conflicts.length === 0) {
      latest.current = merge.merged;
      setContent(merge.merged);
      return save();
    }
    blocked.current = true;
    latest.current = merge.merged;
    setContent(merge.merged);
    setConflict({ merge, mine, theirs });
    setStatus('conflict');
    return false;
  }

  /** The person chose a side for each field both changed: the result is saved over the other member's version. */
  const resolve = useCallback(
    (choices: Readonly<Partial<Record<BidField, Choice>>>) => {
      if (!conflict) return;
      const resolved = resolveMerge(conflict.merge, conflict.mine, conflict.theirs.content, choices);
      blocked.current = false;
      latest.current = resolved;
      setContent(resolved);
      setConflict(null);
      void save();
    },
    [conflict, save],
  );

  const update = useCallback((patch: Partial<BidContent>) => {
    setContent((current) => ({ ...current, ...patch }));
  }, []);

  // A draft left on this device by a lost connection or an ended session: restored, then sent like any change.
  useEffect(() => {
    let cancelled = false;
    void readPending(bidId).then((pending) => {
      if (cancelled || !pending) return;
      if (pending.version === base.current.version) {
        setContent(pending.content);
        return;
      }
      base.current = { version: pending.version, content: pending.base };
      void mergeWith({ ...bid, version: bid.version, content: bid.content }, pending.content);
    });
    return () => {
      cancelled = true;
    };
    // Once per bid: the draft left on this device is read when the form opens.
  }, [bidId]);

  // Autosave a moment after the last change.
  useEffect(() => {
    if (sameValue(content, acknowledged.current) || blocked.current) return;
    setStatus((current) => (current === 'offline' || current === 'signed-out' ? current : 'unsaved'));
    const timer = window.setTimeout(() => void save(), AUTOSAVE_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [content, save]);

  // Back online: send what waited.
  useEffect(() => {
    const online = () => void save();
    window.addEventListener('online', online);
    return () => window.removeEventListener('online', online);
  }, [save]);

  return { content, update, status, conflict, resolve, save, problem, version: base };
}
