/**
 * The versions of a story, in the History tab: saved at each workflow step and by hand ("Save
 * version"), any two compared (or one with the story as it stands), what changed since the copy desk
 * signed off and who changed it, and "Restore this version" for whoever may edit the story now.
 */
import { useCallback, useEffect, useState } from 'react';
import type { ChangesSinceSignOff, VersionDiff, VersionInfo } from '../../../shared/versions';
import type { Access } from '../../../shared/workflow';
import { ApiRequestError } from '../api/http';
import { changesSinceSignOff, compareVersions, listVersions, restoreVersion, saveVersion } from '../api/versions';
import { Avatar } from '../ui/Avatars';
import { Dialog } from '../ui/Dialog';
import { fullTime, relativeTime } from '../ui/relativeTime';
import { Timestamp } from '../ui/Timestamp';
import { useNow } from '../ui/useNow';
import { VersionsView } from './VersionsDiff';

type Ref = number | 'live';

/** What the comparison modal shows. */
type Shown = { kind: 'diff'; diff: VersionDiff } | { kind: 'sign-off'; data: ChangesSinceSignOff };

const message = (err: unknown) => (err instanceof ApiRequestError ? err.message : 'Something went wrong. Try again.');

/** The versions section of the History tab. `refreshKey` changes when a workflow step saved a version. */
export function VersionsPanel({ articleId, access, refreshKey }: { articleId: string; access: Access | null; refreshKey: number }) {
  const now = useNow(30_000);
  const [versions, setVersions] = useState<VersionInfo[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [from, setFrom] = useState<Ref | null>(null);
  const [to, setTo] = useState<Ref>('live');
  const [shown, setShown] = useState<Shown | null>(null);
  const [loading, setLoading] = useState(false);
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState('');
  const [restoring, setRestoring] = useState<VersionInfo | null>(null);
  const [busy, setBusy] = useState(false);
  const [dialogError, setDialogError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const mayEdit = access === 'edit';
  const maySave = access === 'edit' || access === 'suggest';

  const reload = useCallback(async (signal?: AbortSignal) => {
    try {
      const list = await listVersions(articleId, signal);
      setVersions(list);
      setError(null);
      // Start by comparing the newest version with the story now.
      setFrom((current) => (current !== null && list.some((v) => v.id === current) ? current : (list[list.length - 1]?.id ?? null)));
    } catch (err) {
      if (!signal?.aborted) setError(message(err));
    }
  }, [articleId]);

  useEffect(() => {
    const abort = new AbortController();
    void reload(abort.signal);
    return () => abort.abort();
  }, [reload, refreshKey]);

  async function show(load: () => Promise<Shown>): Promise<void> {
    setLoading(true);
    setError(null);
    try {
      setShown(await load());
    } catch (err) {
      setError(message(err));
    } finally {
      setLoading(false);
    }
  }

  async function save(): Promise<void> {
    setBusy(true);
    setDialogError(null);
    try {
      const saved = await saveVersion(articleId, name.trim());
      setNaming(false);
      setName('');
      setDone(`Saved “${saved.name}”.`);
      await reload();
    } catch (err) {
      setDialogError(message(err));
    } finally {
      setBusy(false);
    }
  }

  async function restore(version: VersionInfo): Promise<void> {
    setBusy(true);
    setDialogError(null);
    try {
      await restoreVersion(articleId, version.id);
      setRestoring(null);
      setShown(null);
      setDone(`Restored “${version.name}”. The text it replaced is kept as a version.`);
      await reload();
    } catch (err) {
      setDialogError(message(err));
    } finally {
      setBusy(false);
    }
  }

  const restoreButton = (version: VersionInfo | undefined) =>
    mayEdit && version ? (
      <button type="button" className="button" data-testid="view-restore" onClick={() => setRestoring(version)}>
        Restore this version
      </button>
    ) : null;
  const byId = (id: Ref) => versions?.find((v) => v.id === id);

  return (
    <section className="panel-section versions" data-testid="versions" data-count={versions?.length ?? 0}>
      <div className="panel-section__head">
        <h2 className="panel-section__title">Versions</h2>
        {maySave && (
          <button type="button" className="button button--sm" data-testid="save-version" onClick={() => (setNaming(true), setDialogError(null))}>
            Save version
          </button>
        )}
      </div>
      <button
        type="button"
        className="button button--wide versions__sign-off"
        data-testid="changes-since-sign-off"
        disabled={loading}
        onClick={() => void show(async () => ({ kind: 'sign-off', data: await changesSinceSignOff(articleId) }))}
      >
        Changes since sign-off
      </button>
      <p className="panel-error" role="alert">
        {error}
      </p>
      {done && (
        <p className="panel-done" role="status" data-testid="versions-done">
          {done}
        </p>
      )}
      {!versions ? (
        <p className="muted">Loading the versions…</p>
      ) : (
        <>
          <div className="versions__legend" aria-hidden="true">
            <span>A</span>
            <span>B</span>
          </div>
          <ol className="versions__list">
            <li className="version version--live" data-testid="version" data-id="live">
              <span className="version__picks">
                <input type="radio" name={`compare-from-${articleId}`} aria-label="Compare from the story now" disabled />
                <input type="radio" name={`compare-to-${articleId}`} aria-label="Compare with the story now" data-testid="compare-to" checked={to === 'live'} onChange={() => setTo('live')} />
              </span>
              <div className="version__body">
                <p className="version__name">Now</p>
                <p className="version__meta">The story as it stands</p>
              </div>
            </li>
            {[...versions].reverse().map((v) => (
              <li key={v.id} className={`version version--${v.kind}`} data-testid="version" data-id={v.id} data-kind={v.kind}>
                <span className="version__picks">
                  <input type="radio" name={`compare-from-${articleId}`} aria-label={`Compare from “${v.name}”`} data-testid="compare-from" checked={from === v.id} onChange={() => setFrom(v.id)} />
                  <input type="radio" name={`compare-to-${articleId}`} aria-label={`Compare with “${v.name}”`} data-testid="compare-to" checked={to === v.id} onChange={() => setTo(v.id)} />
                </span>
                <div className="version__body">
                  <p className="version__name" data-testid="version-name">
                    {v.name}
                  </p>
                  <p className="version__meta">
                    {v.by ? <Avatar person={v.by} size="sm" /> : <span className="avatar avatar--sm avatar--system">G</span>}
                    <span>{v.by?.name ?? 'Galley'}</span>
                    <span aria-hidden="true">·</span>
                    <Timestamp iso={v.createdAt}>{relativeTime(v.createdAt, now)}</Timestamp>
                  </p>
                </div>
                {mayEdit && (
                  <button type="button" className="button button--sm button--quiet" data-testid="restore-version" onClick={() => (setRestoring(v), setDialogError(null))}>
                    Restore
                  </button>
                )}
              </li>
            ))}
          </ol>
          {versions.length === 0 && <p className="muted versions__none">No versions yet: one is saved at every workflow step{maySave ? ', or save one now' : ''}.</p>}
          <button
            type="button"
            className="button button--wide"
            data-testid="compare"
            disabled={from === null || from === to || loading}
            onClick={() => from !== null && void show(async () => ({ kind: 'diff', diff: await compareVersions(articleId, from, to) }))}
          >
            {loading ? 'Comparing…' : 'Compare A with B'}
          </button>
        </>
      )}

      {shown?.kind === 'diff' && (
        <VersionsView
          title="Compare versions"
          subtitle={`${shown.diff.from.name} → ${shown.diff.to.id === 'live' ? 'now' : shown.diff.to.name}`}
          diff={shown.diff}
          actions={restoreButton(typeof shown.diff.from.id === 'number' ? byId(shown.diff.from.id) : undefined)}
          onClose={() => setShown(null)}
        />
      )}
      {shown?.kind === 'sign-off' && (
        <VersionsView
          title="Changes since sign-off"
          subtitle={
            shown.data.signOff ? (
              <>
                Signed off by {shown.data.signOff.by?.name ?? 'the copy desk'} · <time dateTime={shown.data.signOff.at}>{fullTime(shown.data.signOff.at)}</time>
              </>
            ) : undefined
          }
          diff={shown.data.diff}
          changes={shown.data.changes}
          empty={
            <p className="muted" data-testid="never-signed-off">
              The copy desk has not signed this story off yet.
            </p>
          }
          actions={shown.data.signOff ? restoreButton(byId(shown.data.signOff.version.id)) : null}
          onClose={() => setShown(null)}
        />
      )}

      {naming && (
        <Dialog
          title="Save a version"
          description="Keep the story as it stands now under a name, to compare with or go back to later."
          confirmLabel="Save version"
          confirmTestId="save-version-confirm"
          confirmDisabled={!name.trim()}
          busy={busy}
          error={dialogError}
          onConfirm={() => void save()}
          onClose={() => setNaming(false)}
        >
          <label className="field">
            <span className="field__label">Name</span>
            <input className="field__input" data-testid="version-name-input" value={name} maxLength={120} onChange={(e) => setName(e.target.value)} placeholder="Before the legal read" data-autofocus />
          </label>
        </Dialog>
      )}
      {restoring && (
        <Dialog
          title="Restore this version?"
          description={
            <>
              The headline, standfirst, body and details go back to “{restoring.name}”{restoring.by ? `, saved by ${restoring.by.name}` : ''} {relativeTime(restoring.createdAt, now)}. Everyone in the
              story sees the change at once; the text it replaces is kept as a version.
            </>
          }
          confirmLabel="Restore this version"
          confirmTestId="restore-confirm"
          busy={busy}
          error={dialogError}
          onConfirm={() => void restore(restoring)}
          onClose={() => setRestoring(null)}
        />
      )}
    </section>
  );
}
