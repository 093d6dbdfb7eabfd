/**
 * The share cards in dev, /og/<slug>.png, drawn on request or taken from the
 * cache. A build writes no page here: the share-cards integration copies every
 * card from the cache into the site (src/integrations/share-cards.ts).
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { getCorpus } from '../../check/cache.ts';
import { publishedReview, publishedReviews, shareCardOf } from '../../site/feeds.ts';
import { paths } from '../../site/routes.ts';
import { cachedShareCard } from '../../share-cards/card.ts';

export const getStaticPaths = (() =>
  import.meta.env.DEV
    ? publishedReviews(getCorpus())
        .filter((r) => shareCardOf(getCorpus(), r).path === paths.card(r.slug))
        .map((r) => ({ params: { slug: r.slug } }))
    : []) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ params }) => {
  const corpus = getCorpus();
  const review = publishedReview(corpus, params.slug!);
  // Under `share_cards: verdict` no claim has a card of its own (verdicts/[id].png.ts).
  const card = review && shareCardOf(corpus, review);
  if (!card || card.path !== paths.card(review.slug)) return new Response(null, { status: 404 });
  const { png } = await cachedShareCard(card.input);
  return new Response(new Uint8Array(png), { headers: { 'Content-Type': 'image/png' } });
};
