import { describe, expect, it } from 'vitest';
import type { ArticleRecord } from '../articles/ArticleStore';
import type { RenderedArticle } from '../articles/render';
import { freezeRevision, safeBody, storyUrl, type FreezeInput } from './freezeRevision';

const article: ArticleRecord = {
  id: '6f1c2a52-8d0e-4c36-9a57-1f0b7c1e2d3a',
  state: 'published',
  headline: 'Council approves the budget',
  wordCount: 60,
  desk: 'City',
  slug: 'council-approves-the-budget',
  deadline: null,
  scheduledAt: null,
  spikedFrom: null,
  firstPublishedAt: '2025-10-14T08:00:00.000Z',
  publishedAt: '2025-10-14T08:00:00.000Z',
  createdBy: { id: 'u1', name: 'Rosa Okafor' },
  authors: [
    { id: 'u1', name: 'Rosa Okafor' },
    { id: 'u2', name: 'Inès Núñez' },
  ],
  createdAt: '2025-10-13T08:00:00.000Z',
  updatedAt: '2025-10-14T08:00:00.000Z',
};

const rendered: RenderedArticle = {
  headline: 'Council approves the budget',
  standfirst: 'Twenty-one votes to nineteen, after a long night.',
  body: {
    type: 'doc',
    content: [
      {
        type: 'paragraph',
        content: [
          { type: 'text', text: 'Read ' },
          { type: 'text', text: 'the plan', marks: [{ type: 'link', attrs: { href: 'https://example.org/plan' } }] },
          { type: 'text', text: ' or ' },
          { type: 'text', text: 'this', marks: [{ type: 'bold' }, { type: 'link', attrs: { href: 'javascript:alert(1)' } }] },
        ],
      },
      { type: 'figure', attrs: { src: 'data:image/svg+xml,<svg onload=alert(1)>', alt: 'x', caption: '', credit: '' } },
    ],
  },
  html: '<p>Read <a href="https://example.org/plan">the plan</a> or <strong><a href="">this</a></strong></p>',
  wordCount: 60,
  meta: { desk: 'City', tags: ['budget', 'council'], hero: { src: 'https://cdn.example.org/hall.jpg', alt: 'The council hall', caption: 'The vote', credit: 'Jane Doe' }, aiNote: '  Transcribed with AI, checked by the reporter. ' },
};

const input = (over: Partial<FreezeInput> = {}): FreezeInput => ({
  article,
  rendered,
  snapshot: new Uint8Array([1, 2, 3]),
  slug: 'council-approves-the-budget',
  revision: 1,
  correction: null,
  corrections: [],
  related: [{ slug: 'libraries-face-cuts', headline: 'Libraries face cuts' }],
  publishedBy: 'u3',
  at: new Date('2025-10-14T08:00:00.000Z'),
  firstPublishedAt: '2025-10-14T08:00:00.000Z',
  origin: 'https://news.example.org/',
  ...over,
});

describe('freezeRevision', () => {
  it('freezes the row: text columns, the schema-built HTML and the snapshot', () => {
    const row = freezeRevision(input());
    expect(row).toMatchObject({
      articleId: article.id,
      revision: 1,
      slug: 'council-approves-the-budget',
      headline: 'Council approves the budget',
      standfirst: 'Twenty-one votes to nineteen, after a long night.',
      html: rendered.html,
      correction: null,
      publishedBy: 'u3',
      publishedAt: '2025-10-14T08:00:00.000Z',
    });
    expect(row.snapshot).toEqual(new Uint8Array([1, 2, 3]));
  });

  it('builds the public article with its URL, byline, meta and related stories', () => {
    const { article: pub } = freezeRevision(input());
    expect(pub).toMatchObject({
      id: article.id,
      slug: 'council-approves-the-budget',
      url: 'https://news.example.org/news/council-approves-the-budget',
      revision: 1,
      byline: ['Rosa Okafor', 'Inès Núñez'],
      desk: 'City',
      tags: ['budget', 'council'],
      hero: { src: 'https://cdn.example.org/hall.jpg', alt: 'The council hall', caption: 'The vote', credit: 'Jane Doe' },
      html: rendered.html,
      wordCount: 60,
      aiNote: 'Transcribed with AI, checked by the reporter.',
      related: [{ slug: 'libraries-face-cuts', headline: 'Libraries face cuts', url: 'https://news.example.org/news/libraries-face-cuts' }],
      corrections: [],
      firstPublishedAt: '2025-10-14T08:00:00.000Z',
      publishedAt: '2025-10-14T08:00:00.000Z',
    });
  });

  it('adds this revision’s correction after the earlier ones', () => {
    const earlier = [{ note: 'An earlier version misspelt the mayor’s name.', at: '2025-10-14T09:00:00.000Z' }];
    const row = freezeRevision(input({ revision: 3, correction: 'The vote was 21–19, not 20–19.', corrections: earlier, at: new Date('2025-10-14T11:00:00.000Z') }));
    expect(row.correction).toBe('The vote was 21–19, not 20–19.');
    expect(row.article.corrections).toEqual([...earlier, { note: 'The vote was 21–19, not 20–19.', at: '2025-10-14T11:00:00.000Z' }]);
    expect(row.article.firstPublishedAt).toBe('2025-10-14T08:00:00.000Z');
    expect(row.article.publishedAt).toBe('2025-10-14T11:00:00.000Z');
  });

  it('drops a hero whose source is not a safe image URL, and an empty AI note', () => {
    const unsafe = { ...rendered, meta: { hero: { src: 'javascript:alert(1)', alt: '', caption: '', credit: '' }, aiNote: '   ' } };
    const { article: pub } = freezeRevision(input({ rendered: unsafe }));
    expect(pub.hero).toBeNull();
    expect(pub.aiNote).toBeNull();
    expect(pub.desk).toBe('City');
    expect(pub.tags).toEqual([]);
  });

  it('keeps no unsafe link or image source in the body JSON', () => {
    const { article: pub } = freezeRevision(input());
    const json = JSON.stringify(pub.body);
    expect(json).not.toContain('javascript:');
    expect(json).not.toContain('data:');
    expect(pub.body.content![0].content![1].marks).toEqual([{ type: 'link', attrs: { href: 'https://example.org/plan' } }]);
    expect(pub.body.content![0].content![3]).toEqual({ type: 'text', text: 'this', marks: [{ type: 'bold' }] });
    expect(pub.body.content![1].attrs).toMatchObject({ src: null, alt: 'x' });
  });

  it('does not change its input', () => {
    const before = JSON.stringify(rendered);
    freezeRevision(input());
    safeBody(rendered.body);
    expect(JSON.stringify(rendered)).toBe(before);
  });
});

describe('storyUrl', () => {
  it('joins the origin and the slug under /news', () => {
    expect(storyUrl('https://news.example.org', 'a-b')).toBe('https://news.example.org/news/a-b');
    expect(storyUrl('http://127.0.0.1:3000//', 'a-b')).toBe('http://127.0.0.1:3000/news/a-b');
  });
});
