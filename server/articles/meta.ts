/** Reads the co-edited `meta` map defensively: a field of the wrong shape is left out, never trusted. */
import type * as Y from 'yjs';
import type { ArticleMeta, HeroImage } from '../../shared/article';

const text = (v: unknown, max: number): string | undefined => (typeof v === 'string' ? v.slice(0, max) : undefined);
const strings = (v: unknown, maxItems: number, maxLength: number): string[] | undefined =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string').slice(0, maxItems).map((x) => x.slice(0, maxLength)) : undefined;

function hero(v: unknown): HeroImage | null | undefined {
  if (v === null) return null;
  if (!v || typeof v !== 'object') return undefined;
  const h = v as Record<string, unknown>;
  // A hero may hold only a credit for now (an imported wire story names the photographer first).
  const src = text(h.src, 2000);
  if (src === undefined) return undefined;
  return { src, alt: text(h.alt, 500) ?? '', caption: text(h.caption, 1000) ?? '', credit: text(h.credit, 300) ?? '' };
}

/** The article's meta fields, each checked for shape. */
export function readMeta(map: Y.Map<unknown>): ArticleMeta {
  const meta: ArticleMeta = {};
  const desk = text(map.get('desk'), 80);
  if (desk !== undefined) meta.desk = desk.trim();
  const tags = strings(map.get('tags'), 30, 60);
  if (tags) meta.tags = tags;
  const h = hero(map.get('hero'));
  if (h !== undefined) meta.hero = h;
  const related = strings(map.get('related'), 10, 64);
  if (related) meta.related = related;
  const aiNote = text(map.get('aiNote'), 1000);
  if (aiNote !== undefined) meta.aiNote = aiNote;
  return meta;
}
