/**
 * The article layout every server is driven with: XmlFragments `headline`, `standfirst` and `body`,
 * each with one paragraph, and a map `meta`. Galley seeds it on the server; for the peers, which
 * hold no schema, a story's first client writes the same layout. Editors type into the text of the
 * body's first paragraph.
 */
import * as Y from 'yjs';

const opening = 'The council met on Tuesday evening. ';

function paragraphWith(text: string): Y.XmlElement {
  const paragraph = new Y.XmlElement('paragraph');
  if (text) paragraph.insert(0, [new Y.XmlText(text)]);
  return paragraph;
}

/** The text node of the body's first paragraph, or undefined when the story has none yet. */
export function findBodyText(doc: Y.Doc): Y.XmlText | undefined {
  const paragraph = doc.getXmlFragment('body').get(0);
  if (!(paragraph instanceof Y.XmlElement)) return undefined;
  const text = paragraph.get(0);
  return text instanceof Y.XmlText ? text : undefined;
}

/** The text node of the body's first paragraph; throws when the story was not prepared. */
export function bodyText(doc: Y.Doc): Y.XmlText {
  const text = findBodyText(doc);
  if (!text) throw new Error('the story has no body text: it was not prepared');
  return text;
}

/**
 * Makes sure the story has the article layout and an opening line in its body, writing only what is
 * missing. Returns whether it wrote anything. Done by one client per story before others join.
 */
export function prepareStory(doc: Y.Doc, headline: string, openingLine: string = opening): boolean {
  if (findBodyText(doc)) return false;
  doc.transact(() => {
    const fields: [string, string][] = [
      ['headline', headline],
      ['standfirst', 'What the desk is writing about today.'],
    ];
    for (const [name, text] of fields) {
      const fragment = doc.getXmlFragment(name);
      if (fragment.length === 0) fragment.insert(0, [paragraphWith(text)]);
    }
    const body = doc.getXmlFragment('body');
    if (body.length === 0) body.insert(0, [paragraphWith('')]);
    const paragraph = body.get(0) as Y.XmlElement;
    paragraph.insert(0, [new Y.XmlText(openingLine)]);
    if (doc.getMap('meta').size === 0) doc.getMap('meta').set('section', 'news');
  });
  return true;
}
