/**
 * The Checks tab's state: the spelling and house-style problems of the three live editors, run again a
 * moment after the text stops changing (local or remote edits alike), with the story's dismissals and the
 * newsroom's words from the server. Fixes are applied to the live editors, so co-editors get them too.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Editor } from '@tiptap/react';
import { runChecks } from '../../../shared/checks/runChecks';
import { fixesInInstalments } from '../../../shared/checks/speller';
import { textBlocksOf } from '../../../shared/checks/textBlocks';
import type { CheckField, CheckInput, CheckProblem, ChecksReport, Dismissal, DictionaryWords, Speller } from '../../../shared/checks/types';
import { ApiRequestError, request } from '../api/http';

/** How long the text must rest before the checks run again. */
const settleMs = 400;
/** How long one run of the checks may spend finding fixes for misspelt words, and when the next looks for more. */
const FixBudgetMs = 40;
const MoreFixesAfterMs = 250;
/** How often the dismissals are asked for again while the tab is open (a colleague may dismiss too). */
const pollMs = 15_000;

let spellerLoad: Promise<Speller> | undefined;

/** The speller, loaded once per page (the dictionary chunk and files are fetched on first use). */
function loadSpeller(): Promise<Speller> {
  spellerLoad ??= import('./checksSpeller').then((m) => m.loadEnglishSpeller());
  spellerLoad.catch(() => (spellerLoad = undefined));
  return spellerLoad;
}

const checksPath = (articleId: string) => `/api/articles/${encodeURIComponent(articleId)}/checks`;

/** The three editors of a story. */
export interface CheckEditors {
  headline: Editor | null;
  standfirst: Editor | null;
  body: Editor | null;
}

/** What the Checks tab shows and does. */
export interface ChecksState {
  problems: CheckProblem[];
  /** Whether spelling is checked yet (the dictionary loads when the tab first opens). */
  spelling: 'loading' | 'ready' | 'failed';
  /** Whether the dismissals and newsroom words have arrived. */
  loaded: boolean;
  error: string | null;
  /** Replaces the problem's text with its fix in the live editor; false when the text moved meanwhile. */
  apply(problem: CheckProblem): boolean;
  /** Selects the problem's text in its editor and scrolls to it. */
  reveal(problem: CheckProblem): void;
  /** Whether a fix can be applied in that field now (the viewer may edit it). */
  canEdit(field: CheckField): boolean;
  dismiss(problem: CheckProblem, reason: string): Promise<void>;
  undo(dismissalId: number): Promise<void>;
  addWord(word: string): Promise<void>;
}

function messageOf(error: unknown, fallback: string): string {
  return error instanceof ApiRequestError ? error.message : fallback;
}

/** Where a problem sits in its editor's doc, if its text is still there. */
function rangeOf(editor: Editor, problem: CheckProblem): { from: number; to: number } | null {
  const block = textBlocksOf(editor.state.doc)[problem.field === 'body' ? problem.block : 0];
  if (!block || block.text.slice(problem.from, problem.to) !== problem.text) return null;
  return { from: block.pos + problem.from, to: block.pos + problem.to };
}

/** Runs the checks over the live editors of a story. */
export function useChecks(articleId: string, { headline, standfirst, body }: CheckEditors): ChecksState {
  const [speller, setSpeller] = useState<Speller | null>(null);
  const [spelling, setSpelling] = useState<ChecksState['spelling']>('loading');
  const [server, setServer] = useState<{ dismissals: Dismissal[]; words: string[] } | null>(null);
  const [problems, setProblems] = useState<CheckProblem[]>([]);
  const [error, setError] = useState<string | null>(null);
  const fixes = useMemo(() => speller && fixesInInstalments(speller, FixBudgetMs), [speller]);
  const moreFixes = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(moreFixes.current), []);

  useEffect(() => {
    let live = true;
    loadSpeller().then(
      (s) => {
        if (!live) return;
        setSpeller(s);
        setSpelling('ready');
      },
      () => live && setSpelling('failed'),
    );
    return () => {
      live = false;
    };
  }, []);

  const refresh = useCallback(async () => {
    try {
      const report = await request<ChecksReport>(checksPath(articleId));
      setServer({ dismissals: report.dismissals, words: report.words });
      setError(null);
    } catch (err) {
      setError(messageOf(err, 'The dismissed problems could not be loaded.'));
    }
  }, [articleId]);

  useEffect(() => {
    void refresh();
    const timer = setInterval(() => void refresh(), pollMs);
    return () => clearInterval(timer);
  }, [refresh]);

  const editorOf = useCallback((field: CheckField) => ({ headline, standfirst, body })[field], [headline, standfirst, body]);

  const run = useCallback(() => {
    const lineText = (e: Editor | null) => (e && !e.isDestroyed ? (textBlocksOf(e.state.doc)[0]?.text ?? '') : '');
    const input: CheckInput = {
      headline: lineText(headline),
      standfirst: lineText(standfirst),
      body: body && !body.isDestroyed ? textBlocksOf(body.state.doc).map((b) => b.text) : [],
    };
    const run = fixes?.forRun();
    setProblems(runChecks(input, { dictionary: run?.speller ?? null, words: server?.words, dismissals: server?.dismissals }));
    // Fixes for some words were left for later, so that typing never waits on them: look again shortly.
    clearTimeout(moreFixes.current);
    if (run?.unfinished()) moreFixes.current = setTimeout(() => runRef.current(), MoreFixesAfterMs);
  }, [headline, standfirst, body, fixes, server]);

  // Run now when what the checks read changes, and again once typing (anyone's) pauses.
  const runRef = useRef(run);
  runRef.current = run;
  useEffect(() => run(), [run]);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onTransaction = ({ transaction }: { transaction: { docChanged: boolean } }) => {
      if (!transaction.docChanged) return;
      clearTimeout(timer);
      timer = setTimeout(() => runRef.current(), settleMs);
    };
    const editors = [headline, standfirst, body].filter((e): e is Editor => e !== null);
    for (const e of editors) e.on('transaction', onTransaction);
    return () => {
      clearTimeout(timer);
      for (const e of editors) e.off('transaction', onTransaction);
    };
  }, [headline, standfirst, body]);

  const canEdit = useCallback((field: CheckField) => Boolean(editorOf(field)?.isEditable), [editorOf]);

  const apply = useCallback(
    (problem: CheckProblem) => {
      const editor = editorOf(problem.field);
      if (!editor || editor.isDestroyed || !editor.isEditable || problem.fix === undefined) return false;
      const range = rangeOf(editor, problem);
      if (!range) {
        run();
        return false;
      }
      const fix = problem.fix;
      editor.commands.command(({ tr }) => {
        tr.insertText(fix, range.from, range.to);
        return true;
      });
      run();
      return true;
    },
    [editorOf, run],
  );

  const reveal = useCallback(
    (problem: CheckProblem) => {
      const editor = editorOf(problem.field);
      if (!editor || editor.isDestroyed) return;
      const range = rangeOf(editor, problem);
      if (!range) return run();
      editor.chain().setTextSelection(range).focus(undefined, { scrollIntoView: false }).run();
      const { node } = editor.view.domAtPos(range.from);
      (node instanceof Element ? node : node.parentElement)?.scrollIntoView({ block: 'center', behavior: 'smooth' });
    },
    [editorOf, run],
  );

  const dismiss = useCallback(
    async (problem: CheckProblem, reason: string) => {
      await request<Dismissal>(`${checksPath(articleId)}/dismissals`, { method: 'POST', body: { rule: problem.rule, text: problem.text, reason } });
      await refresh();
    },
    [articleId, refresh],
  );

  const undo = useCallback(
    async (dismissalId: number) => {
      await request<void>(`${checksPath(articleId)}/dismissals/${dismissalId}`, { method: 'DELETE' });
      await refresh();
    },
    [articleId, refresh],
  );

  const addWord = useCallback(
    async (word: string) => {
      await request<DictionaryWords>('/api/dictionary', { method: 'POST', body: { word } });
      await refresh();
    },
    [refresh],
  );

  return { problems, spelling, loaded: server !== null, error, apply, reveal, canEdit, dismiss, undo, addWord };
}
