/**
 * The article schema: one list of Tiptap extensions per field, used by the editor in the browser
 * and by the server when it renders HTML, counts words and seeds new stories.
 */
import { Mark, Node, mergeAttributes, getSchema, type Extensions } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import Document from '@tiptap/extension-document';
import Paragraph from '@tiptap/extension-paragraph';
import Text from '@tiptap/extension-text';
import type { Schema } from '@tiptap/pm/model';
import { safeImage, safeLink } from './urls';
import { colorFor } from './people';

/** An image with its caption and credit, as a newsroom places it in a story. */
export const Figure = Node.create({
  name: 'figure',
  group: 'block',
  atom: true,
  draggable: true,
  addAttributes() {
    return {
      src: { default: null },
      alt: { default: '' },
      caption: { default: '' },
      credit: { default: '' },
    };
  },
  parseHTML() {
    return [
      {
        tag: 'figure',
        getAttrs: (element) => {
          const img = (element as HTMLElement).querySelector('img');
          if (!img) return false;
          return {
            src: img.getAttribute('src'),
            alt: img.getAttribute('alt') ?? '',
            caption: (element as HTMLElement).querySelector('.caption')?.textContent ?? '',
            credit: (element as HTMLElement).querySelector('.credit')?.textContent ?? '',
          };
        },
      },
    ];
  },
  renderHTML({ HTMLAttributes }) {
    const { src, alt, caption, credit } = HTMLAttributes as Record<string, string>;
    return [
      'figure',
      mergeAttributes({ class: 'figure' }),
      ['img', { src: safeImage(src) ?? '', alt }],
      ['figcaption', {}, ['span', { class: 'caption' }, caption ?? ''], ' ', ['span', { class: 'credit' }, credit ?? '']],
    ];
  },
});

/** The attributes of a tracked suggestion mark: which suggestion it belongs to and who made it. */
function suggestionAttributes() {
  return {
    id: { default: null, parseHTML: (el: HTMLElement) => el.getAttribute('data-suggestion'), renderHTML: () => ({}) },
    author: { default: null, parseHTML: (el: HTMLElement) => el.getAttribute('data-author'), renderHTML: () => ({}) },
  };
}

/** Renders a suggestion mark with its id, author and the author's colour (shared/people's colorFor). */
function suggestionHTML(tag: 'ins' | 'del', attrs: Record<string, unknown>): [string, Record<string, string>, 0] {
  const id = String(attrs.id ?? '');
  const author = String(attrs.author ?? '');
  return [tag, { class: `suggestion suggestion--${tag === 'ins' ? 'insertion' : 'deletion'}`, 'data-suggestion': id, 'data-author': author, style: `--suggestion-color: ${colorFor(author)}` }, 0];
}

/**
 * Text a suggester proposes to add. Not inclusive: typing at either end of someone's suggestion is not
 * part of it. Coexists with `deletion` (someone may propose to delete another's proposed text).
 */
export const Insertion = Mark.create({
  name: 'insertion',
  inclusive: false,
  addAttributes: suggestionAttributes,
  parseHTML: () => [{ tag: 'ins[data-suggestion]' }],
  renderHTML: ({ mark }) => suggestionHTML('ins', mark.attrs),
});

/** Text a suggester proposes to delete: it stays in the doc, struck through, until accepted. */
export const Deletion = Mark.create({
  name: 'deletion',
  inclusive: false,
  addAttributes: suggestionAttributes,
  parseHTML: () => [{ tag: 'del[data-suggestion]' }],
  renderHTML: ({ mark }) => suggestionHTML('del', mark.attrs),
});

/** Options for the body's extension list. */
export interface BodyOptions {
  /** Leave out the built-in undo history (collaborative editors use Yjs's own undo). */
  collaborative?: boolean;
}

/** The body: paragraphs, H2/H3, lists, blockquote, bold, italic, links, figures, and tracked suggestions. */
export function bodyExtensions({ collaborative = false }: BodyOptions = {}): Extensions {
  return [
    StarterKit.configure({
      heading: { levels: [2, 3] },
      codeBlock: false,
      code: false,
      horizontalRule: false,
      strike: false,
      underline: false,
      // Opening a story must not change it: no empty paragraph appended after a final heading or list.
      trailingNode: false,
      undoRedo: collaborative ? false : undefined,
      link: {
        openOnClick: false,
        autolink: true,
        protocols: ['http', 'https', 'mailto'],
        isAllowedUri: (url) => safeLink(url) !== null,
        HTMLAttributes: { rel: 'noopener noreferrer nofollow', target: null },
      },
    }),
    Figure,
    Insertion,
    Deletion,
  ];
}

/** A single plain-text paragraph: the headline and the standfirst. */
export function lineExtensions(): Extensions {
  return [Document.extend({ content: 'paragraph' }), Paragraph, Text];
}

let bodySchemaCache: Schema | undefined;
let lineSchemaCache: Schema | undefined;

/** The ProseMirror schema of the body. */
export function bodySchema(): Schema {
  return (bodySchemaCache ??= getSchema(bodyExtensions()));
}

/** The ProseMirror schema of the headline and standfirst. */
export function lineSchema(): Schema {
  return (lineSchemaCache ??= getSchema(lineExtensions()));
}
