/** What an import left out, handed from the budget's import dialog to the story page it opens. */
import type { ImportReport } from './api/articles';

const notes = new Map<string, ImportReport>();

/** Remember what the import of a new story left out. */
export function rememberImport(articleId: string, report: ImportReport): void {
  notes.set(articleId, report);
}

/** What the import of this story left out, until the desk dismisses it. */
export function importReportFor(articleId: string): ImportReport | null {
  return notes.get(articleId) ?? null;
}

/** The desk has read what the import left out. */
export function forgetImport(articleId: string): void {
  notes.delete(articleId);
}
