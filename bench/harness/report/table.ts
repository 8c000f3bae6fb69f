/** The results as one markdown table: a column per server, a row per figure. */
import type { ServerKind } from '../servers/types';
import type { Results } from './Results';

const escape = (s: string) => s.replace(/\|/g, '\\|');

/** Renders the table; a figure not measured shows as a dash. */
export function renderTable(results: Results, servers: readonly ServerKind[]): string {
  const lines = [`| figure | ${servers.map((s) => s.label).join(' | ')} |`, `|---|${servers.map(() => '--:').join('|')}|`];
  for (const section of results.sections) {
    lines.push(`| **${section.workload}**: ${escape(section.title)} |${servers.map(() => ' ').join('|')}|`);
    for (const row of section.rows) {
      const cells = servers.map((s) => escape(results.get(s.id, row.key)?.text ?? '—'));
      lines.push(`| ${escape(row.label)} | ${cells.join(' | ')} |`);
    }
  }
  return lines.join('\n');
}
