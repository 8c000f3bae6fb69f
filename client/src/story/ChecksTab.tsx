/**
 * The Checks tab, loaded when first opened: its rules and panel stay out of the editor's first load
 * (the dictionary is a further step, see checksSpeller.ts).
 */
import { lazy, Suspense } from 'react';
import type { Me } from '../../../shared/api';
import type { CheckEditors } from './useChecks';

const ChecksPanel = lazy(() => import('./ChecksPanel').then((m) => ({ default: m.ChecksPanel })));

/** The Checks tab of the story page. */
export function ChecksTab(props: { articleId: string; me: Me; editors: CheckEditors }) {
  return (
    <Suspense
      fallback={
        <div className="panel-pad" aria-busy="true">
          <span className="skeleton" />
          <span className="skeleton skeleton--short" />
        </div>
      }
    >
      <ChecksPanel {...props} />
    </Suspense>
  );
}
