/** "New story from text": paste a wire story, get a new draft with headline, standfirst and body. */
import { useState } from 'react';
import { importArticle } from '../../api/articles';
import { ApiRequestError } from '../../api/http';
import { rememberImport } from '../../importNotes';
import { navigate } from '../../router';
import { Dialog } from '../../ui/Dialog';

/** The import dialog; opens the new story when the server has made it. */
export function ImportDialog({ onClose }: { onClose: () => void }) {
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(): Promise<void> {
    setBusy(true);
    setError(null);
    try {
      const { article, imported } = await importArticle(text);
      rememberImport(article.id, imported);
      navigate(`/stories/${encodeURIComponent(article.id)}`);
    } catch (e) {
      setError(e instanceof ApiRequestError ? e.message : 'The story could not be imported.');
      setBusy(false);
    }
  }

  return (
    <Dialog
      title="New story from text"
      description="Paste a wire story or a press release. Galley makes a draft of it, with headline, standfirst and body, and tells you what it left out."
      confirmLabel="Create story"
      confirmTestId="import-submit"
      confirmDisabled={!text.trim()}
      busy={busy}
      error={error}
      wide
      onConfirm={() => void submit()}
      onClose={onClose}
    >
      <textarea
        className="field__textarea field__textarea--tall"
        data-testid="import-text"
        aria-label="Story text"
        placeholder={'Harbour bridge to close for six weeks\n\nEngineers will replace the expansion joints…'}
        value={text}
        data-autofocus
        // Pasted text keeps its paragraphs: Enter here is a new line, Ctrl/⌘+Enter creates the story.
        onKeyDown={(event) => {
          if (event.key !== 'Enter') return;
          event.stopPropagation();
          if (event.metaKey || event.ctrlKey) event.currentTarget.form?.requestSubmit();
        }}
        onChange={(event) => setText(event.target.value)}
      />
    </Dialog>
  );
}
