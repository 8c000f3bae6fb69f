/**
 * Structural checks on a Yjs update before it touches a live doc. An update must decode completely,
 * and every item it adds must fit the article layout where it lands: XmlElements of the schema and
 * XmlTexts in the three text roots, text and formatting inside an XmlText, JSON values in `meta`,
 * nothing nested deeper than a story needs. Where an item lands is resolved through its parent or its
 * neighbours, in the update itself or in the doc.
 */
import * as Y from 'yjs';
import { ArticleRoots } from '../../shared/article';
import { bodySchema, lineSchema } from '../../shared/schema';

/** An update's structs as decoded once, for every check that reads them. */
export type DecodedStructs = (Y.Item | Y.GC | Y.Skip)[];

/** What to do with an update; one that may be applied comes with its structs, for the checks after this one. */
export type UpdateVerdict = { ok: true; structs: DecodedStructs } | { ok: false; refuse: string } | { ok: false; resync: string };

const textRoots = new Set<string>([ArticleRoots.headline, ArticleRoots.standfirst, ArticleRoots.body]);
const MaxDepth = 24;
const MaxNodeNameLength = 64;

let nodeNames: Set<string> | undefined;
/** Element names the schema knows, in any field. */
function knownNodeNames(): Set<string> {
  return (nodeNames ??= new Set([...Object.keys(bodySchema().nodes), ...Object.keys(lineSchema().nodes)]));
}

/** Where an item lands. */
type Place =
  | { kind: 'fragment' }
  | { kind: 'meta' }
  | { kind: 'element'; depth: number }
  | { kind: 'text'; depth: number }
  /** Inside something deleted or collected: its content is dropped on arrival. */
  | { kind: 'gone' }
  | { kind: 'other'; what: string }
  | { kind: 'unknown' };

/** Checks an update against the live doc it is about to be applied to. */
export function checkUpdate(doc: Y.Doc, update: Uint8Array): UpdateVerdict {
  let structs: DecodedStructs;
  try {
    ({ structs } = Y.decodeUpdate(update) as { structs: DecodedStructs });
  } catch (err) {
    return { ok: false, refuse: `the update does not decode (${(err as Error).message})` };
  }
  const places = new Placement(doc, structs);
  let unknown = false;
  for (const s of structs) {
    if (!(s instanceof Y.Item)) continue;
    const problem = misfit(s, places.of(s));
    if (problem === 'unknown') unknown = true;
    else if (problem) return { ok: false, refuse: problem };
  }
  // Items that lean on something the server has not seen: ask the client for what is missing.
  if (unknown) return { ok: false, resync: 'the update refers to items the server does not have yet' };
  return { ok: true, structs };
}

/**
 * Where the items of one update land, resolved through the update's own items and the doc. (A class,
 * not closures: this runs for every update, and its functions are made once.)
 */
class Placement {
  private readonly own = new Map<number, DecodedStructs>();
  private readonly places = new Map<Y.Item, Place>();

  constructor(
    private readonly doc: Y.Doc,
    private readonly structs: DecodedStructs,
  ) {
    for (const s of structs) {
      const list = this.own.get(s.id.client);
      if (list) list.push(s);
      else this.own.set(s.id.client, [s]);
    }
  }

  /** Where an item lands: its parent, or else its neighbour's parent. */
  of(item: Y.Item, seen = 0): Place {
    const known = this.places.get(item);
    if (known) return known;
    let place: Place;
    if (seen > this.structs.length + 1) place = { kind: 'unknown' };
    else if (typeof item.parent === 'string') {
      place = textRoots.has(item.parent) ? { kind: 'fragment' } : item.parent === ArticleRoots.meta ? { kind: 'meta' } : { kind: 'other', what: `root "${item.parent}"` };
    } else if (item.parent instanceof Y.ID) place = this.inside(this.lookup(item.parent));
    else if (item.parent && typeof item.parent === 'object' && '_item' in item.parent) {
      // An item already in the doc: its parent is a live type.
      const type = item.parent as Y.AbstractType<unknown>;
      place = type._item ? this.inside(type._item) : rootPlace(this.doc, type);
    } else {
      const neighbour = item.origin ? this.lookup(item.origin) : item.rightOrigin ? this.lookup(item.rightOrigin) : undefined;
      place = !neighbour ? { kind: 'unknown' } : neighbour instanceof Y.GC ? { kind: 'gone' } : this.of(neighbour, seen + 1);
    }
    this.places.set(item, place);
    return place;
  }

  private lookup(id: Y.ID): Y.Item | Y.GC | undefined {
    // The decoded structs of one client are sorted by clock: search them by halves.
    const list = this.own.get(id.client) ?? [];
    for (let lo = 0, hi = list.length - 1; lo <= hi; ) {
      const mid = (lo + hi) >> 1;
      const s = list[mid];
      if (id.clock < s.id.clock) hi = mid - 1;
      else if (id.clock >= s.id.clock + s.length) lo = mid + 1;
      else return s instanceof Y.Skip ? undefined : s;
    }
    if (id.clock < Y.getState(this.doc.store, id.client)) return Y.getItem(this.doc.store, id) as Y.Item | Y.GC;
    return undefined;
  }

  /** The place inside a parent item (its content decides). */
  private inside(parent: Y.Item | Y.GC | undefined): Place {
    if (!parent) return { kind: 'unknown' };
    if (parent instanceof Y.GC || parent.content instanceof Y.ContentDeleted || parent.deleted) return { kind: 'gone' };
    if (!(parent.content instanceof Y.ContentType)) return { kind: 'other', what: parent.content.constructor.name };
    const type = parent.content.type;
    const depth = this.depthOf(parent);
    if (type instanceof Y.XmlElement) return { kind: 'element', depth };
    if (type instanceof Y.XmlText) return { kind: 'text', depth };
    return { kind: 'other', what: type.constructor.name };
  }

  /** How deep an item sits: 1 under a root. */
  private depthOf(item: Y.Item): number {
    const known = this.places.get(item);
    if (known && (known.kind === 'element' || known.kind === 'text')) return known.depth + 1;
    if (known) return 1;
    let depth = 1;
    for (let type = item.parent as Y.AbstractType<unknown> | null; type && type._item; type = type._item.parent as Y.AbstractType<unknown> | null) depth++;
    return depth;
  }
}

function rootPlace(doc: Y.Doc, type: Y.AbstractType<unknown>): Place {
  for (const [name, root] of doc.share) {
    if (root !== type) continue;
    if (textRoots.has(name)) return { kind: 'fragment' };
    if (name === ArticleRoots.meta) return { kind: 'meta' };
    return { kind: 'other', what: `root "${name}"` };
  }
  return { kind: 'unknown' };
}

/** Why an item does not fit where it lands, 'unknown' if that cannot be told yet, or null. */
function misfit(item: Y.Item, place: Place): string | 'unknown' | null {
  const content = item.content;
  if (content instanceof Y.ContentDeleted || place.kind === 'gone') return null;
  const isMapEntry = item.parentSub !== null;
  switch (place.kind) {
    case 'unknown':
      return 'unknown';
    case 'other':
      return `the update writes into ${place.what}, which an article does not have`;
    case 'meta':
      return isMapEntry && content instanceof Y.ContentAny ? null : 'meta holds only named JSON values';
    case 'fragment':
    case 'element': {
      if (isMapEntry) return place.kind === 'element' && content instanceof Y.ContentAny ? null : 'a text field holds no named values';
      if (!(content instanceof Y.ContentType)) return `a ${content.constructor.name} cannot stand directly in a text field or element`;
      const type = content.type;
      if (type instanceof Y.XmlText) return null;
      if (!(type instanceof Y.XmlElement)) return `a ${type.constructor.name} cannot stand in a text field`;
      if (type.nodeName.length > MaxNodeNameLength || !knownNodeNames().has(type.nodeName)) return `“${type.nodeName.slice(0, MaxNodeNameLength)}” is not an element of the article schema`;
      if (place.kind === 'element' && place.depth >= MaxDepth) return `elements nest deeper than ${MaxDepth} levels`;
      return null;
    }
    case 'text':
      if (isMapEntry) return content instanceof Y.ContentAny ? null : 'text attributes are JSON values';
      return content instanceof Y.ContentString || content instanceof Y.ContentFormat || content instanceof Y.ContentEmbed ? null : `a ${content.constructor.name} cannot stand inside text`;
  }
}
