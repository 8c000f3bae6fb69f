/**
 * A story open for work: headline, standfirst and body co-edited live in the manuscript column, and a
 * side panel with the workflow (state, next steps, checklist), the details (bylines, slug, deadline,
 * desk, tags, hero image, related stories, AI-use note) and the history. State and access follow the
 * newsroom socket: the editors lock the moment the story leaves the viewer's hands.
 */
import { useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import type { Editor } from '@tiptap/react';
import type { Me } from '../../../shared/api';
import { StateLabels } from '../../../shared/article';
import { sessionExpired } from '../auth';
import { useArticleMeta } from '../editor/articleMeta';
import { BodyEditor } from '../editor/BodyEditor';
import type { CollabSession, SessionProblem } from '../editor/collabSession';
import { focusField } from '../editor/focusField';
import { LineEditor, type LineNavigation } from '../editor/LineEditor';
import { SaveStatusLine } from '../editor/SaveStatusLine';
import { usePresence } from '../editor/usePresence';
import type { CollabSessionState } from '../editor/useSession';
import { useWordCount } from '../editor/useWordCount';
import { forgetImport, importReportFor } from '../importNotes';
import { NotificationBell } from '../notifications/NotificationBell';
import { linkProps } from '../router';
import { AccessLabels, AccessMode, DockNotice, modeExplanation } from '../story/AccessMode';
import { DetailsPanel } from '../story/DetailsPanel';
import { ChecksTab } from '../story/ChecksTab';
import { HistoryPanel } from '../story/HistoryPanel';
import type { StoryModel } from '../story/useStory';
import { WorkflowPanel } from '../story/WorkflowPanel';
import { SuggestionsPanel, useSuggestions } from '../story/SuggestionsPanel';
import { CommentsPanel, useComments } from '../story/CommentsPanel';
import { CommentsComposer } from '../story/CommentsComposer';
import { allows } from '../../../shared/workflow';
import type { EditMode } from '../editor/suggesting/SuggestChanges';
import { ModeToggle, useModeShortcuts } from '../editor/suggesting/ModeToggle';
import { AvatarStack } from '../ui/Avatars';
import { LogoutButton } from '../ui/LogoutButton';
import { wordCountLabel } from '../ui/wordCount';

const problemCopy: Record<Exclude<SessionProblem, 'unauthenticated'>, { title: string; text: string }> = {
  'not-found': { title: 'This story does not exist', text: 'It may have been deleted, or the link may be wrong.' },
  forbidden: { title: 'You do not have access', text: 'This story is not open to you. Ask the desk if you think it should be.' },
};

/** How long after the last change to the text the checklist is asked for again. */
const checklistRefreshMs = 1_500;

type Tab = 'workflow' | 'suggestions' | 'comments' | 'details' | 'checks' | 'history';
const tabs: { id: Tab; label: string }[] = [
  { id: 'workflow', label: 'Workflow' },
  { id: 'suggestions', label: 'Suggestions' },
  { id: 'comments', label: 'Comments' },
  { id: 'details', label: 'Details' },
  { id: 'checks', label: 'Checks' },
  { id: 'history', label: 'History' },
];

function useDocumentTitle(headline: Editor | null): void {
  useEffect(() => {
    const update = (): void => {
      const text = headline?.getText().trim();
      document.title = `${text || 'Untitled story'} — Galley`;
    };
    update();
    headline?.on('update', update);
    return () => {
      headline?.off('update', update);
    };
  }, [headline]);
}

/** Calls `onSettled` once the doc has been quiet for `ms` after a change (local or remote). */
function useDocSettled(session: CollabSession | null, enabled: boolean, ms: number, onSettled: () => void): void {
  useEffect(() => {
    if (!session || !enabled) return;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const onUpdate = () => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(onSettled, ms);
    };
    session.doc.on('update', onUpdate);
    return () => {
      if (timer) clearTimeout(timer);
      session.doc.off('update', onUpdate);
    };
  }, [session, enabled, ms, onSettled]);
}

/** The story page's inputs; StoryRoute opens the session and the story's details before this code arrives. */
interface StoryPageProps {
  articleId: string;
  me: Me;
  /** The story's collab session. */
  collab: CollabSessionState;
  /** What the server says about the story (state, access, audit log), watched live. */
  story: StoryModel;
}

/** The story page. */
export function StoryPage({ articleId, me, collab, story }: StoryPageProps) {
  const { session, snapshot, refusals, lastRefusal } = collab;
  const { detail, access } = story;
  // The side panel may trail the editors by a moment: it renders at low priority, so that its first
  // render (the workflow card formats a date, and a page's first date costs the browser some 20 ms to
  // format) does not hold up an editable body.
  const panelDetail = useDeferredValue(detail, null);
  const meta = useArticleMeta(session);
  const [headline, setHeadline] = useState<Editor | null>(null);
  const [standfirst, setStandfirst] = useState<Editor | null>(null);
  const [body, setBody] = useState<Editor | null>(null);
  const [tab, setTab] = useState<Tab>('workflow');
  const [importReport, setImportReport] = useState(() => importReportFor(articleId));
  const [refusedNotice, setRefusedNotice] = useState(false);
  const people = usePresence(session);
  // The mode a person picked; a suggester is held in Suggesting (or Viewing) whatever they picked.
  const [pickedMode, setPickedMode] = useState<EditMode>('editing');
  const mode: EditMode = access === 'suggest' && pickedMode === 'editing' ? 'suggesting' : pickedMode;
  const allowedModes = useMemo<EditMode[]>(() => (access === 'edit' ? ['editing', 'suggesting', 'viewing'] : access === 'suggest' ? ['suggesting', 'viewing'] : []), [access]);
  useModeShortcuts(allowedModes, setPickedMode);
  // A change of access (the story moved) starts from the mode that access opens with.
  useEffect(() => setPickedMode('editing'), [access]);
  const openSuggestions = useSuggestions(body).length;
  const comments = useComments(articleId, session, body, () => setTab('comments'));
  const mayComment = access !== null && allows(access, 'comment');
  const words = useWordCount(body);
  useDocumentTitle(headline);

  const problem = snapshot.problem ?? story.problem;
  useEffect(() => {
    if (problem === 'unauthenticated') sessionExpired();
  }, [problem]);

  // The server refused changes made here and the story was reopened fresh: say so, and where it went.
  const { refresh } = story;
  useEffect(() => {
    if (refusals === 0) return;
    setRefusedNotice(true);
    refresh();
  }, [refusals, refresh]);

  // The checklist follows the text while the Workflow tab shows it, and is asked for again on coming
  // back to the tab (on opening, useStory has just asked for it).
  const shownTab = useRef(tab);
  useEffect(() => {
    if (tab === 'workflow' && shownTab.current !== 'workflow') refresh();
    shownTab.current = tab;
  }, [tab, refresh]);
  useDocSettled(session, tab === 'workflow', checklistRefreshMs, refresh);

  const headlineNav = useMemo<LineNavigation>(() => ({ next: () => focusField(standfirst, 'start') }), [standfirst]);
  const standfirstNav = useMemo<LineNavigation>(() => ({ next: () => focusField(body, 'start'), previous: () => focusField(headline, 'end') }), [body, headline]);

  if (problem === 'not-found' || problem === 'forbidden') {
    const copy = problemCopy[problem];
    return (
      <main className="centered-message" data-testid="story-problem" data-problem={problem}>
        <h1>{copy.title}</h1>
        <p>{copy.text}</p>
        <a className="button button--primary" {...linkProps('/')}>
          Back to the budget
        </a>
      </main>
    );
  }

  // Access unknown because the server could not be asked (offline): let the writer work; the server
  // refuses what it must, and the page then reopens the story as it is.
  const mayEdit = access === 'edit' || (access === null && story.unavailable);
  const editable = snapshot.ready && !problem && mayEdit;
  // Suggestions are made in the body only: the headline and standfirst are edited directly or not at all.
  const linesEditable = editable && mode === 'editing';
  const bodyEditable = snapshot.ready && !problem && (mayEdit || access === 'suggest') && mode !== 'viewing';
  const state = detail?.state ?? null;

  let notice = null;
  if (refusedNotice && state) {
    notice = (
      <DockNotice tone="warn" title="Not saved" onDismiss={() => setRefusedNotice(false)}>
        Your last changes were not saved: the story moved to {StateLabels[state]}
        {lastRefusal === 'suggestions-only' ? ', where only tracked suggestions are accepted from you' : ''}. It is shown as the server has it.
      </DockNotice>
    );
  } else if (snapshot.ready && access && access !== 'edit' && access !== 'suggest' && state) {
    notice = (
      <DockNotice tone="view" title={AccessLabels[access]}>
        {modeExplanation(access, state)}
      </DockNotice>
    );
  }

  return (
    <div className="story-page">
      <header className="story-bar">
        <div className="story-bar__left">
          <a className="story-bar__back" {...linkProps('/')}>
            <svg width="16" height="16" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
              <path d="M15 18l-6-6 6-6" />
            </svg>
            Budget
          </a>
          <span className={`state-label state-label--${state ?? 'none'}`} data-testid="article-state" data-state={state ?? ''} aria-hidden={!state}>
            {state ? StateLabels[state] : ''}
          </span>
          <AccessMode access={access} state={state} />
        </div>
        <div className="story-bar__status">
          <SaveStatusLine status={snapshot.status} />
        </div>
        <div className="story-bar__right">
          <AvatarStack people={people} testId="avatars" max={5} />
          <span className="word-count" data-testid="word-count" data-count={words} aria-live="off">
            {wordCountLabel(words)}
          </span>
          <span className="story-bar__divider" aria-hidden="true" />
          <NotificationBell />
          <LogoutButton />
        </div>
      </header>

      <div className="story-layout">
        <main className="manuscript">
          <article className={`manuscript__column${snapshot.ready ? '' : ' is-loading'}`} aria-busy={!snapshot.ready}>
            {session && (
              <>
                <LineEditor session={session} field="headline" label="Headline" placeholder="Headline" editable={linesEditable} navigation={headlineNav} onEditor={setHeadline} />
                <LineEditor
                  session={session}
                  field="standfirst"
                  label="Standfirst"
                  placeholder="Standfirst: the story in one or two sentences"
                  editable={linesEditable}
                  navigation={standfirstNav}
                  onEditor={setStandfirst}
                />
                <BodyEditor
                  session={session}
                  editable={bodyEditable}
                  onEditor={setBody}
                  notice={notice}
                  mode={mode}
                  author={me.id}
                  hint={access === 'suggest' && state ? modeExplanation(access, state) : undefined}
                  modeToggle={allowedModes.length > 0 && <ModeToggle mode={mode} allowed={allowedModes} onMode={setPickedMode} closedReason="Editing is closed to you now: your changes go in as suggestions." />}
                />
                <CommentsComposer editor={body} session={session} comments={comments} mayComment={mayComment} onOpened={() => setTab('comments')} />
              </>
            )}
          </article>
        </main>

        <aside className="side-panel" aria-label="Workflow and details">
          <div className="side-panel__tabs" role="tablist" aria-label="Story panel">
            {tabs.map((t) => (
              <button
                key={t.id}
                type="button"
                role="tab"
                id={`tab-${t.id}`}
                aria-controls={`panel-${t.id}`}
                aria-selected={tab === t.id}
                className={`side-panel__tab${tab === t.id ? ' is-active' : ''}`}
                data-testid={`tab-${t.id}`}
                onClick={() => setTab(t.id)}
              >
                {t.label}
                {t.id === 'history' && story.events && story.events.length > 0 && <span className="side-panel__count">{story.events.length}</span>}
                {t.id === 'comments' && comments.openCount > 0 && (
                  <span className="side-panel__count" data-testid="comment-count">
                    {comments.openCount}
                  </span>
                )}
                {t.id === 'suggestions' && openSuggestions > 0 && (
                  <span className="side-panel__count" data-testid="suggestion-count">
                    {openSuggestions}
                  </span>
                )}
              </button>
            ))}
          </div>
          <div className="side-panel__body" role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
            {!panelDetail ? (
              story.unavailable ? (
                <p className="muted panel-pad">The workflow cannot be reached right now. Your writing is still saved as you go.</p>
              ) : (
                <div className="panel-pad" aria-busy="true">
                  <span className="skeleton" />
                  <span className="skeleton skeleton--short" />
                </div>
              )
            ) : tab === 'workflow' ? (
              <WorkflowPanel
                detail={panelDetail}
                events={story.events}
                onStep={() => {
                  story.refresh();
                  story.refreshEvents();
                }}
                importReport={importReport}
                onDismissImport={() => {
                  forgetImport(articleId);
                  setImportReport(null);
                }}
              />
            ) : tab === 'comments' ? (
              <CommentsPanel comments={comments} mayComment={mayComment} />
            ) : tab === 'suggestions' ? (
              <SuggestionsPanel articleId={articleId} editor={body} access={access} me={me} people={panelDetail.authors} />
            ) : tab === 'details' ? (
              <DetailsPanel detail={panelDetail} me={me} access={access} session={session} metaEditable={editable} meta={meta} onDetail={story.replace} />
            ) : tab === 'checks' ? (
              <ChecksTab articleId={articleId} me={me} editors={{ headline, standfirst, body }} />
            ) : (
              <HistoryPanel articleId={articleId} access={access} events={story.events} createdAt={panelDetail.createdAt} createdBy={panelDetail.createdBy.name} />
            )}
          </div>
        </aside>
      </div>
    </div>
  );
}
