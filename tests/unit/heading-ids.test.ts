import { describe, expect, it } from 'vitest';
import { headingIds } from '../../src/core/heading-ids.ts';
import { parseMarkdown } from '../../src/core/markdown.ts';

const ids = (md: string) => headingIds(parseMarkdown(md));

describe('headingIds', () => {
  it('slugs the typeset text, one slugger per body, as Astro does', () => {
    expect(ids("# One -- two\n\n## The mayor's *own* words...\n\n## Again\n\n## Again\n")).toEqual([
      'one--two',
      'the-mayors-own-words',
      'again',
      'again-1',
    ]);
  });

  it('keeps letters of every script and drops code fences and images', () => {
    expect(ids('## Élus ![x](../images/a.png) et `code`\n\n```\n# not a heading\n```\n')).toEqual(['élus--et-code']);
  });

  it('offers no id for a heading the site adds words to (a quotation, a link, a footnote)', () => {
    expect(ids('## “Quoted” words\n\n## A [link](x.md)\n\n## Plain\n')).toEqual(['plain']);
  });
});
