/**
 * Turns a story copied from a web page or a wire feed into a new Galley story: headline, standfirst
 * and a body of the body schema, with the page furniture around it ("Homepage News", "Also read",
 * "Ads by …", share buttons) left out and listed so the desk can see what went. Pure: no I/O.
 */
import { parse, NodeType, type HTMLElement, type Node } from 'node-html-parser';
import type { ProseMirrorJSON } from '../../shared/text';
import { safeLink } from '../../shared/urls';

/** A story as an import makes it. */
export interface ImportedStory {
  headline: string;
  standfirst: string;
  /** A doc of the body schema: paragraphs, `heading` nodes (level 2, or 3 from an HTML `h3`), lists and quotes. */
  body: ProseMirrorJSON;
  /** The photo credit found near the top; the image itself is not imported. */
  hero: { credit: string } | null;
  /** The source's note on how AI was used, kept out of the body. */
  aiNote: string | null;
  /** The page furniture that was left out, in the order it appeared. */
  dropped: string[];
}

/** What can be imported: plain text or HTML. */
export interface ImportInput {
  text?: string;
  html?: string;
}

type Marks = NonNullable<ProseMirrorJSON['marks']>;

/** A block of the source on its way to becoming part of the story. */
interface Unit {
  kind: 'title' | 'text' | 'heading' | 'list' | 'quote' | 'credit' | 'dropped';
  /** The plain text, whitespace collapsed: what the furniture rules read. */
  text: string;
  /** Inline content with marks (HTML); plain text when absent. */
  inline?: ProseMirrorJSON[];
  level?: 2 | 3;
  ordered?: boolean;
  items?: ProseMirrorJSON[][];
  /** The source marked this block as the standfirst. */
  standfirst?: boolean;
}

/** A title-like block has at most this many words. */
const maxHeadingWords = 10;
const maxHeadingLength = 90;

// Lines that introduce a teaser for another story: the line and the teaser after it go.
const teaserIntros = new Set([
  'also read', 'read also', 'read more', 'see also', 'read next', 'related', 'related stories', 'related articles',
  'related content', 'more on this story', 'more on this', 'recommended reading',
]);
// Lines that are furniture wherever they stand.
const furnitureLines = new Set([
  'others are reading now', 'other people are reading', 'people are reading', 'most read', 'most popular', 'trending',
  'trending now', 'recommended', 'recommended for you', 'you may also like', 'you might also like', 'advertisement',
  'advert', 'ad', 'sponsored', 'sponsored content', 'share', 'share this', 'share this article', 'share this story',
  'share article', 'subscribe', 'subscribe now', 'sign up', 'newsletter', 'comments', 'show comments', 'print',
  'copy link', 'listen to this article', 'follow us', 'skip to content', 'skip to main content', 'back to top',
  'top stories', 'latest news', 'more stories', 'continue reading', 'click here',
]);
const shareWords = /^(?:(?:share(?: on| via)?|tweet|e-?mail|print|facebook|twitter|x|linkedin|whatsapp|telegram|reddit|pinterest|messenger|copy link|link copied)[\s,|·•/]*)+$/i;
const furniturePatterns = [
  /^ads?\s+by\b/i,
  /^(?:advertisement|sponsored)\b.{0,40}$/i,
  /^(?:share|follow)(?: us)?(?: on| via)? (?:facebook|twitter|x|linkedin|whatsapp|telegram|instagram|e-?mail)\b/i,
  /^(?:subscribe|sign up|register)\b.{0,100}\b(?:newsletter|updates|inbox|free|now|today)\b/i,
  /^(?:read|listen to) (?:the )?(?:full|whole) (?:article|story)\b/i,
];
const breadcrumbStart = /^(?:home|homepage|front ?page|forside|startseite|accueil)\b/i;
const breadcrumbSeparators = /\s(?:›|»|>|\/|\|)\s/;
const ellipsis = /(?:\.\.\.|…)$/;
const creditPatterns = [
  /^\(?(?:photo(?:graph)?s?|image|picture|pic|foto|illustration)(?:\s+by\s+|\s*[:：]\s*)(.+?)\)?$/i,
  /^\(?(?:photo |image |picture )?credits?\s*[:：]\s*(.+?)\)?$/i,
];
// At the end of a caption: "Protesters in Kyiv. Photo: Jane Doe / Reuters".
const trailingCredit = /(?:^|[.!?]\s+|\s[-–—|]\s)\(?(?:photo(?:graph)?|image|picture|foto|credit)(?:\s+by\s+|\s*[:：]\s*)([^.]+?)\)?\.?$/i;
const aiNotePattern = /^(?:this|the) (?:article|story|text|report)\b.*\b(?:AI|A\.I\.|artificial intelligence)\b/i;
const bylinePattern = /^[Bb]y\s+\p{Lu}[\p{L}.'’-]*(?:\s+(?:and\s+)?\p{Lu}[\p{L}.'’-]*){0,6}$/u;
const sentenceEnd = /[.!?…:;,]["”’')\]]*$/;

/** Whitespace collapsed, invisible characters removed. */
function clean(text: string): string {
  return text
    .replace(/[\u200B-\u200D\u2060\uFEFF\u00AD]/g, '')
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

const key = (text: string) => clean(text).toLowerCase().replace(/[:：.\s]+$/, '');
const words = (text: string) => text.split(/\s+/).filter(Boolean).length;
const preview = (text: string) => (text.length > 160 ? `${text.slice(0, 159)}…` : text);

function creditIn(text: string): string | null {
  for (const pattern of creditPatterns) {
    const m = pattern.exec(text);
    if (m) return clean(m[1]) || null;
  }
  return null;
}

function isFurniture(text: string): boolean {
  const k = key(text);
  return furnitureLines.has(k) || shareWords.test(k) || furniturePatterns.some((p) => p.test(text)) || (bylinePattern.test(text) && words(text) <= 8);
}

/** A short line that reads like a title: few words and no sentence-ending punctuation. */
function isTitleLike(text: string): boolean {
  return words(text) <= maxHeadingWords && text.length <= maxHeadingLength && !sentenceEnd.test(text) && /^[\p{Lu}\p{N}"“‘'(]/u.test(text);
}

const textNode = (text: string): ProseMirrorJSON => ({ type: 'text', text });
const inlineOf = (u: Unit): ProseMirrorJSON[] => u.inline ?? (u.text ? [textNode(u.text)] : []);
const paragraph = (inline: ProseMirrorJSON[]): ProseMirrorJSON => (inline.length ? { type: 'paragraph', content: inline } : { type: 'paragraph' });

/** Imports a story from plain text or HTML (give one). */
export function importStory(input: ImportInput): ImportedStory {
  if (input.html !== undefined && input.html.trim()) return assemble(htmlUnits(input.html), 'html');
  return assemble(textUnits(input.text ?? ''), 'text');
}

// ---------------------------------------------------------------- plain text

/** Splits plain text into blocks: blank lines separate them, and each line of a block stands alone unless the block is hard-wrapped prose. */
function textUnits(text: string): Unit[] {
  const normalized = text.replace(/\r\n?/g, '\n').replace(/\u00A0/g, ' ');
  const blocks = normalized.split(/\n[ \t]*\n/);
  const units: Unit[] = [];
  for (const block of blocks) {
    const lines = block.split('\n').map(clean).filter(Boolean);
    // Lines that stand alone whatever the block looks like: credits, furniture, the AI note.
    const standalone = (line: string) => creditIn(line) !== null || isFurniture(line) || aiNotePattern.test(line) || breadcrumbStart.test(line);
    const rest = lines.filter((l) => !standalone(l));
    const wrapped = blocks.length > 1 && looksHardWrapped(rest);
    let joined = false;
    for (const line of lines) {
      if (wrapped && !standalone(line)) {
        if (!joined) units.push({ kind: 'text', text: rest.join(' ') });
        joined = true;
      } else {
        units.push({ kind: 'text', text: line });
      }
    }
  }
  return units;
}

/** Lines of one paragraph wrapped at a fixed width (as e-mailed wire copy is), rather than separate paragraphs. */
function looksHardWrapped(lines: string[]): boolean {
  if (lines.length < 2) return false;
  const longest = Math.max(...lines.map((l) => l.length));
  if (longest > 100) return false;
  return lines.slice(0, -1).every((l) => l.length >= Math.max(40, 0.55 * longest));
}

// ---------------------------------------------------------------- HTML

const removedTags = 'script, style, noscript, template, iframe, object, embed, svg, canvas, video, audio, button, input, select, textarea, table';
const furnitureTags = 'nav, aside, footer, form, [role=navigation], [role=complementary], [role=contentinfo], [role=banner], [aria-hidden=true]';
const furnitureClasses = /(?:^|[\s_-])(?:ad|ads|advert|advertisement|share|sharing|social|newsletter|related|promo|teaser|breadcrumbs?|comments?|subscribe|paywall)(?:$|[\s_-])/i;
const standfirstClasses = /(?:^|[\s_-])(?:standfirst|lede|lead|dek|deck|summary|intro|subtitle|subheadline|excerpt)(?:$|[\s_-])/i;
const creditClasses = /(?:^|[\s_-])credits?(?:$|[\s_-])/i;
const blockTags = new Set([
  'address', 'article', 'aside', 'blockquote', 'div', 'dl', 'dd', 'dt', 'figure', 'figcaption', 'footer', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
  'header', 'hr', 'li', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'ul', 'body', 'html',
]);

const tagOf = (el: HTMLElement) => el.tagName?.toLowerCase() ?? '';
const isElement = (n: Node): n is HTMLElement => n.nodeType === NodeType.ELEMENT_NODE;
const hasBlockChild = (el: HTMLElement): boolean => el.childNodes.some((n) => isElement(n) && (blockTags.has(tagOf(n)) || hasBlockChild(n)));

/** Splits HTML into blocks, after taking out the page around the story. */
function htmlUnits(html: string): Unit[] {
  const root = parse(html, { comment: false });
  const units: Unit[] = [];
  const drop = (what: string, el: HTMLElement) => {
    const text = clean(el.text);
    if (text) units.push({ kind: 'dropped', text: `${what}: ${preview(text)}` });
  };
  for (const el of root.querySelectorAll(removedTags)) el.remove();
  // The story's own <header> holds its headline; a <header> without an h1 is the site's.
  const scope =
    root.querySelectorAll('article').find((a) => a.querySelector('h1')) ??
    (root.querySelector('h1') ? root.querySelector('body') : null) ??
    root.querySelector('article') ??
    root.querySelector('main') ??
    root.querySelector('body') ??
    root;
  for (const el of scope.querySelectorAll(furnitureTags)) {
    if (el.querySelector('h1')) continue;
    drop(tagOf(el), el);
    el.remove();
  }
  for (const el of scope.querySelectorAll('header')) {
    if (el.querySelector('h1')) continue;
    drop('header', el);
    el.remove();
  }
  for (const el of scope.querySelectorAll('[class]')) {
    if (el.querySelector('h1') || !furnitureClasses.test(el.getAttribute('class') ?? '') || creditClasses.test(el.getAttribute('class') ?? '')) continue;
    drop(tagOf(el), el);
    el.remove();
  }
  walk(scope, units);
  if (!units.some((u) => u.kind === 'title' && u.text)) {
    // No h1: the document title, without the " | Site name" that pages add to it.
    const title = clean(root.querySelector('title')?.text ?? '').replace(/\s+[|–—-]\s+[^|–—-]{1,40}$/, '');
    if (title) units.unshift({ kind: 'title', text: title });
  }
  return units;
}

function walk(el: HTMLElement, units: Unit[]): void {
  for (const node of el.childNodes) {
    if (!isElement(node)) {
      const text = clean(node.text);
      if (text) units.push({ kind: 'text', text, inline: [textNode(text)] });
      continue;
    }
    const tag = tagOf(node);
    const cls = node.getAttribute('class') ?? '';
    if (tag === 'h1') units.push({ kind: 'title', text: clean(node.text) });
    else if (tag === 'h2' || tag === 'h3' || tag === 'h4' || tag === 'h5' || tag === 'h6') {
      units.push({ kind: 'heading', level: tag === 'h2' ? 2 : 3, text: clean(node.text), inline: inline(node, []) });
    } else if (tag === 'ul' || tag === 'ol') {
      const items = node.querySelectorAll('li').filter((li) => !li.querySelector('li')).map((li) => inline(li, []));
      units.push({ kind: 'list', ordered: tag === 'ol', text: clean(node.text), items: items.filter((i) => i.length) });
    } else if (tag === 'blockquote') {
      units.push({ kind: 'quote', text: clean(node.text), inline: inline(node, []) });
    } else if (tag === 'figure') {
      const caption = node.querySelector('figcaption');
      if (caption) figcaptionCredit(caption, units);
    } else if (tag === 'figcaption') {
      figcaptionCredit(node, units);
    } else if (creditClasses.test(cls)) {
      units.push({ kind: 'credit', text: creditIn(clean(node.text)) ?? clean(node.text) });
    } else if (tag === 'hr' || tag === 'img' || tag === 'br') {
      continue;
    } else if (tag === 'p' || tag === 'pre' || !hasBlockChild(node)) {
      const text = clean(node.text);
      if (text) units.push({ kind: 'text', text, inline: inline(node, []), standfirst: standfirstClasses.test(cls) });
    } else {
      walk(node, units);
    }
  }
}

function figcaptionCredit(caption: HTMLElement, units: Unit[]): void {
  const marked = caption.querySelectorAll('*').find((e) => creditClasses.test(e.getAttribute('class') ?? ''));
  const text = clean(caption.text);
  const credit = marked ? creditIn(clean(marked.text)) ?? clean(marked.text) : creditIn(text) ?? trailingCredit.exec(text)?.[1]?.trim();
  if (credit) units.push({ kind: 'credit', text: credit });
}

/** The inline content of an element: text with bold, italic and (safe) links, hard breaks for <br>. */
function inline(el: HTMLElement, marks: Marks): ProseMirrorJSON[] {
  const out: ProseMirrorJSON[] = [];
  for (const node of el.childNodes) {
    if (!isElement(node)) {
      const text = node.text.replace(/[\u200B-\u200D\u2060\uFEFF\u00AD]/g, '').replace(/\s+/g, ' ');
      if (text) out.push(marks.length ? { type: 'text', text, marks } : textNode(text));
      continue;
    }
    const tag = tagOf(node);
    if (tag === 'br') {
      out.push({ type: 'hardBreak' });
      continue;
    }
    let inner = marks;
    if (tag === 'strong' || tag === 'b') inner = withMark(marks, { type: 'bold' });
    else if (tag === 'em' || tag === 'i') inner = withMark(marks, { type: 'italic' });
    else if (tag === 'a') {
      const href = safeLink(node.getAttribute('href'));
      if (href) inner = withMark(marks.filter((m) => m.type !== 'link'), { type: 'link', attrs: { href } });
    }
    out.push(...inline(node, inner));
  }
  return tidy(out);
}

const withMark = (marks: Marks, mark: Marks[number]): Marks => (marks.some((m) => m.type === mark.type) ? marks : [...marks, mark]);

/** Trims the ends, removes doubled spaces across element boundaries and empty text nodes. */
function tidy(nodes: ProseMirrorJSON[]): ProseMirrorJSON[] {
  const out: ProseMirrorJSON[] = [];
  let lastEndsInSpace = true;
  for (const n of nodes) {
    if (n.type !== 'text') {
      out.push(n);
      lastEndsInSpace = true;
      continue;
    }
    let text = n.text ?? '';
    if (lastEndsInSpace) text = text.replace(/^ /, '');
    if (!text) continue;
    out.push({ ...n, text });
    lastEndsInSpace = text.endsWith(' ');
  }
  while (out.length && out[out.length - 1].type === 'hardBreak') out.pop();
  while (out.length && out[0].type === 'hardBreak') out.shift();
  const last = out[out.length - 1];
  if (last?.type === 'text') {
    last.text = last.text!.replace(/ $/, '');
    if (!last.text) out.pop();
  }
  return out;
}

// ---------------------------------------------------------------- both

/** Picks the headline, standfirst, credit and AI note out of the blocks and leaves the furniture out. */
function assemble(units: Unit[], source: 'text' | 'html'): ImportedStory {
  const dropped: string[] = [];
  let credit: string | null = null;
  let aiNote: string | null = null;
  let headline: string | null = null;
  const content: Unit[] = [];
  const texts = units.map((u) => u.text);
  const hasTitle = units.some((u) => u.kind === 'title' && u.text);

  // A copy of the headline cut short by the page ("Trump says… – but...") is furniture.
  const truncatedCopy = (text: string, index: number) => {
    if (!ellipsis.test(text)) return false;
    const stem = key(text.replace(ellipsis, '').replace(breadcrumbStart, ''));
    return stem.length >= 8 && texts.some((t, i) => i !== index && key(t).includes(stem) && !ellipsis.test(t));
  };

  for (let i = 0; i < units.length; i++) {
    const unit = units[i];
    const text = unit.text;
    if (unit.kind === 'dropped') {
      dropped.push(text);
      continue;
    }
    if (!text && unit.kind !== 'list') continue;
    if (unit.kind === 'credit') {
      credit ??= text;
      continue;
    }
    if (unit.kind !== 'list' && unit.kind !== 'quote') {
      const found = creditIn(text);
      if (found) {
        credit ??= found;
        continue;
      }
    }
    if (aiNotePattern.test(text)) {
      aiNote ??= text;
      continue;
    }
    if (teaserIntros.has(key(text))) {
      dropped.push(text);
      // The teaser after it goes too, unless the next block is itself furniture or a new section.
      const next = units[i + 1];
      if (next && (next.kind === 'text' || next.kind === 'list') && !teaserIntros.has(key(next.text))) {
        dropped.push(preview(next.text));
        i++;
      }
      continue;
    }
    if (isFurniture(text) || truncatedCopy(text, i)) {
      dropped.push(preview(text));
      continue;
    }
    const beforeHeadline = headline === null;
    if (beforeHeadline && (breadcrumbStart.test(text) || (breadcrumbSeparators.test(text) && words(text) <= 15))) {
      dropped.push(preview(text));
      continue;
    }
    if (beforeHeadline) {
      // HTML names its headline with an h1; what comes before it (kicker, dateline) is left out.
      if (hasTitle && unit.kind !== 'title') {
        dropped.push(preview(text));
        continue;
      }
      headline = text;
      continue;
    }
    if (key(text) === key(headline!)) {
      dropped.push(preview(text));
      continue;
    }
    content.push(unit);
  }

  // The standfirst: the block the source marked as one, else the first paragraph after the headline.
  const markedIndex = content.findIndex((u) => u.standfirst);
  const standfirstIndex = markedIndex >= 0 ? markedIndex : content.findIndex((u) => u.kind === 'text');
  const standfirst = standfirstIndex >= 0 && (markedIndex >= 0 || standfirstIndex === 0) ? content[standfirstIndex].text : '';
  const bodyUnits = standfirst ? content.filter((_, i) => i !== standfirstIndex) : content;

  const blocks: ProseMirrorJSON[] = [];
  bodyUnits.forEach((u, i) => {
    const next = bodyUnits[i + 1];
    switch (u.kind) {
      case 'heading':
        blocks.push({ type: 'heading', attrs: { level: u.level ?? 2 }, content: inlineOf(u) });
        break;
      case 'list':
        if (u.items?.length) {
          blocks.push({ type: u.ordered ? 'orderedList' : 'bulletList', content: u.items.map((item) => ({ type: 'listItem', content: [paragraph(item)] })) });
        }
        break;
      case 'quote':
        blocks.push({ type: 'blockquote', content: [paragraph(inlineOf(u))] });
        break;
      default: {
        // Plain text has no markup for subheadings: a short title-like line followed by prose is one.
        const subheading = source === 'text' && isTitleLike(u.text) && next?.kind === 'text' && !isTitleLike(next.text);
        blocks.push(subheading ? { type: 'heading', attrs: { level: 2 }, content: inlineOf(u) } : paragraph(inlineOf(u)));
      }
    }
  });
  const nonEmpty = blocks.filter((b) => b.type !== 'heading' || b.content?.length);
  return {
    headline: headline ?? '',
    standfirst,
    body: { type: 'doc', content: nonEmpty.length ? nonEmpty : [{ type: 'paragraph' }] },
    hero: credit ? { credit } : null,
    aiNote,
    dropped,
  };
}
