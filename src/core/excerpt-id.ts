import { fnv1a } from './hash.ts';
import { parseExcerpt, type ExcerptPattern } from './matcher.ts';

/**
 * The stable id of an excerpt on its source page (`/sources/<slug>/#<id>`): a
 * few readable words plus a hash of the normalised quotation. Two claims that
 * quote the same words share one id; editing other parts of the source does not
 * change it.
 */
export function excerptId(excerpt: string | ExcerptPattern): string {
  const { segments, gaps } = typeof excerpt === 'string' ? parseExcerpt(excerpt) : excerpt;
  // The kind of each gap is part of the quotation: `a [x] b` and `a … b` are different excerpts.
  const norm = segments.reduce(
    (all, seg, i) => (i === 0 ? seg : `${all}${gaps[i - 1] === 'insertion' ? ' [] ' : ' … '}${seg}`),
    '',
  );
  const words = (
    norm
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .match(/[a-z0-9]+/g) ?? []
  ).slice(0, 4);
  return ['q', ...words, fnv1a(norm).slice(0, 6)].join('-');
}
