/** The publish checklist as it stands, failing items flagged. */
import type { ChecklistItem } from '../../../shared/checklist';

/** The checklist, one line per rule. */
export function Checklist({ items }: { items: ChecklistItem[] }) {
  const failing = items.filter((i) => !i.ok).length;
  return (
    <section className="panel-section" aria-labelledby="checklist-title">
      <div className="panel-section__head">
        <h3 className="panel-section__title" id="checklist-title">
          Publish checklist
        </h3>
        <span className={`checklist__summary${failing ? ' is-failing' : ' is-passing'}`} aria-live="polite">
          {items.length === 0 ? '' : failing ? `${failing} to fix` : 'Ready'}
        </span>
      </div>
      <ul className="checklist">
        {items.map((item) => (
          <li key={item.rule} className={`checklist__item${item.ok ? ' is-ok' : ' is-failing'}`} data-testid="checklist-item" data-rule={item.rule} data-ok={item.ok ? 'true' : 'false'}>
            <span className="checklist__icon" aria-label={item.ok ? 'Passes' : 'Fails'} role="img">
              {item.ok ? (
                <svg width="14" height="14" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="3" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
                  <path d="M5 12.5l4.5 4.5L19 7.5" />
                </svg>
              ) : (
                <svg width="14" height="14" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="3" strokeLinecap="round" aria-hidden="true">
                  <path d="M7 7l10 10M17 7L7 17" />
                </svg>
              )}
            </span>
            <span className="checklist__text">{item.message}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
