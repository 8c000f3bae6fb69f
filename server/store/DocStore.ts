/** Where article docs live: a snapshot plus an append-only log of Yjs updates. */

/** One update to append to an article's log. */
export interface LogEntry {
  articleId: string;
  update: Uint8Array;
}

/** What is stored for one article, in the order it must be applied. */
export interface StoredDoc {
  /** The compacted snapshot, if the log has ever been compacted. */
  snapshot: Uint8Array | null;
  /** Updates appended since the snapshot, oldest first. */
  updates: Uint8Array[];
  /** The ids of the updates read, in order; compaction deletes exactly these. */
  updateIds: number[];
}

/** The durable home of article docs. SQLite by default; PostgreSQL behind the same interface. */
export interface DocStore {
  /** Reads an article's snapshot and log. */
  load(articleId: string): Promise<StoredDoc>;
  /** Appends updates, possibly for several articles, in one transaction. */
  append(entries: LogEntry[]): Promise<void>;
  /** How many updates an article's log holds beyond its snapshot. */
  logLength(articleId: string): Promise<number>;
  /** The ids of an article's log rows, in order, and their bytes, without reading them. */
  logIndex(articleId: string): Promise<{ ids: number[]; bytes: number }>;
  /**
   * Replaces the snapshot and deletes the merged log rows, in one transaction. Resolves false,
   * changing nothing, when another compaction merged them meanwhile (on another instance).
   */
  replaceSnapshot(articleId: string, snapshot: Uint8Array, mergedIds: number[]): Promise<boolean>;
  /** Runs `work` unless another compaction of the article holds it; resolves undefined then. */
  compactionLock<T>(articleId: string, work: () => Promise<T>): Promise<T | undefined>;
  /** Bytes the article occupies in the store (snapshot plus log). */
  sizeOf(articleId: string): Promise<number>;
}
