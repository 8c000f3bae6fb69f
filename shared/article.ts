/**
 * The article document layout: a contract between the editor, the server and the tests.
 * Workflow state, bylines and the published revision live in the database, never in the doc.
 */

/** Names of the Yjs roots of an article doc. */
export const ArticleRoots = {
  /** `Y.XmlFragment`: one plain-text paragraph. */
  headline: 'headline',
  /** `Y.XmlFragment`: one plain-text paragraph. */
  standfirst: 'standfirst',
  /** `Y.XmlFragment`: the Tiptap body document. */
  body: 'body',
  /** `Y.Map`: small co-edited fields (section, tags, hero image, related stories, AI-use note). */
  meta: 'meta',
} as const;

/** The rich-text fields of an article, in the order they appear on the page. */
export const TextFields = ['headline', 'standfirst', 'body'] as const;
export type TextField = (typeof TextFields)[number];

/** Workflow states of an article (DESIGN.md). */
export const ArticleStates = ['draft', 'copy_edit', 'approval', 'scheduled', 'published', 'unpublished', 'spiked'] as const;
export type ArticleState = (typeof ArticleStates)[number];

/** Newsroom language for each state, as shown on the story list. */
export const StateLabels: Record<ArticleState, string> = {
  draft: 'Draft',
  copy_edit: 'Copy desk',
  approval: 'Awaiting approval',
  scheduled: 'Scheduled',
  published: 'Published',
  unpublished: 'Unpublished',
  spiked: 'Spiked',
};

/** A hero image as the desk sets it. */
export interface HeroImage {
  src: string;
  alt: string;
  caption: string;
  credit: string;
}

/** The co-edited `meta` map of an article doc. Every key is optional. */
export interface ArticleMeta {
  /** The desk or section ("Politics", "City"). */
  desk?: string;
  tags?: string[];
  hero?: HeroImage | null;
  /** Ids of related stories, shown as "Also read". */
  related?: string[];
  /** How AI was used in preparing the story, shown to readers. */
  aiNote?: string;
}

/** The keys of the `meta` map. */
export const MetaKeys = ['desk', 'tags', 'hero', 'related', 'aiNote'] as const;
