/** The body's formatting bar: marks, headings, lists, quote, link, and your own undo and redo. */
import type { ReactNode } from 'react';
import { useEditorState, type Editor } from '@tiptap/react';
import { promptForLink } from './links';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

/** A shortcut as this platform writes it: "Mod-Shift-z" → "⌘⇧Z" or "Ctrl+Shift+Z". */
export function shortcutLabel(keys: string): string {
  const parts = keys.split('-');
  if (isMac) {
    const symbols: Record<string, string> = { Mod: '⌘', Shift: '⇧', Alt: '⌥' };
    return parts.map((p) => symbols[p] ?? p.toUpperCase()).join('');
  }
  const names: Record<string, string> = { Mod: 'Ctrl', Shift: 'Shift', Alt: 'Alt' };
  return parts.map((p) => names[p] ?? p.toUpperCase()).join('+');
}

interface ButtonProps {
  label: string;
  keys?: string | string[];
  active?: boolean;
  disabled?: boolean;
  onClick: () => void;
  children: ReactNode;
  name: string;
}

function ToolbarButton({ label, keys, active = false, disabled = false, onClick, children, name }: ButtonProps) {
  const shortcuts = keys === undefined ? [] : Array.isArray(keys) ? keys : [keys];
  const title = shortcuts.length ? `${label} (${shortcuts.map(shortcutLabel).join(' or ')})` : label;
  return (
    <button
      type="button"
      className={`toolbar__button${active ? ' is-active' : ''}`}
      title={title}
      aria-label={label}
      aria-pressed={active}
      disabled={disabled}
      data-command={name}
      // Keep the selection in the body while clicking.
      onMouseDown={(event) => event.preventDefault()}
      onClick={onClick}
    >
      {children}
    </button>
  );
}

const icon = { width: 18, height: 18, viewBox: '0 0 24 24', fill: 'none', stroke: 'currentColor', strokeWidth: 2, strokeLinecap: 'round', strokeLinejoin: 'round', 'aria-hidden': true } as const;

interface ToolbarProps {
  editor: Editor;
  editable: boolean;
  /** Changes are tracked as suggestions: structure (headings, lists, quotes, links) cannot be suggested. */
  suggesting?: boolean;
  /** Shown in place of the formatting controls (for someone who may only suggest). */
  hint?: ReactNode;
  /** At the bar's right end: the mode switch. */
  trailing?: ReactNode;
}

/**
 * Formatting controls for the body editor. `editable` comes from the page: switching an editor's
 * editability emits no transaction, so the editor state alone would not re-render the bar.
 */
export function Toolbar({ editor, editable, suggesting = false, hint, trailing }: ToolbarProps) {
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => {
      // One dry-run command set for both questions: each can() builds one for every command there is.
      const can = e.can();
      return {
        bold: e.isActive('bold'),
        italic: e.isActive('italic'),
        link: e.isActive('link'),
        h2: e.isActive('heading', { level: 2 }),
        h3: e.isActive('heading', { level: 3 }),
        bulletList: e.isActive('bulletList'),
        orderedList: e.isActive('orderedList'),
        blockquote: e.isActive('blockquote'),
        canUndo: can.undo(),
        canRedo: can.redo(),
      };
    },
  });
  const off = !editable;
  const structureOff = off || suggesting;
  const run = (fn: (chain: ReturnType<Editor['chain']>) => ReturnType<Editor['chain']>) => () => {
    fn(editor.chain().focus()).run();
  };

  const history = (
    <div className="toolbar__group">
      <ToolbarButton name="undo" label="Undo your last change" keys="Mod-z" disabled={off || !state.canUndo} onClick={() => editor.chain().focus().undo().run()}>
        <svg {...icon}>
          <path d="M9 14 4 9l5-5" />
          <path d="M4 9h10.5a5.5 5.5 0 0 1 0 11H11" />
        </svg>
      </ToolbarButton>
      <ToolbarButton name="redo" label="Redo" keys={['Mod-Shift-z', 'Mod-y']} disabled={off || !state.canRedo} onClick={() => editor.chain().focus().redo().run()}>
        <svg {...icon}>
          <path d="m15 14 5-5-5-5" />
          <path d="M20 9H9.5a5.5 5.5 0 0 0 0 11H13" />
        </svg>
      </ToolbarButton>
    </div>
  );
  if (hint) {
    return (
      <div className="toolbar" role="toolbar" aria-label="Formatting">
        {history}
        <span className="toolbar__divider" aria-hidden="true" />
        <span className="toolbar__hint" data-testid="mode-notice" role="status">
          {hint}
        </span>
        {trailing}
      </div>
    );
  }

  return (
    <div className="toolbar" role="toolbar" aria-label="Formatting">
      <div className="toolbar__group">
        <ToolbarButton name="bold" label="Bold" keys="Mod-b" active={state.bold} disabled={off} onClick={run((c) => c.toggleBold())}>
          <span className="toolbar__glyph toolbar__glyph--bold">B</span>
        </ToolbarButton>
        <ToolbarButton name="italic" label="Italic" keys="Mod-i" active={state.italic} disabled={off} onClick={run((c) => c.toggleItalic())}>
          <span className="toolbar__glyph toolbar__glyph--italic">I</span>
        </ToolbarButton>
        <ToolbarButton name="link" label="Link" keys="Mod-k" active={state.link} disabled={structureOff} onClick={() => promptForLink(editor)}>
          <svg {...icon}>
            <path d="M10 13a5 5 0 0 0 7.54.54l3-3a5 5 0 0 0-7.07-7.07l-1.72 1.71" />
            <path d="M14 11a5 5 0 0 0-7.54-.54l-3 3a5 5 0 0 0 7.07 7.07l1.71-1.71" />
          </svg>
        </ToolbarButton>
      </div>
      <span className="toolbar__divider" aria-hidden="true" />
      <div className="toolbar__group">
        <ToolbarButton name="h2" label="Heading" keys="Mod-Alt-2" active={state.h2} disabled={structureOff} onClick={run((c) => c.toggleHeading({ level: 2 }))}>
          <span className="toolbar__glyph">H2</span>
        </ToolbarButton>
        <ToolbarButton name="h3" label="Subheading" keys="Mod-Alt-3" active={state.h3} disabled={structureOff} onClick={run((c) => c.toggleHeading({ level: 3 }))}>
          <span className="toolbar__glyph">H3</span>
        </ToolbarButton>
        <ToolbarButton name="bulletList" label="Bulleted list" keys="Mod-Shift-8" active={state.bulletList} disabled={structureOff} onClick={run((c) => c.toggleBulletList())}>
          <svg {...icon}>
            <path d="M9 6h11M9 12h11M9 18h11" />
            <circle cx="4.5" cy="6" r="1" fill="currentColor" />
            <circle cx="4.5" cy="12" r="1" fill="currentColor" />
            <circle cx="4.5" cy="18" r="1" fill="currentColor" />
          </svg>
        </ToolbarButton>
        <ToolbarButton name="orderedList" label="Numbered list" keys="Mod-Shift-7" active={state.orderedList} disabled={structureOff} onClick={run((c) => c.toggleOrderedList())}>
          <svg {...icon}>
            <path d="M10 6h10M10 12h10M10 18h10" />
            <path d="M4 4.5h1.2V9M3.8 9h2.6M3.7 14.2c.4-.5 1-.8 1.6-.7.7.1 1.1.6 1 1.2-.1.5-.5.9-1.1 1.4L3.7 17.6h2.9" strokeWidth="1.4" />
          </svg>
        </ToolbarButton>
        <ToolbarButton name="blockquote" label="Quote" keys="Mod-Shift-b" active={state.blockquote} disabled={structureOff} onClick={run((c) => c.toggleBlockquote())}>
          <svg {...icon}>
            <path d="M7 7h4v4c0 3-1.5 5-4 6M14 7h4v4c0 3-1.5 5-4 6" />
          </svg>
        </ToolbarButton>
      </div>
      <span className="toolbar__divider" aria-hidden="true" />
      {history}
      {trailing}
    </div>
  );
}
