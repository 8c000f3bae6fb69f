/**
 * The story's co-edited `meta` map (desk, tags, hero image, related stories, AI-use note), read as the
 * server reads it: a value of the wrong shape is left out, never trusted.
 */
import { useEffect, useState } from 'react';
import type * as Y from 'yjs';
import { ArticleRoots, type ArticleMeta, type HeroImage } from '../../../shared/article';
import type { CollabSession } from './collabSession';

const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const strings = (v: unknown): string[] | undefined => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : undefined);

function hero(v: unknown): HeroImage | null | undefined {
  if (v === null) return null;
  if (!v || typeof v !== 'object') return undefined;
  const h = v as Record<string, unknown>;
  return { src: text(h.src) ?? '', alt: text(h.alt) ?? '', caption: text(h.caption) ?? '', credit: text(h.credit) ?? '' };
}

/** The meta fields of a doc, each checked for shape. */
export function readMeta(map: Y.Map<unknown>): ArticleMeta {
  const meta: ArticleMeta = {};
  const desk = text(map.get('desk'));
  if (desk !== undefined) meta.desk = desk;
  const tags = strings(map.get('tags'));
  if (tags) meta.tags = tags;
  const h = hero(map.get('hero'));
  if (h !== undefined) meta.hero = h;
  const related = strings(map.get('related'));
  if (related) meta.related = related;
  const aiNote = text(map.get('aiNote'));
  if (aiNote !== undefined) meta.aiNote = aiNote;
  return meta;
}

/** The meta map of a session's doc. */
export function metaMap(session: CollabSession): Y.Map<unknown> {
  return session.doc.getMap(ArticleRoots.meta);
}

/** Set one meta field; everyone in the story sees it at once. Call only when the viewer may edit. */
export function writeMeta<K extends keyof ArticleMeta>(session: CollabSession, key: K, value: ArticleMeta[K]): void {
  const map = metaMap(session);
  session.doc.transact(() => map.set(key, value));
}

/** The meta fields of a story, following local and remote changes. */
export function useArticleMeta(session: CollabSession | null): ArticleMeta {
  const [meta, setMeta] = useState<ArticleMeta>({});
  useEffect(() => {
    if (!session) {
      setMeta({});
      return;
    }
    const map = metaMap(session);
    const refresh = () => setMeta(readMeta(map));
    refresh();
    map.observe(refresh);
    return () => map.unobserve(refresh);
  }, [session]);
  return meta;
}
