/**
 * The Details tab: what travels with the text. Bylines, slug and deadline belong to the server and are
 * changed over REST; desk, tags, hero image, related stories and the AI-use note are co-edited in the
 * doc's `meta` map, and written only while the viewer may edit the story.
 */
import { useEffect, useId, useState, type ReactNode } from 'react';
import type { ArticleDetail, ArticleSummary, Me } from '../../../shared/api';
import type { ArticleMeta, HeroImage } from '../../../shared/article';
import { RoleLabels } from '../../../shared/roles';
import { slugify } from '../../../shared/slug';
import { safeImage } from '../../../shared/urls';
import type { Access } from '../../../shared/workflow';
import { addAuthor, listArticles, removeAuthor, updateArticle } from '../api/articles';
import { ApiRequestError } from '../api/http';
import { listPeople, type Colleague } from '../api/people';
import { writeMeta } from '../editor/articleMeta';
import type { CollabSession } from '../editor/collabSession';
import { Avatar } from '../ui/Avatars';
import { fromLocalInputValue, toLocalInputValue } from '../ui/relativeTime';

const emptyHero: HeroImage = { src: '', alt: '', caption: '', credit: '' };

function messageOf(error: unknown, fallback: string): string {
  return error instanceof ApiRequestError ? error.message : fallback;
}

function Section({ title, hint, children }: { title: string; hint?: ReactNode; children: ReactNode }) {
  return (
    <section className="panel-section">
      <div className="panel-section__head">
        <h3 className="panel-section__title">{title}</h3>
        {hint && <span className="panel-section__hint">{hint}</span>}
      </div>
      {children}
    </section>
  );
}

interface DetailsPanelProps {
  detail: ArticleDetail;
  me: Me;
  access: Access | null;
  session: CollabSession | null;
  /** Whether the doc is synced and the viewer may edit: the meta fields are writable. */
  metaEditable: boolean;
  meta: ArticleMeta;
  onDetail: (detail: ArticleDetail) => void;
}

/** The Details tab of the story page. */
export function DetailsPanel({ detail, me, access, session, metaEditable, meta, onDetail }: DetailsPanelProps) {
  const [people, setPeople] = useState<Colleague[] | null>(null);
  const [budget, setBudget] = useState<ArticleSummary[] | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    listPeople(controller.signal).then(setPeople, () => setPeople([]));
    listArticles(controller.signal).then(setBudget, () => setBudget([]));
    return () => controller.abort();
  }, []);

  const isEditor = me.role === 'publisher' || me.role === 'admin';
  const isAuthor = detail.authors.some((a) => a.id === me.id);
  const write = <K extends keyof ArticleMeta>(key: K, value: ArticleMeta[K]) => {
    if (session && metaEditable) writeMeta(session, key, value);
  };
  const lockedHint = metaEditable ? undefined : 'Read-only now';

  return (
    <div className="details">
      <Bylines detail={detail} people={people} canChange={isEditor || isAuthor} onDetail={onDetail} />
      <SlugField detail={detail} canChange={isEditor || access === 'edit'} onDetail={onDetail} />
      <DeadlineField detail={detail} canChange={isEditor || (access === 'edit' && isAuthor)} onDetail={onDetail} />

      <Section title="Desk and tags" hint={lockedHint}>
        <label className="field field--compact">
          <span className="field__label">Desk</span>
          <input
            className="field__input field__input--sm"
            data-testid="meta-desk"
            list="known-desks"
            placeholder="City, Politics, Sport…"
            maxLength={80}
            value={meta.desk ?? ''}
            disabled={!metaEditable}
            onChange={(e) => write('desk', e.target.value)}
          />
          <datalist id="known-desks">
            {[...new Set((budget ?? []).map((a) => a.desk).filter(Boolean))].map((d) => (
              <option key={d} value={d} />
            ))}
          </datalist>
        </label>
        <Tags tags={meta.tags ?? []} editable={metaEditable} onChange={(tags) => write('tags', tags)} />
      </Section>

      <HeroFields hero={meta.hero ?? null} editable={metaEditable} lockedHint={lockedHint} onChange={(hero) => write('hero', hero)} />

      <Related articleId={detail.id} related={meta.related ?? []} budget={budget} editable={metaEditable} lockedHint={lockedHint} onChange={(ids) => write('related', ids)} />

      <Section title="AI-use note" hint={lockedHint}>
        <textarea
          className="field__textarea"
          data-testid="meta-ai-note"
          rows={3}
          maxLength={1000}
          placeholder="How AI helped prepare this story, in words for readers. Leave empty if it did not."
          value={meta.aiNote ?? ''}
          disabled={!metaEditable}
          onChange={(e) => write('aiNote', e.target.value)}
        />
      </Section>
    </div>
  );
}

function Bylines({ detail, people, canChange, onDetail }: { detail: ArticleDetail; people: Colleague[] | null; canChange: boolean; onDetail: (d: ArticleDetail) => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const candidates = (people ?? []).filter((p) => !detail.authors.some((a) => a.id === p.id));

  async function run(step: () => Promise<ArticleDetail>, fallback: string): Promise<void> {
    setBusy(true);
    setError(null);
    try {
      onDetail(await step());
    } catch (e) {
      setError(messageOf(e, fallback));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Section title="Byline">
      <ul className="byline-list" data-testid="bylines">
        {detail.authors.map((author) => (
          <li key={author.id} className="byline-list__item">
            <Avatar person={author} size="sm" />
            <span className="byline-list__name">{author.name}</span>
            {canChange && detail.authors.length > 1 && (
              <button
                type="button"
                className="icon-button"
                aria-label={`Take ${author.name} off the byline`}
                title="Take off the byline"
                disabled={busy}
                onClick={() => void run(() => removeAuthor(detail.id, author.id), 'The byline could not be changed.')}
              >
                ×
              </button>
            )}
          </li>
        ))}
      </ul>
      {canChange && (
        <select
          className="select select--full"
          data-testid="add-coauthor"
          value=""
          disabled={busy || !people}
          onChange={(e) => {
            const userId = e.target.value;
            if (userId) void run(() => addAuthor(detail.id, userId), 'The co-author could not be added.');
          }}
        >
          <option value="">{people ? 'Add a co-author…' : 'Loading the newsroom…'}</option>
          {candidates.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name} · {RoleLabels[p.role] ?? p.role}
            </option>
          ))}
        </select>
      )}
      <p className="field__error" role="alert">
        {error}
      </p>
    </Section>
  );
}

function SlugField({ detail, canChange, onDetail }: { detail: ArticleDetail; canChange: boolean; onDetail: (d: ArticleDetail) => void }) {
  const fixed = Boolean(detail.publishedAt);
  const [value, setValue] = useState(detail.slug ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  useEffect(() => setValue(detail.slug ?? ''), [detail.slug]);

  async function save(): Promise<void> {
    const wanted = value.trim();
    if (!wanted || wanted === detail.slug) return setValue(detail.slug ?? '');
    setBusy(true);
    setError(null);
    try {
      onDetail(await updateArticle(detail.id, { slug: wanted }));
    } catch (e) {
      setError(messageOf(e, 'The slug could not be saved.'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Section title="Slug" hint={fixed ? 'Fixed since publication' : undefined}>
      {fixed ? (
        <p className="slug-fixed" data-testid="slug">
          /news/<strong>{detail.slug}</strong>
        </p>
      ) : (
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <label htmlFor={id} className="visually-hidden">
            Slug
          </label>
          <span className="inline-form__prefix">/news/</span>
          <input
            id={id}
            className="field__input field__input--sm"
            data-testid="slug"
            value={value}
            placeholder={slugify(detail.headline || '') || 'set-from-the-headline'}
            disabled={!canChange || busy}
            onChange={(e) => setValue(e.target.value)}
            onBlur={() => void save()}
          />
        </form>
      )}
      <p className="field__error" role="alert">
        {error}
      </p>
      {!fixed && !detail.slug && <p className="field__hint">Left empty, it is made from the headline at publication.</p>}
    </Section>
  );
}

function DeadlineField({ detail, canChange, onDetail }: { detail: ArticleDetail; canChange: boolean; onDetail: (d: ArticleDetail) => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function save(deadline: string | null): Promise<void> {
    if (deadline === detail.deadline) return;
    setBusy(true);
    setError(null);
    try {
      onDetail(await updateArticle(detail.id, { deadline }));
    } catch (e) {
      setError(messageOf(e, 'The deadline could not be saved.'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Section title="Deadline">
      <div className="inline-form">
        <input
          className="field__input field__input--sm"
          type="datetime-local"
          data-testid="deadline"
          aria-label="Deadline"
          // Keyed by the saved value: the input shows the server's deadline again after each save.
          key={detail.deadline ?? 'none'}
          defaultValue={toLocalInputValue(detail.deadline)}
          disabled={!canChange || busy}
          onChange={(e) => {
            const at = fromLocalInputValue(e.target.value);
            if (at) void save(at);
          }}
        />
        {detail.deadline && canChange && (
          <button type="button" className="button button--quiet button--sm" disabled={busy} onClick={() => void save(null)}>
            Clear
          </button>
        )}
      </div>
      <p className="field__error" role="alert">
        {error}
      </p>
    </Section>
  );
}

function Tags({ tags, editable, onChange }: { tags: string[]; editable: boolean; onChange: (tags: string[]) => void }) {
  const [draft, setDraft] = useState('');
  const add = () => {
    const tag = draft.trim().replace(/,+$/, '').trim();
    setDraft('');
    if (tag && !tags.some((t) => t.toLowerCase() === tag.toLowerCase())) onChange([...tags, tag.slice(0, 60)]);
  };
  return (
    <div className="field field--compact">
      <span className="field__label">Tags</span>
      <div className={`tags${editable ? '' : ' is-disabled'}`}>
        {tags.map((tag) => (
          <span key={tag} className="tag" data-testid="meta-tag">
            {tag}
            {editable && (
              <button type="button" className="tag__remove" aria-label={`Remove the tag ${tag}`} onClick={() => onChange(tags.filter((t) => t !== tag))}>
                ×
              </button>
            )}
          </span>
        ))}
        <input
          className="tags__input"
          data-testid="meta-tags"
          aria-label="Add a tag"
          placeholder={tags.length ? '' : 'Add tags, Enter after each'}
          value={draft}
          disabled={!editable}
          onChange={(e) => {
            if (e.target.value.endsWith(',')) {
              setDraft(e.target.value);
              queueMicrotask(add);
            } else setDraft(e.target.value);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              add();
            } else if (e.key === 'Backspace' && !draft && tags.length) onChange(tags.slice(0, -1));
          }}
          onBlur={add}
        />
      </div>
    </div>
  );
}

function HeroFields({ hero, editable, lockedHint, onChange }: { hero: HeroImage | null; editable: boolean; lockedHint?: string; onChange: (hero: HeroImage | null) => void }) {
  const current = hero ?? emptyHero;
  const src = safeImage(current.src);
  const [failed, setFailed] = useState<string | null>(null);
  const set = (field: keyof HeroImage, value: string) => {
    const next = { ...current, [field]: value };
    onChange(Object.values(next).every((v) => !v.trim()) ? null : next);
  };
  const input = (field: keyof HeroImage, label: string, placeholder: string, testId: string) => (
    <label className="field field--compact">
      <span className="field__label">{label}</span>
      <input className="field__input field__input--sm" data-testid={testId} placeholder={placeholder} value={current[field]} disabled={!editable} onChange={(e) => set(field, e.target.value)} />
    </label>
  );
  return (
    <Section title="Hero image" hint={lockedHint}>
      <div className="hero-preview" aria-hidden={!src}>
        {src && failed !== src ? (
          <img src={src} alt={current.alt} onError={() => setFailed(src)} onLoad={() => setFailed(null)} />
        ) : (
          <span className="hero-preview__empty">{src ? 'The image could not be loaded from that address.' : current.src ? 'Only web addresses (https://…) can be used.' : 'No hero image'}</span>
        )}
      </div>
      {input('src', 'Image address', 'https://…', 'meta-hero-src')}
      {input('alt', 'Alt text', 'What the picture shows, for readers who cannot see it', 'meta-hero-alt')}
      {input('caption', 'Caption', 'Under the picture', 'meta-hero-caption')}
      {input('credit', 'Credit', 'Photographer / Agency', 'meta-hero-credit')}
    </Section>
  );
}

function Related({
  articleId,
  related,
  budget,
  editable,
  lockedHint,
  onChange,
}: {
  articleId: string;
  related: string[];
  budget: ArticleSummary[] | null;
  editable: boolean;
  lockedHint?: string;
  onChange: (ids: string[]) => void;
}) {
  const byId = new Map((budget ?? []).map((a) => [a.id, a]));
  const candidates = (budget ?? []).filter((a) => a.id !== articleId && !related.includes(a.id));
  return (
    <Section title="Related stories" hint={lockedHint}>
      {related.length > 0 && (
        <ul className="related-list">
          {related.map((id) => {
            const story = byId.get(id);
            return (
              <li key={id} className="related-list__item" data-testid="meta-related" data-id={id}>
                <span className="related-list__headline">{story ? story.headline || 'Untitled story' : budget ? 'A story no longer on the budget' : '…'}</span>
                {story && story.state !== 'published' && <span className="related-list__note">not published yet</span>}
                {editable && (
                  <button type="button" className="icon-button" aria-label="Remove this related story" onClick={() => onChange(related.filter((r) => r !== id))}>
                    ×
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
      <select
        className="select select--full"
        data-testid="meta-related-add"
        value=""
        disabled={!editable || !budget || related.length >= 10}
        onChange={(e) => {
          if (e.target.value) onChange([...related, e.target.value]);
        }}
      >
        <option value="">{budget ? 'Add a related story…' : 'Loading the budget…'}</option>
        {candidates.map((a) => (
          <option key={a.id} value={a.id}>
            {a.headline || 'Untitled story'}
          </option>
        ))}
      </select>
      <p className="field__hint">Readers see the published ones as “Also read”.</p>
    </Section>
  );
}
