/**
 * One share card per published claim, /og/<slug>.png. Drawing is the slow part,
 * so cards come from the cache (keyed by what they show) and only changed ones are drawn.
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { getCorpus } from '../../lib/corpus-cache.ts';
import { publishedReview, publishedReviews, shareCardInput } from '../../lib/feeds.ts';
import { cachedShareCard } from '../../lib/share-card.ts';

export const getStaticPaths = (() => publishedReviews(getCorpus()).map((r) => ({ params: { slug: r.slug } }))) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ params }) => {
  const corpus = getCorpus();
  const review = publishedReview(corpus, params.slug!);
  if (!review) return new Response(null, { status: 404 });
  const { png } = await cachedShareCard(shareCardInput(corpus, review));
  return new Response(new Uint8Array(png), { headers: { 'Content-Type': 'image/png' } });
};
