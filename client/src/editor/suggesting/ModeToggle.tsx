/** Editing / Suggesting / Viewing, as in a shared document, with Ctrl+Alt+E / S / V (⌘⌥ on a Mac). */
import { useEffect } from 'react';
import type { EditMode } from './SuggestChanges';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

const modes: { mode: EditMode; label: string; key: string; code: string }[] = [
  { mode: 'editing', label: 'Editing', key: 'E', code: 'KeyE' },
  { mode: 'suggesting', label: 'Suggesting', key: 'S', code: 'KeyS' },
  { mode: 'viewing', label: 'Viewing', key: 'V', code: 'KeyV' },
];

/** How a mode's shortcut reads on this platform. */
export function modeShortcut(mode: EditMode): string {
  const key = modes.find((m) => m.mode === mode)!.key;
  return isMac ? `⌘⌥${key}` : `Ctrl+Alt+${key}`;
}

interface ModeToggleProps {
  mode: EditMode;
  /** The modes this person may pick now (a suggester cannot pick Editing). */
  allowed: readonly EditMode[];
  onMode: (mode: EditMode) => void;
  /** Why a mode is closed, for its tooltip. */
  closedReason?: string;
}

/** The mode switch of the body's toolbar. */
export function ModeToggle({ mode, allowed, onMode, closedReason }: ModeToggleProps) {
  return (
    <div className="segmented mode-toggle" role="radiogroup" aria-label="Mode" data-testid="edit-mode" data-mode={mode}>
      {modes.map((m) => {
        const open = allowed.includes(m.mode);
        return (
          <button
            key={m.mode}
            type="button"
            role="radio"
            aria-checked={mode === m.mode}
            className={`segmented__option mode-toggle__option--${m.mode}${mode === m.mode ? ' is-active' : ''}`}
            data-testid={`mode-${m.mode}`}
            disabled={!open}
            title={open ? `${m.label} (${modeShortcut(m.mode)})` : (closedReason ?? `${m.label} is not open to you now`)}
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => onMode(m.mode)}
          >
            {m.label}
          </button>
        );
      })}
    </div>
  );
}

/** Switches the mode from the keyboard anywhere on the story page. */
export function useModeShortcuts(allowed: readonly EditMode[], onMode: (mode: EditMode) => void): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!event.altKey || !(isMac ? event.metaKey : event.ctrlKey) || event.shiftKey) return;
      // `code`, not `key`: Alt changes the character a key types on many layouts.
      const wanted = modes.find((m) => m.code === event.code);
      if (!wanted || !allowed.includes(wanted.mode)) return;
      event.preventDefault();
      onMode(wanted.mode);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [allowed, onMode]);
}
