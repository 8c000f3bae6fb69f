/**
 * Remote carets and selections for one field of the article, with the collaborator's name and colour.
 *
 * Why not CollaborationCaret: the headline, standfirst and body are three editors on one awareness.
 * CollaborationCaret (3.31.3) always uses the awareness field `cursor`, so the three editors would
 * overwrite and clear each other's caret. y-tiptap's yCursorPlugin takes a `cursorStateField` argument,
 * but in @tiptap/y-tiptap 3.0.9 it only writes that field: it still reads `cursor` when drawing remote
 * carets and when deciding whether to clear its own on blur. So this is yCursorPlugin with the field
 * honoured everywhere: each editor publishes `cursor:<field>` and draws only that field's carets.
 */
import { Extension } from '@tiptap/core';
import { Plugin, PluginKey, type EditorState } from '@tiptap/pm/state';
import { Decoration, DecorationSet, type EditorView } from '@tiptap/pm/view';
import * as Y from 'yjs';
import type { Awareness } from 'y-protocols/awareness';
import {
  absolutePositionToRelativePosition,
  isStructuralTransaction,
  relativePositionToAbsolutePosition,
  setMeta,
  ySyncPluginKey,
} from '@tiptap/y-tiptap';
import type { TextField } from '../../../shared/article';

/** The awareness field that holds a user's caret in one article field. */
export function caretStateField(field: TextField): string {
  return `cursor:${field}`;
}

/** A collaborator as awareness describes them (the `user` field). */
export interface CaretUser {
  name: string;
  color: string;
}

interface CaretPosition {
  anchor: unknown;
  head: unknown;
}

interface SyncPluginState {
  doc: Y.Doc;
  type: Y.XmlFragment;
  binding: { mapping: Map<Y.AbstractType<unknown>, unknown> } | null;
  snapshot: unknown;
  prevSnapshot: unknown;
  isChangeOrigin: boolean;
}

const hexColor = /^#[0-9a-f]{6}$/i;

function userOf(state: Record<string, unknown>, clientId: number): CaretUser {
  const user = (state.user ?? {}) as Partial<CaretUser>;
  return {
    name: typeof user.name === 'string' && user.name ? user.name : `Guest ${clientId % 1000}`,
    color: typeof user.color === 'string' && hexColor.test(user.color) ? user.color : '#868e96',
  };
}

/** The caret: a 2px bar in the user's colour with their name above it. */
export function renderCaret(user: CaretUser): HTMLElement {
  const caret = document.createElement('span');
  caret.className = 'collaboration-carets__caret';
  caret.style.borderColor = user.color;
  caret.setAttribute('aria-hidden', 'true');
  const label = document.createElement('span');
  label.className = 'collaboration-carets__label';
  label.style.backgroundColor = user.color;
  label.textContent = user.name;
  caret.append(label);
  return caret;
}

const caretPluginKey = new PluginKey<DecorationSet>('galleyFieldCarets');

function syncStateOf(state: EditorState): SyncPluginState | undefined {
  return ySyncPluginKey.getState(state) as SyncPluginState | undefined;
}

function buildDecorations(state: EditorState, awareness: Awareness, stateField: string): DecorationSet {
  const ystate = syncStateOf(state);
  if (!ystate?.doc || !ystate.binding || ystate.snapshot != null || ystate.prevSnapshot != null || ystate.binding.mapping.size === 0) {
    return DecorationSet.create(state.doc, []);
  }
  const { doc: ydoc, type, binding } = ystate;
  const decorations: Decoration[] = [];
  awareness.getStates().forEach((aw, clientId) => {
    if (clientId === ydoc.clientID || !aw) return;
    const caret = aw[stateField] as CaretPosition | null | undefined;
    if (!caret) return;
    const user = userOf(aw, clientId);
    // y-tiptap's mapping type is internal; the binding hands it over as it is.
    const mapping = binding.mapping as Parameters<typeof relativePositionToAbsolutePosition>[3];
    let anchor = relativePositionToAbsolutePosition(ydoc, type, Y.createRelativePositionFromJSON(caret.anchor), mapping);
    let head = relativePositionToAbsolutePosition(ydoc, type, Y.createRelativePositionFromJSON(caret.head), mapping);
    if (anchor === null || head === null) return;
    const maxPos = Math.max(state.doc.content.size - 1, 0);
    anchor = Math.min(anchor, maxPos);
    head = Math.min(head, maxPos);
    decorations.push(Decoration.widget(head, () => renderCaret(user), { key: `${clientId}:${user.name}:${user.color}`, side: 10 }));
    const from = Math.min(anchor, head);
    const to = Math.max(anchor, head);
    if (to > from) {
      decorations.push(
        Decoration.inline(from, to, { class: 'collaboration-carets__selection', style: `background-color: ${user.color}33` }, { inclusiveEnd: true, inclusiveStart: false }),
      );
    }
  });
  return DecorationSet.create(state.doc, decorations);
}

/** The ProseMirror plugin that publishes this editor's caret and draws everyone else's. */
export function fieldCaretPlugin(awareness: Awareness, stateField: string): Plugin<DecorationSet> {
  return new Plugin<DecorationSet>({
    key: caretPluginKey,
    state: {
      init: (_config, state) => buildDecorations(state, awareness, stateField),
      apply(tr, previous, oldState, newState) {
        const ystate = syncStateOf(newState);
        const remote = !!ystate?.isChangeOrigin;
        // During a local structural change ProseMirror leads the Yjs mapping: hide stale carets until
        // their owners publish new positions (as yCursorPlugin does).
        if (tr.docChanged && !remote && isStructuralTransaction(tr, oldState.doc)) return DecorationSet.empty;
        const meta = tr.getMeta(caretPluginKey) as { awarenessUpdated?: boolean } | undefined;
        if (remote || meta?.awarenessUpdated) return buildDecorations(newState, awareness, stateField);
        return tr.docChanged ? previous.map(tr.mapping, tr.doc) : previous;
      },
    },
    props: {
      decorations: (state) => caretPluginKey.getState(state),
    },
    view(view: EditorView) {
      const onAwarenessChange = (): void => {
        // docView is unset while the view is being torn down.
        if ((view as unknown as { docView: unknown }).docView) setMeta(view, caretPluginKey, { awarenessUpdated: true });
      };

      const publish = (force = false): void => {
        const ystate = syncStateOf(view.state);
        if (!ystate?.binding) return;
        const mapping = ystate.binding.mapping as Parameters<typeof absolutePositionToRelativePosition>[2];
        const current = (awareness.getLocalState() ?? {})[stateField] as CaretPosition | null | undefined;
        if (view.hasFocus()) {
          const { anchor, head } = view.state.selection;
          const relAnchor = absolutePositionToRelativePosition(anchor, ystate.type, mapping);
          const relHead = absolutePositionToRelativePosition(head, ystate.type, mapping);
          if (
            force ||
            !current ||
            !Y.compareRelativePositions(Y.createRelativePositionFromJSON(current.anchor), relAnchor) ||
            !Y.compareRelativePositions(Y.createRelativePositionFromJSON(current.head), relHead)
          ) {
            awareness.setLocalStateField(stateField, { anchor: relAnchor, head: relHead });
          }
        } else if (current) {
          awareness.setLocalStateField(stateField, null);
        }
      };

      const onFocusChange = (): void => publish();
      awareness.on('change', onAwarenessChange);
      view.dom.addEventListener('focusin', onFocusChange);
      view.dom.addEventListener('focusout', onFocusChange);
      return {
        update(updatedView, previousState) {
          const ystate = syncStateOf(updatedView.state);
          // A remote edit can move our caret's relative position without moving it on screen: republish.
          publish(!!(ystate?.isChangeOrigin && previousState && !previousState.doc.eq(updatedView.state.doc)));
        },
        destroy() {
          view.dom.removeEventListener('focusin', onFocusChange);
          view.dom.removeEventListener('focusout', onFocusChange);
          awareness.off('change', onAwarenessChange);
          if ((awareness.getLocalState() ?? {})[stateField]) awareness.setLocalStateField(stateField, null);
        },
      };
    },
  });
}

/** Options of the FieldCarets extension. */
export interface FieldCaretsOptions {
  awareness: Awareness | null;
  field: TextField;
}

/** Remote carets for one article field (needs the Collaboration extension in the same editor). */
export const FieldCarets = Extension.create<FieldCaretsOptions>({
  name: 'fieldCarets',
  priority: 999,
  addOptions() {
    return { awareness: null, field: 'body' };
  },
  addProseMirrorPlugins() {
    const { awareness, field } = this.options;
    if (!awareness) throw new Error('FieldCarets needs the awareness of the collab session');
    return [fieldCaretPlugin(awareness, caretStateField(field))];
  },
});
