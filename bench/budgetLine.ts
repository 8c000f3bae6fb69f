/**
 * What a story's budget line costs (server/articles/budgetLine.ts: headline, word count, desk, read
 * from the live doc in place), beside the rendering, which copies the doc and converts the copy to
 * ProseMirror and HTML (the budget line was read that way, without the HTML, before). The story is a
 * short one typed into by four reporters.
 *
 *   node --import tsx bench/budgetLine.ts [--words 60] [--keystrokes 200]
 */
import { summarizeArticle } from '../server/articles/budgetLine';
import { renderArticle } from '../server/articles/render';
import { paragraphs, seedUpdate } from '../server/articles/seed';
// The server's Yjs: from bench/, `yjs` is the benchmark package's own copy, whose types the server's
// `instanceof` checks would not know.
import { Y } from '../test/helpers/suggestions';
import { numberOption } from './numberOption';

const words = numberOption('words', 60);
const keystrokes = numberOption('keystrokes', 200);

/** A deterministic pseudo-random source, so runs compare. */
let seed = 42;
const random = (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;

const story = new Y.Doc();
Y.applyUpdate(story, seedUpdate({ headline: 'Ferry strike called off', body: paragraphs('The council met on Tuesday evening. ' + 'word '.repeat(words)), meta: { desk: 'Business' } }));
const reporters = Array.from({ length: 4 }, () => {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(story));
  return doc;
});
for (let i = 0; i < keystrokes; i++) {
  const doc = reporters[random(reporters.length)];
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(story, Y.encodeStateVector(doc)));
  const text = (doc.getXmlFragment('body').get(0) as Y.XmlElement).get(0) as Y.XmlText;
  text.insert(random(text.length + 1), 'x ');
  Y.applyUpdate(story, Y.encodeStateAsUpdate(doc, Y.encodeStateVector(story)));
}

function microseconds(work: () => unknown, runs = 2000): number {
  for (let i = 0; i < runs; i++) work();
  const started = performance.now();
  for (let i = 0; i < runs; i++) work();
  return ((performance.now() - started) * 1000) / runs;
}

const inPlace = microseconds(() => summarizeArticle(story));
const copied = microseconds(() => renderArticle(story), 500);
console.log(`story: ${summarizeArticle(story).wordCount} words, ${Y.encodeStateAsUpdate(story).byteLength} bytes encoded`);
console.log(`budget line, read in place:         ${inPlace.toFixed(1)} µs`);
console.log(`rendering, a copy converted:        ${copied.toFixed(1)} µs`);
