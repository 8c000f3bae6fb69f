/**
 * The body editor's comment highlights: each open thread's words, the thread in focus, and the words
 * a comment is being written about. Positions come from the threads' Yjs anchors (`shared/comments`),
 * read again whenever the doc changed from the other side (the y-sync binding's transactions) or the
 * threads changed; a local edit maps them, as the binding has not written it to the doc yet.
 */
import type { Editor } from '@tiptap/core';
import type { Schema } from '@tiptap/pm/model';
import { Plugin, PluginKey, TextSelection, type EditorState } from '@tiptap/pm/state';
import { Decoration, DecorationSet, type EditorView } from '@tiptap/pm/view';
import { ySyncPluginKey } from '@tiptap/y-tiptap';
import type * as Y from 'yjs';
import { BodyLayout, type IsLeaf, type ThreadAnchor } from '../../../../shared/comments';

/** What the highlights show. */
export interface HighlightModel {
  threads: { id: string; anchor: ThreadAnchor }[];
  /** The thread in focus (clicked in the margin or in the text). */
  active: string | null;
  /** The words of a comment being written. */
  draft: ThreadAnchor | null;
}

/** What the plugin reads and tells. */
export interface CommentHighlightsOptions {
  fragment: Y.XmlFragment;
  /** The model as it stands (read on every rebuild). */
  model: () => HighlightModel;
  /** Someone clicked highlighted words. */
  onActivate: (threadId: string) => void;
}

export const commentHighlightsKey = new PluginKey<DecorationSet>('commentHighlights');

/** How long after a change to the text the highlights are read again from the doc. */
const localEditSettleMs = 300;

/** The schema's leaves, for `BodyLayout`. */
export const leavesOf =
  (schema: Schema): IsLeaf =>
  (name) =>
    schema.nodes[name]?.isLeaf ?? false;

function build(state: EditorState, options: CommentHighlightsOptions): DecorationSet {
  const layout = new BodyLayout(options.fragment, leavesOf(state.schema));
  const { threads, active, draft } = options.model();
  const size = state.doc.content.size;
  const decorations: Decoration[] = [];
  const add = (anchor: ThreadAnchor, attrs: Record<string, string>) => {
    const place = layout.resolve(anchor);
    if (place.detached || place.to > size) return;
    decorations.push(Decoration.inline(place.from, place.to, attrs, { inclusiveStart: false, inclusiveEnd: false }));
  };
  for (const t of threads) add(t.anchor, { class: `comment-anchor${t.id === active ? ' comment-anchor--active' : ''}`, 'data-thread': t.id });
  if (draft) add(draft, { class: 'comment-anchor comment-anchor--draft' });
  return DecorationSet.create(state.doc, decorations);
}

/** The highlight plugin. */
export function commentHighlights(options: CommentHighlightsOptions): Plugin {
  return new Plugin<DecorationSet>({
    key: commentHighlightsKey,
    state: {
      init: (_config, state) => build(state, options),
      apply(tr, set, _old, state) {
        const sync = tr.getMeta(ySyncPluginKey) as { isChangeOrigin?: boolean } | undefined;
        if (tr.getMeta(commentHighlightsKey) || sync?.isChangeOrigin) return build(state, options);
        return tr.docChanged ? set.map(tr.mapping, tr.doc) : set;
      },
    },
    // A local edit is mapped at once, then read again from the doc once the binding has written it
    // there, so every page shows the same words (the binding's text diff decides which characters an
    // edit next to the words took, and the anchors follow the doc, not this page's mapping).
    view() {
      let timer: ReturnType<typeof setTimeout> | null = null;
      return {
        update(view, previous) {
          if (view.state.doc === previous.doc || timer) return;
          timer = setTimeout(() => {
            timer = null;
            if (!view.isDestroyed && commentHighlightsKey.getState(view.state)) refreshHighlights(view);
          }, localEditSettleMs);
        },
        destroy() {
          if (timer) clearTimeout(timer);
        },
      };
    },
    props: {
      decorations: (state) => commentHighlightsKey.getState(state),
      handleClick(view, _pos, event) {
        const marked = (event.target as HTMLElement | null)?.closest?.('[data-thread]');
        const id = marked && view.dom.contains(marked) ? marked.getAttribute('data-thread') : null;
        // After the click is done with: the caret it placed must be read before anything is redrawn.
        if (id) setTimeout(() => options.onActivate(id), 0);
        return false;
      },
    },
  });
}

/**
 * Asks the highlights to read the threads again. Redrawing puts the editor's selection back on the
 * page, so a selection the browser made that the editor has not read yet (a click a moment ago) is
 * taken along first, or it would be undone.
 */
export function refreshHighlights(view: EditorView): void {
  const tr = view.state.tr.setMeta(commentHighlightsKey, true);
  const dom = view.dom.ownerDocument.getSelection();
  if (dom?.anchorNode && dom.focusNode && view.dom.contains(dom.anchorNode) && view.dom.contains(dom.focusNode) && (!view.editable || view.hasFocus())) {
    try {
      const anchor = view.posAtDOM(dom.anchorNode, dom.anchorOffset);
      const head = view.posAtDOM(dom.focusNode, dom.focusOffset);
      const { selection } = view.state;
      if (anchor !== selection.anchor || head !== selection.head) tr.setSelection(TextSelection.create(tr.doc, anchor, head));
    } catch {
      // Inside a widget (a remote caret's name): keep the editor's own selection.
    }
  }
  view.dispatch(tr);
}

/** The words an anchor names now, in the editor's positions, or null when detached. */
export function wordsOf(editor: Editor, fragment: Y.XmlFragment, anchor: ThreadAnchor): { from: number; to: number } | null {
  const place = new BodyLayout(fragment, leavesOf(editor.schema)).resolve(anchor);
  return place.detached || place.to > editor.state.doc.content.size ? null : { from: place.from, to: place.to };
}

/** Selects a thread's words and brings them into view; false when they are gone. */
export function selectWords(editor: Editor, fragment: Y.XmlFragment, anchor: ThreadAnchor): boolean {
  const words = wordsOf(editor, fragment, anchor);
  if (!words) return false;
  const { view } = editor;
  view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, words.from, words.to)).scrollIntoView());
  // A view that is read-only or not focused does not draw its selection on the page: draw it.
  if (!view.hasFocus()) {
    const start = view.domAtPos(words.from);
    const end = view.domAtPos(words.to);
    document.getSelection()?.setBaseAndExtent(start.node, start.offset, end.node, end.offset);
  }
  const element = view.domAtPos(words.from).node;
  (element instanceof Element ? element : element.parentElement)?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  return true;
}
