import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bodySchema } from '../../shared/schema';
import { plainText, type ProseMirrorJSON } from '../../shared/text';
import { importStory } from './wireImport';

const wireStory = fs.readFileSync(new URL('../../test/fixtures/wire-story.txt', import.meta.url), 'utf8');

const headings = (body: ProseMirrorJSON) => (body.content ?? []).filter((b) => b.type === 'heading').map((b) => plainText(b).trim());
const paragraphs = (body: ProseMirrorJSON) => (body.content ?? []).filter((b) => b.type === 'paragraph').map((b) => plainText(b).trim());
/** Throws unless the body is a valid doc of the body schema. */
const assertValidBody = (body: ProseMirrorJSON) => bodySchema().nodeFromJSON(body).check();

describe('importStory from plain text (the wire-story fixture)', () => {
  const story = importStory({ text: wireStory });
  const bodyText = plainText(story.body);

  it('finds the headline once and the standfirst after it', () => {
    expect(story.headline).toBe('Trump says, he “gets along well” with Putin – but did not wish him a happy birthday, Kremlin says');
    expect(story.standfirst).toBe('It’s costumary for World Leaders to congratulate each other, despite political disagreements.');
    expect(bodyText).not.toContain('Trump says, he “gets along well”');
    expect(bodyText).not.toContain('It’s costumary');
  });

  it('makes the three title-like lines H2 subheadings, in order', () => {
    expect(headings(story.body)).toEqual(['A complicated relationship', 'Putin warns of irreparable damage', 'Zelensky pushes for more Western weapons']);
    for (const h of story.body.content!.filter((b) => b.type === 'heading')) expect(h.attrs).toEqual({ level: 2 });
  });

  it('keeps a long line without a full stop as a paragraph, not a subheading', () => {
    expect(paragraphs(story.body)).toContain('When Donald Trump turned 79 on June 14, Vladimir Putin called the POTUS to congratulate him');
  });

  it('takes the photo credit for the hero and the AI note out of the body', () => {
    expect(story.hero).toEqual({ credit: 'Benjamin Applebaum / Wiki Commons' });
    expect(story.aiNote).toBe('This article is made and published by Jens Asbjørn Bogen, which may have used AI in the preparation');
    expect(bodyText).not.toMatch(/Photo by|Applebaum|used AI|Jens Asbjørn Bogen/);
  });

  it('leaves every piece of furniture out of the body and lists it', () => {
    for (const furniture of ['Homepage', 'Others are reading now', 'Also read', 'Ads by', 'MGDK', 'As peace talks have stalled', 'Donald Trump is set to meet']) {
      expect(bodyText, furniture).not.toContain(furniture);
    }
    expect(story.dropped).toEqual([
      'Homepage News Trump says, he “gets along well” with Putin – but...',
      'Trump says, he “gets along well” with Putin – but did not wish him a happy birthday, Kremlin says',
      'Others are reading now',
      'Also read',
      'As peace talks have stalled, Kyiv has developed a new strategy emphasizing both military resilience and economic pressure on Moscow.',
      'Also read',
      'Donald Trump is set to meet Ukrainian leader Volodymyr Zelensky on Friday, with military aid at the top of the agenda.',
      'Ads by MGDK',
    ]);
  });

  it('keeps the story itself, first paragraph to last', () => {
    const paras = paragraphs(story.body);
    expect(paras[0]).toMatch(/^U\.S\. President Donald Trump did not send birthday wishes/);
    expect(paras.at(-1)).toMatch(/^Meanwhile, the Kremlin expressed support/);
    expect(paras).toHaveLength(11);
  });

  it('makes a valid body document', () => {
    expect(() => assertValidBody(story.body)).not.toThrow();
  });
});

describe('importStory from plain text (other shapes)', () => {
  it('reads credit lines written as "Photo:" and "Credit:"', () => {
    expect(importStory({ text: 'Headline here\n\nPhoto: Jane Doe/Reuters\n\nA standfirst.\n\nBody.' }).hero).toEqual({ credit: 'Jane Doe/Reuters' });
    expect(importStory({ text: 'Headline here\n\nCredit: AP Photo\n\nA standfirst.\n\nBody.' }).hero).toEqual({ credit: 'AP Photo' });
  });

  it('joins hard-wrapped lines of one paragraph', () => {
    const text = [
      'Council approves the budget',
      '',
      'The council approved the budget on Tuesday after a long debate.',
      '',
      'The vote was close: twenty-one members voted for the plan and nineteen',
      'against it, after the mayor promised to look again at the cuts to the',
      'libraries in the spring.',
    ].join('\n');
    const story = importStory({ text });
    expect(paragraphs(story.body)).toEqual([
      'The vote was close: twenty-one members voted for the plan and nineteen against it, after the mayor promised to look again at the cuts to the libraries in the spring.',
    ]);
  });

  it('does not make a subheading of a title-like line at the end or before another title-like line', () => {
    const story = importStory({ text: 'Headline\n\nStandfirst here.\n\nFirst paragraph of the story.\n\nShort line\n\nAnother short line' });
    expect(headings(story.body)).toEqual([]);
  });

  it('leaves out share lines, bylines and teasers however they are written', () => {
    const text = [
      'Floods close the coast road',
      'Share on Facebook',
      'The road will stay shut until Friday.',
      'By Rosa Okafor',
      'Engineers are checking the sea wall near the harbour this morning.',
      'Read more:',
      'Storm season starts early',
      'Sign up for our free newsletter today',
      'The county says it will publish an update at noon.',
    ].join('\n');
    const story = importStory({ text });
    expect(story.headline).toBe('Floods close the coast road');
    expect(story.standfirst).toBe('The road will stay shut until Friday.');
    expect(paragraphs(story.body)).toEqual(['Engineers are checking the sea wall near the harbour this morning.', 'The county says it will publish an update at noon.']);
    expect(story.dropped).toEqual(['Share on Facebook', 'By Rosa Okafor', 'Read more:', 'Storm season starts early', 'Sign up for our free newsletter today']);
  });

  it('gives an empty story for empty text, with a valid body', () => {
    const story = importStory({ text: '  \n\n ' });
    expect(story).toMatchObject({ headline: '', standfirst: '', hero: null, aiNote: null, dropped: [] });
    expect(() => assertValidBody(story.body)).not.toThrow();
  });
});

describe('importStory from HTML', () => {
  const html = `<!doctype html>
<html><head><title>Floods close the coast road | The Courier</title><style>p { color: red }</style></head>
<body>
  <header class="site-header"><a href="/">The Courier</a><nav><a href="/news">News</a> <a href="/sport">Sport</a></nav></header>
  <div class="breadcrumbs">Home › News › Floods…</div>
  <main>
    <article>
      <header>
        <p class="kicker">Weather</p>
        <h1>Floods close the <em>coast</em> road</h1>
        <p class="standfirst">The road will stay shut until Friday, the county says.</p>
      </header>
      <figure><img src="/flood.jpg" alt="Water over the road"><figcaption>The coast road at dawn. <span class="credit">Jane Doe / The Courier</span></figcaption></figure>
      <p>Engineers are checking the <strong>sea wall</strong> near the <a href="https://example.org/harbour">harbour</a> this morning.</p>
      <p>A <a href="javascript:alert(1)">bad link</a> and a&nbsp;non-breaking&nbsp;space.<script>alert(1)</script></p>
      <aside class="related"><h2>Also read</h2><p>Storm season starts early</p></aside>
      <h2>What happens next</h2>
      <p>The county will publish an update at noon.</p>
      <h3>Detours</h3>
      <ul><li>Take the <b>A12</b> inland</li><li>Buses run every hour</li></ul>
      <blockquote><p>We have never seen it this high.</p></blockquote>
      <div class="share-buttons">Share on Facebook Share on Twitter</div>
      <form><input name="email"><button>Subscribe</button></form>
      <p>This article was written with help from AI tools and checked by an editor.</p>
    </article>
  </main>
  <footer>© The Courier</footer>
</body></html>`;
  const story = importStory({ html });
  const bodyText = plainText(story.body);

  it('takes the h1 as the headline and the marked standfirst', () => {
    expect(story.headline).toBe('Floods close the coast road');
    expect(story.standfirst).toBe('The road will stay shut until Friday, the county says.');
  });

  it('maps h2 and h3 to headings, lists, quotes and paragraphs with their marks', () => {
    expect(story.body.content!.map((b) => b.type)).toEqual(['paragraph', 'paragraph', 'heading', 'paragraph', 'heading', 'bulletList', 'blockquote']);
    expect(headings(story.body)).toEqual(['What happens next', 'Detours']);
    expect(story.body.content![2].attrs).toEqual({ level: 2 });
    expect(story.body.content![4].attrs).toEqual({ level: 3 });
    const first = story.body.content![0].content!;
    expect(first.find((n) => n.text === 'sea wall')?.marks).toEqual([{ type: 'bold' }]);
    expect(first.find((n) => n.text === 'harbour')?.marks).toEqual([{ type: 'link', attrs: { href: 'https://example.org/harbour' } }]);
    expect(plainText(story.body.content![0])).toBe('Engineers are checking the sea wall near the harbour this morning.\n');
  });

  it('keeps the text of an unsafe link but not the link', () => {
    expect(JSON.stringify(story.body)).not.toContain('javascript:');
    expect(paragraphs(story.body)).toContain('A bad link and a non-breaking space.');
  });

  it('finds the credit in the figcaption and the AI note', () => {
    expect(story.hero).toEqual({ credit: 'Jane Doe / The Courier' });
    expect(story.aiNote).toBe('This article was written with help from AI tools and checked by an editor.');
  });

  it('drops nav, aside, footer, form, script, style, the site header and share buttons', () => {
    for (const furniture of ['The Courier', 'Sport', 'Storm season', 'Also read', 'Share on', 'Subscribe', 'alert', 'color: red', 'Weather', 'Home ›']) {
      expect(bodyText, furniture).not.toContain(furniture);
    }
    expect(story.dropped.join('\n')).toMatch(/Storm season starts early/);
    expect(story.dropped.join('\n')).toMatch(/Share on Facebook/);
  });

  it('makes a valid body document', () => {
    expect(() => assertValidBody(story.body)).not.toThrow();
  });

  it('falls back to the document title without a site name when there is no h1', () => {
    const s = importStory({ html: '<html><head><title>Budget passes - The Courier</title></head><body><p>The council voted.</p><p>More later.</p></body></html>' });
    expect(s.headline).toBe('Budget passes');
    expect(s.standfirst).toBe('The council voted.');
    expect(paragraphs(s.body)).toEqual(['More later.']);
  });
});
