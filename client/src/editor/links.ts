/** Links in the body: only web and mail addresses, asked for with a prompt. */
import type { Editor } from '@tiptap/core';

const allowedProtocols = new Set(['http:', 'https:', 'mailto:']);

/** A safe link target for what the writer typed, or null if it is not a web or mail address. */
export function normalizeLinkTarget(input: string): string | null {
  const value = input.trim();
  if (!value) return null;
  let candidate = value;
  if (!/^[a-z][a-z0-9+.-]*:/i.test(value)) {
    // "reuters.com/world" and "desk@paper.com" are what people paste; give them their scheme.
    if (/^[^\s@/]+@[^\s@/]+\.[^\s@/]+$/.test(value)) candidate = `mailto:${value}`;
    else if (/^(\/\/)?[^\s/]+\.[^\s/]+/.test(value)) candidate = `https://${value.replace(/^\/\//, '')}`;
    else return null;
  }
  try {
    const url = new URL(candidate);
    return allowedProtocols.has(url.protocol) ? url.href : null;
  } catch {
    return null;
  }
}

/** Ask for a URL and link the selection (or the link under the caret); an empty answer removes the link. */
export function promptForLink(editor: Editor): void {
  if (!editor.isEditable) return;
  const current = (editor.getAttributes('link').href as string | undefined) ?? '';
  let answer = window.prompt('Link to (https://…, or an email address)', current);
  while (answer !== null) {
    if (answer.trim() === '') {
      editor.chain().extendMarkRange('link').unsetLink().run();
      editor.view.focus();
      return;
    }
    const href = normalizeLinkTarget(answer);
    if (href) {
      applyLink(editor, href);
      return;
    }
    answer = window.prompt('Only web (http, https) and email (mailto) links are allowed. Link to:', answer);
  }
  editor.view.focus();
}

function applyLink(editor: Editor, href: string): void {
  const { empty } = editor.state.selection;
  if (!empty || editor.isActive('link')) {
    editor.chain().extendMarkRange('link').setLink({ href }).run();
  } else {
    // Nothing selected: insert the address itself as the linked text.
    const text = href.replace(/^mailto:/, '');
    editor
      .chain()
      .insertContent({ type: 'text', text, marks: [{ type: 'link', attrs: { href } }] })
      .unsetMark('link')
      .run();
  }
  // Focus now, not on the next frame as the focus command does: the prompt has just taken it away.
  editor.view.focus();
}
