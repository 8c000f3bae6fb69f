/**
 * The English dictionary for the Checks tab, loaded only when the tab opens: this module is imported
 * dynamically, and the Hunspell files are fetched as separate assets, so the editor's first load does not
 * carry them. `dictionary-en` exports only its Node entry (which reads the files with `fs`), so the
 * files are addressed by path; Vite copies them into the build.
 */
import { createSpeller } from '../../../shared/checks/speller';
import type { Speller } from '../../../shared/checks/types';

const affUrl = new URL('../../../node_modules/dictionary-en/index.aff', import.meta.url).href;
const dicUrl = new URL('../../../node_modules/dictionary-en/index.dic', import.meta.url).href;

async function fetchText(url: string): Promise<string> {
  // A small file is inlined by the build as a data: URL, which the page's CSP (connect-src 'self') will not fetch.
  const inline = /^data:[^,]*;base64,(.*)$/.exec(url);
  if (inline) return new TextDecoder().decode(Uint8Array.from(atob(inline[1]), (c) => c.charCodeAt(0)));
  const response = await fetch(url);
  if (!response.ok) throw new Error(`The dictionary could not be loaded (${response.status}).`);
  return response.text();
}

/** Fetches the dictionary files and builds the speller. */
export async function loadEnglishSpeller(): Promise<Speller> {
  const [aff, dic] = await Promise.all([fetchText(affUrl), fetchText(dicUrl)]);
  return createSpeller({ aff, dic });
}
