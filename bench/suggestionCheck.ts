/**
 * What the server's suggestion check (server/collab/suggestionCheck.ts) costs per update on a
 * 5,000-word story: keystrokes made as the editor makes them (a ProseMirror transaction, tracked when
 * suggesting, written into Yjs by y-tiptap's diff), each checked by a SuggestionGuard and then applied
 * to the room's doc. Prints p50/p99 of the check alone, beside the cost of applying the same update.
 *
 *   node --import tsx bench/suggestionCheck.ts [--updates 2000] [--words 5000]
 */
import { EditorState, type Transaction } from '@tiptap/pm/state';
import { updateYFragment } from '@tiptap/y-tiptap';
import { seedUpdate } from '../server/articles/seed';
import { SuggestionGuard, type Sender } from '../server/collab/suggestionCheck';
import { bodySchema } from '../shared/schema';
import type { ProseMirrorJSON } from '../shared/text';
import { plainInsertions, trackTransaction } from '../client/src/editor/suggesting/track';
import { bodyNode, Y } from '../test/helpers/suggestions';
import { numberOption } from './numberOption';

const updates = numberOption('updates', 2000);
const words = numberOption('words', 5000);

/** A deterministic pseudo-random source, so runs compare. */
let seed = 42;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);

const vocabulary = 'the harbour bridge will close to traffic every night for six weeks while engineers replace expansion joints that carry deck across its three spans city transport department said on thursday buses divert through old town cyclists'.split(' ');

/** A story of `count` words in paragraphs of about 100. */
function story(count: number): ProseMirrorJSON {
  const paragraphs: ProseMirrorJSON[] = [];
  for (let left = count; left > 0; left -= 100) {
    const n = Math.min(100, left);
    const text = Array.from({ length: n }, () => vocabulary[Math.floor(random() * vocabulary.length)]).join(' ');
    paragraphs.push({ type: 'paragraph', content: [{ type: 'text', text: `${text[0].toUpperCase()}${text.slice(1)}.` }] });
  }
  return { type: 'doc', content: paragraphs };
}

/** A random place inside some paragraph's text. */
function somewhere(state: EditorState): number {
  const blocks: { from: number; to: number }[] = [];
  state.doc.forEach((node, offset) => blocks.push({ from: offset + 1, to: offset + 1 + node.content.size }));
  const block = blocks[Math.floor(random() * blocks.length)];
  return block.from + 1 + Math.floor(random() * Math.max(1, block.to - block.from - 2));
}

/** One keystroke: mostly typing, sometimes Backspace. */
function keystroke(state: EditorState): Transaction {
  const at = somewhere(state);
  return random() < 0.8 ? state.tr.insertText('abcdefghij'[Math.floor(random() * 10)], at) : state.tr.delete(at - 1, at);
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const fmt = (us: number) => us.toFixed(us < 100 ? 1 : 0);

/** Runs one scenario and prints its line. */
function scenario(name: string, live: Y.Doc, sender: Sender, mode: 'suggest' | 'edit'): void {
  const guard = new SuggestionGuard(live);
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(live));
  const fragment = client.getXmlFragment('body');
  const meta = { mapping: new Map(), isOMark: new Map() };
  let state = EditorState.create({ doc: bodyNode(client), schema: bodySchema() });
  const check: number[] = [];
  const apply: number[] = [];
  let refused = 0;
  for (let i = 0; i < updates; i++) {
    const tr = keystroke(state);
    state = state.apply(mode === 'suggest' ? trackTransaction(state, tr, { author: sender.userId }) : plainInsertions(tr));
    const before = Y.encodeStateVector(client);
    client.transact(() => updateYFragment(client, fragment, state.doc, meta));
    const update = Y.encodeStateAsUpdate(client, before);
    const t0 = process.hrtime.bigint();
    const verdict = guard.check(update, sender);
    const t1 = process.hrtime.bigint();
    if (!verdict.ok) refused++;
    Y.applyUpdate(live, update);
    const t2 = process.hrtime.bigint();
    check.push(Number(t1 - t0) / 1000);
    apply.push(Number(t2 - t1) / 1000);
    if ((i + 1) % 500 === 0) process.stderr.write(`  ${name}: ${i + 1}/${updates} updates\n`);
  }
  guard.destroy();
  client.destroy();
  check.sort((a, b) => a - b);
  apply.sort((a, b) => a - b);
  console.log(
    `| ${name} | ${fmt(percentile(check, 50))} | ${fmt(percentile(check, 99))} | ${fmt(percentile(apply, 50))} | ${fmt(percentile(apply, 99))} | ${refused} |`,
  );
}

function freshStory(): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, seedUpdate({ headline: 'A long story', body: story(words) }));
  return doc;
}

console.log(`Suggestion check on a ${words.toLocaleString('en-US')}-word story, ${updates.toLocaleString('en-US')} keystroke updates per row (Node ${process.version})\n`);
console.log('| updates | check p50 (µs) | check p99 (µs) | Y.applyUpdate p50 (µs) | apply p99 (µs) | refused |');
console.log('|---|--:|--:|--:|--:|--:|');
scenario('editor typing, story without suggestions', freshStory(), { userId: 'ines', access: 'edit' }, 'edit');
const withSuggestions = freshStory();
scenario('suggester typing and deleting (tracked)', withSuggestions, { userId: 'rosa', access: 'suggest' }, 'suggest');
scenario('editor typing, story with open suggestions', withSuggestions, { userId: 'ines', access: 'edit' }, 'edit');
