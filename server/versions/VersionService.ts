/**
 * A story's versions: listing them, saving one by hand, comparing any two (or one with the live text)
 * with each change attributed, "what changed since the copy desk signed off", and restoring one.
 */
import * as Y from 'yjs';
import type { User } from '../auth/users';
import type { CollabServer } from '../collab/CollabServer';
import { ServerEdit } from '../collab/ArticleRoom';
import { NotFoundError } from '../errors';
import type { DocStore } from '../store/DocStore';
import { applyStored } from '../store/applyStored';
import { renderArticle, type RenderedArticle } from '../articles/render';
import { versionInfo, type VersionStore, type StoredVersion } from '../workflow/VersionStore';
import { summarizeChanges, type ChangesSinceSignOff, type DiffEnd, type VersionDiff, type VersionInfo } from '../../shared/versions';
import type { AuthorshipRecorder, AuthorshipStore } from './AuthorshipStore';
import { compareDocs } from './compareDocs';
import { restoreUpdate } from './restoreUpdate';

/** What the versions service needs. */
export interface VersionServiceDeps {
  versions: VersionStore;
  authorship: AuthorshipStore;
  recorder: AuthorshipRecorder;
  collab: CollabServer;
  docs: DocStore;
}

/** One end of a comparison as asked for: a version id, or the live text. */
export type VersionRef = number | 'live';

/** A doc rebuilt from an update, for reading (or converting) and then destroying. */
function docFrom(update: Uint8Array): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, update);
  return doc;
}

/** The story an update holds, rendered. */
function renderedFrom(update: Uint8Array): RenderedArticle {
  const doc = docFrom(update);
  try {
    return renderArticle(doc);
  } finally {
    doc.destroy();
  }
}

/** The versions of stories. */
export class VersionService {
  constructor(private readonly deps: VersionServiceDeps) {}

  /** A story's versions, oldest first. */
  list(articleId: string): Promise<VersionInfo[]> {
    return this.deps.versions.list(articleId);
  }

  /** Saves the live text as a named version, rendered as it reads now. */
  async saveNamed(articleId: string, name: string, by: User | null, kind: 'manual' | 'restore' = 'manual'): Promise<VersionInfo> {
    const snapshot = await this.liveSnapshot(articleId);
    const id = await this.deps.versions.save({ articleId, name, snapshot, rendered: renderedFrom(snapshot), createdBy: by?.id ?? null, at: new Date(), kind });
    return versionInfo((await this.deps.versions.byId(articleId, id))!);
  }

  /** Compares two versions, or a version and the live text; the older end comes first whichever order they were asked in. */
  async diff(articleId: string, a: VersionRef, b: VersionRef): Promise<VersionDiff> {
    const [older, newer] = [a, b].sort((x, y) => (x === 'live' ? 1 : y === 'live' ? -1 : x - y));
    const from = await this.end(articleId, older);
    const to = await this.end(articleId, newer);
    return this.compare(articleId, from, to);
  }

  /** What changed since the copy desk last signed the story off, and who changed it. */
  async changesSinceSignOff(articleId: string): Promise<ChangesSinceSignOff> {
    const version = await this.deps.versions.savedAtLast(articleId, 'sign_off');
    if (!version) return { signOff: null, diff: null, changes: [] };
    const info = versionInfo(version);
    const diff = await this.compare(articleId, { info: endOf(info), snapshot: version.snapshot }, await this.end(articleId, 'live'));
    return { signOff: { version: info, by: info.by, at: info.createdAt }, diff, changes: summarizeChanges(diff.blocks) };
  }

  /**
   * Restores a version's text as a forward change made by `by`: everyone in the story sees it arrive
   * like anyone's edit. The text before and after are each saved as a version.
   */
  async restore(articleId: string, versionId: number, by: User): Promise<VersionInfo> {
    const version = await this.deps.versions.byId(articleId, versionId);
    if (!version) throw NotFoundError('There is no such version of this story.');
    // The text a restore replaces stays one click away.
    await this.saveNamed(articleId, `Before restoring “${version.name}”`, by, 'restore');
    const content = docFrom(version.snapshot);
    try {
      await this.deps.collab.applyServerChange(articleId, (live) => restoreUpdate(live, content), new ServerEdit(by.id));
    } finally {
      content.destroy();
    }
    return this.saveNamed(articleId, `Restored from “${version.name}”`, by, 'restore');
  }

  private async compare(articleId: string, from: { info: DiffEnd; snapshot: Uint8Array }, to: { info: DiffEnd; snapshot: Uint8Array }): Promise<VersionDiff> {
    // Who wrote and deleted what is recorded just after each change is applied: let it land first.
    await this.deps.recorder.settled();
    const articleAuthors = await this.deps.authorship.forArticle(articleId);
    const older = docFrom(from.snapshot);
    const newer = docFrom(to.snapshot);
    try {
      const { blocks, authors } = compareDocs(older, newer, articleAuthors);
      return { from: from.info, to: to.info, blocks, authors };
    } finally {
      older.destroy();
      newer.destroy();
    }
  }

  private async end(articleId: string, ref: VersionRef): Promise<{ info: DiffEnd; snapshot: Uint8Array }> {
    if (ref === 'live') return { info: { id: 'live', name: 'Now', at: new Date().toISOString() }, snapshot: await this.liveSnapshot(articleId) };
    const version: StoredVersion | undefined = await this.deps.versions.byId(articleId, ref);
    if (!version) throw NotFoundError('There is no such version of this story.');
    return { info: endOf(version), snapshot: version.snapshot };
  }

  /** The story as it stands: the open room's doc if this process has it, else what the store holds. */
  private async liveSnapshot(articleId: string): Promise<Uint8Array> {
    const room = this.deps.collab.openRoom(articleId);
    if (room) return Y.encodeStateAsUpdate(room.doc);
    const doc = new Y.Doc();
    try {
      applyStored(doc, await this.deps.docs.load(articleId));
      return Y.encodeStateAsUpdate(doc);
    } finally {
      doc.destroy();
    }
  }
}

const endOf = (v: VersionInfo): DiffEnd => ({ id: v.id, name: v.name, at: v.createdAt });
