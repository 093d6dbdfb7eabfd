/**
 * The verdicts' share cards in dev under `share_cards: verdict`, /og/verdicts/<id>.png, drawn on
 * request or taken from the cache. A build writes no page here: the share-cards integration copies
 * them from the cache into the site, as it does the claims' cards ([slug].png.ts).
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { getCorpus } from '../../../check/cache.ts';
import { publishedReviews, shareCardOf } from '../../../site/feeds.ts';
import { paths } from '../../../site/routes.ts';
import { cachedShareCard } from '../../../share-cards/card.ts';

/** The card of each verdict some published review has, by id. */
function verdictCards() {
  const corpus = getCorpus();
  return new Map(
    publishedReviews(corpus)
      .map((r) => ({ id: r.data.verdict, card: shareCardOf(corpus, r) }))
      .filter(({ id, card }) => card.path === paths.verdictCard(id))
      .map(({ id, card }) => [id, card.input]),
  );
}

export const getStaticPaths = (() =>
  import.meta.env.DEV ? [...verdictCards().keys()].map((id) => ({ params: { id } })) : []) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ params }) => {
  const input = verdictCards().get(params.id!);
  if (!input) return new Response(null, { status: 404 });
  const { png } = await cachedShareCard(input);
  return new Response(new Uint8Array(png), { headers: { 'Content-Type': 'image/png' } });
};
