/**
 * Named versions of a story: a Yjs snapshot saved at each transition, by hand, and around a restore,
 * with the story rendered as it then read (JSON and HTML).
 */
import type { RenderedArticle } from '../articles/render';
import { colorFor } from '../../shared/people';
import type { VersionInfo, VersionKind } from '../../shared/versions';
import type { Database, Sql } from '../store/database';

interface Row {
  id: number;
  name: string;
  kind: VersionKind;
  created_by: string | null;
  user_name: string | null;
  created_at: string;
}

const toInfo = (r: Row): VersionInfo => ({
  id: Number(r.id),
  name: r.name,
  kind: r.kind,
  by: r.created_by ? { id: r.created_by, name: r.user_name ?? '', color: colorFor(r.created_by) } : null,
  createdAt: r.created_at,
});

const selectInfo = 'SELECT v.id, v.name, v.kind, v.created_by, u.name AS user_name, v.created_at FROM article_versions v LEFT JOIN users u ON u.id = v.created_by';

/** A version's story as JSON: the rendered article without its HTML, which has a column of its own. */
export type VersionJSON = Omit<RenderedArticle, 'html'>;

/** A version with the update that rebuilds the story as it was, and the story rendered then. */
export interface StoredVersion extends VersionInfo {
  snapshot: Uint8Array;
  /** Null for versions saved before they were rendered (migration 9). */
  json: VersionJSON | null;
  html: string | null;
}

const selectStored = selectInfo.replace('SELECT ', 'SELECT v.snapshot, v.json, v.html, ');

type StoredRow = Row & { snapshot: Uint8Array; json: string | null; html: string | null };

const toStored = (r: StoredRow): StoredVersion => ({
  ...toInfo(r),
  snapshot: new Uint8Array(r.snapshot),
  json: r.json === null ? null : (JSON.parse(r.json) as VersionJSON),
  html: r.html,
});

/** A version's listing entry, without its snapshot and rendering. */
export const versionInfo = ({ id, name, kind, by, createdAt }: VersionInfo): VersionInfo => ({ id, name, kind, by, createdAt });

/** The article_versions table. */
export class VersionStore {
  constructor(private readonly db: Database) {}

  /**
   * Saves a version (call inside the transaction of the step that made it). `rendered` is the story
   * as `snapshot` reads; every save of the product passes it.
   */
  async save(
    version: { articleId: string; name: string; snapshot: Uint8Array; rendered?: RenderedArticle; createdBy: string | null; at: Date; kind?: VersionKind },
    on: Sql = this.db,
  ): Promise<number> {
    const { html, ...json }: Partial<RenderedArticle> = version.rendered ?? {};
    const row = await on.get<{ id: number }>('INSERT INTO article_versions (article_id, name, snapshot, json, html, created_by, created_at, kind) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id', [
      version.articleId,
      version.name,
      version.snapshot,
      version.rendered ? JSON.stringify(json) : null,
      html ?? null,
      version.createdBy,
      version.at.toISOString(),
      version.kind ?? 'transition',
    ]);
    return Number(row!.id);
  }

  /** A story's versions, oldest first, without their snapshots. */
  async list(articleId: string): Promise<VersionInfo[]> {
    return (await this.db.all<Row>(`${selectInfo} WHERE v.article_id = ? ORDER BY v.id`, [articleId])).map(toInfo);
  }

  /** One version of a story, with its snapshot and rendering. */
  async byId(articleId: string, id: number): Promise<StoredVersion | undefined> {
    const row = await this.db.get<StoredRow>(`${selectStored} WHERE v.article_id = ? AND v.id = ?`, [articleId, id]);
    return row && toStored(row);
  }

  /**
   * The version saved by a story's latest step of `action` (a transition writes its audit entry and
   * its version in one transaction, with the same time).
   */
  async savedAtLast(articleId: string, action: string): Promise<StoredVersion | undefined> {
    const row = await this.db.get<StoredRow>(
      `${selectStored} JOIN article_events e ON e.article_id = v.article_id AND e.at = v.created_at AND (e.user_id = v.created_by OR (e.user_id IS NULL AND v.created_by IS NULL))
       WHERE v.article_id = ? AND v.kind = 'transition' AND e.action = ? ORDER BY e.id DESC, v.id DESC LIMIT 1`,
      [articleId, action],
    );
    return row && toStored(row);
  }
}
