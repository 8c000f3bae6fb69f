/**
 * One open story: its Y.Doc, the one WebsocketProvider that syncs it, its offline copy on this device,
 * who is looking at it (awareness) and whether everything typed here is stored on the server.
 */
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { IndexeddbPersistence } from 'y-indexeddb';
import type { Me } from '../../../shared/api';
import { ArticleRoots, type TextField } from '../../../shared/article';
import { CloseCodes, isFinalClose } from '../../../shared/closeCodes';
import { deleteOfflineDatabase, offlineDatabaseName } from './offlineStore';
import { SaveStatusTracker, type SaveStatus } from './saveStatus';

/** Why a story cannot be edited here, from the collab endpoint's final close codes. */
export type SessionProblem = 'unauthenticated' | 'forbidden' | 'not-found';

/** What the UI needs to know about a session, as one immutable snapshot. */
export interface SessionSnapshot {
  status: SaveStatus;
  /** Whether the doc's content is known (from the server, or from this device's copy of it). */
  ready: boolean;
  problem: SessionProblem | null;
  /**
   * The server refused an edit made here because this person may no longer edit the story (close
   * 4409): the doc holds changes the server will never take, so the page must discard it and reopen.
   */
  refused: boolean;
  /** Why: the story left the viewer's hands (4409), or a change was not a suggestion of theirs (4422). */
  refusal: Refusal | null;
}

/** Why the server refused this device's changes. */
export type Refusal = 'read-only' | 'suggestions-only';

/** How long a closed story page keeps syncing in the background to get its last edits stored. */
const flushGraceMs = 10_000;

/** Sessions not yet destroyed, including ones still flushing after their page closed. */
const openSessions = new Set<CollabSession>();

/** The collab endpoint on the origin the page came from. */
function collabUrl(): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/collab`;
}

function problemFor(code: number): SessionProblem | null {
  switch (code) {
    case CloseCodes.Unauthenticated.code:
      return 'unauthenticated';
    case CloseCodes.Forbidden.code:
      return 'forbidden';
    case CloseCodes.NotFound.code:
      return 'not-found';
    default:
      return null;
  }
}

/** A story open in this tab, shared by its three editors. */
export class CollabSession {
  readonly doc = new Y.Doc();
  readonly provider: WebsocketProvider;
  readonly offlineCopy: IndexeddbPersistence;
  readonly saveStatus: SaveStatusTracker;
  private snapshot: SessionSnapshot = { status: 'connecting', ready: false, problem: null, refused: false, refusal: null };
  private readonly listeners = new Set<() => void>();
  private destroyed = false;
  private releasing: ReturnType<typeof setTimeout> | null = null;

  constructor(
    readonly articleId: string,
    readonly me: Me,
  ) {
    // The offline copy is attached first so that edits kept on this device are in the doc as early
    // as possible; the provider sends them with its reply to the server's sync step 1.
    this.offlineCopy = new IndexeddbPersistence(offlineDatabaseName(me.id, articleId), this.doc);
    this.provider = new WebsocketProvider(collabUrl(), articleId, this.doc, {
      // The server is the one source of truth; tabs do not sync with each other behind its back.
      disableBc: true,
      // The shared close codes say which closes are final.
      shouldReconnect: (event) => !isFinalClose(event.code),
    });
    this.saveStatus = new SaveStatusTracker(this.doc, this.provider);
    this.provider.awareness.setLocalStateField('user', { name: me.name, color: me.color });

    this.saveStatus.subscribe((status) => this.set({ status }));
    this.provider.on('sync', this.onSync);
    this.provider.on('connection-close', this.onConnectionClose);
    this.offlineCopy.on('synced', this.onOfflineCopyLoaded);
    // A socket can linger for a long time after the network went away; trust the browser's word.
    window.addEventListener('offline', this.onBrowserOffline);
    window.addEventListener('online', this.onBrowserOnline);
    openSessions.add(this);
  }

  /** The fragment of one rich-text field. */
  fragment(field: TextField): Y.XmlFragment {
    return this.doc.getXmlFragment(ArticleRoots[field]);
  }

  /** The awareness shared by the three editors. */
  get awareness(): WebsocketProvider['awareness'] {
    return this.provider.awareness;
  }

  /** The current snapshot (stable until something changes, for useSyncExternalStore). */
  getSnapshot = (): SessionSnapshot => this.snapshot;

  /** Subscribe to snapshot changes; returns the unsubscribe function. */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /**
   * The page is done with this story. If some edits are not stored yet, keep syncing for a while in the
   * background so that leaving the page right after typing does not strand them on this device.
   */
  release(): void {
    if (this.destroyed || this.releasing) return;
    this.listeners.clear();
    // Leaving the story: others should stop seeing us in it straight away.
    this.provider.awareness.setLocalState(null);
    if (!this.saveStatus.hasUnsavedChanges || this.saveStatus.status === 'offline-unsaved' || this.snapshot.problem || this.snapshot.refused) {
      void this.destroy();
      return;
    }
    const unsubscribe = this.saveStatus.subscribe((status) => {
      if (status === 'saved' || status === 'offline-unsaved' || status === 'error') {
        unsubscribe();
        void this.destroy();
      }
    });
    this.releasing = setTimeout(() => {
      unsubscribe();
      void this.destroy();
    }, flushGraceMs);
  }

  /** Close the connection and the offline copy; the doc is gone after this. Resolves once the copy is closed. */
  destroy(): Promise<void> {
    if (this.destroyed) return Promise.resolve();
    this.destroyed = true;
    if (this.releasing) clearTimeout(this.releasing);
    openSessions.delete(this);
    this.listeners.clear();
    this.provider.off('sync', this.onSync);
    this.provider.off('connection-close', this.onConnectionClose);
    this.offlineCopy.off('synced', this.onOfflineCopyLoaded);
    window.removeEventListener('offline', this.onBrowserOffline);
    window.removeEventListener('online', this.onBrowserOnline);
    this.saveStatus.destroy();
    this.provider.destroy();
    const closed = this.offlineCopy.destroy();
    this.doc.destroy();
    return closed;
  }

  /**
   * Throw away this device's version of the story after the server refused it: close everything and
   * delete the offline copy, so that reopening starts from what the server holds.
   */
  async discard(): Promise<void> {
    await this.destroy();
    await deleteOfflineDatabase(this.offlineCopy.name);
  }

  private set(patch: Partial<SessionSnapshot>): void {
    const next = { ...this.snapshot, ...patch };
    const same = next.status === this.snapshot.status && next.ready === this.snapshot.ready && next.problem === this.snapshot.problem && next.refused === this.snapshot.refused;
    if (same) return;
    this.snapshot = next;
    for (const listener of this.listeners) listener();
  }

  private readonly onSync = (synced: boolean): void => {
    if (synced) this.set({ ready: true });
  };

  private readonly onOfflineCopyLoaded = (): void => {
    // A copy that holds anything came from an earlier sync with the server, so it includes the
    // server's seed: editing on top of it cannot create a second, conflicting first paragraph.
    if (this.doc.store.clients.size > 0) this.set({ ready: true });
  };

  private readonly onBrowserOffline = (): void => {
    this.provider.disconnect();
  };

  private readonly onBrowserOnline = (): void => {
    if (!this.snapshot.problem && !this.snapshot.refused) this.provider.connect();
  };

  private readonly onConnectionClose = (event: CloseEvent | null): void => {
    if (!event || !isFinalClose(event.code)) return;
    // Set before the provider schedules its reconnect, which then does nothing.
    this.provider.shouldConnect = false;
    this.saveStatus.fail();
    if (event.code === CloseCodes.ReadOnly.code || event.code === CloseCodes.SuggestionsOnly.code) {
      this.set({ refused: true, refusal: event.code === CloseCodes.ReadOnly.code ? 'read-only' : 'suggestions-only' });
      return;
    }
    const problem = problemFor(event.code) ?? 'forbidden';
    // A story that does not exist needs no copy on this device.
    if (problem === 'not-found') void this.offlineCopy.clearData();
    this.set({ problem });
  };
}

/** Stop every open story at once (logout): no edits may be sent after the session ends. */
export async function destroyAllSessions(): Promise<void> {
  await Promise.all([...openSessions].map((session) => session.destroy()));
}

/** Whether some open or closing story still has edits the server has not confirmed. */
export function anySessionHasUnsavedChanges(): boolean {
  return [...openSessions].some((session) => session.saveStatus.hasUnsavedChanges);
}

/**
 * Waits for edits that are on their way to the server (the status line says "Saving…") to be stored.
 * Resolves once nothing is left unsaved, or when no open story is still saving, or after `timeoutMs`.
 */
export function waitForSaving(timeoutMs: number): Promise<void> {
  const saving = () => [...openSessions].some((s) => s.saveStatus.hasUnsavedChanges && s.saveStatus.status === 'saving');
  if (!saving()) return Promise.resolve();
  return new Promise((resolve) => {
    const unsubscribes: (() => void)[] = [];
    const timer = setTimeout(finish, timeoutMs);
    function finish(): void {
      clearTimeout(timer);
      for (const unsubscribe of unsubscribes) unsubscribe();
      resolve();
    }
    for (const session of openSessions) unsubscribes.push(session.saveStatus.subscribe(() => !saving() && finish()));
  });
}
