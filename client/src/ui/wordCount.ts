/**
 * A word count as the status bar shows it: "1 word", "12,480 words". The digits are grouped here
 * rather than by toLocaleString, whose first call starts the browser's number formatting (some 20 ms
 * of the story page's first render, while the reporter waits for the editor).
 */

/** Digits grouped in threes with commas, as en-US writes a count. */
export function groupDigits(count: number): string {
  return String(Math.trunc(count)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** "1 word", "0 words", "12,480 words". */
export function wordCountLabel(count: number): string {
  return `${groupDigits(count)} ${count === 1 ? 'word' : 'words'}`;
}
