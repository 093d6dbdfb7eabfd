/**
 * The data set for aggregators and researchers: a JSON array of the published
 * reviews' schema.org ClaimReview objects, newest first, each identical to the
 * JSON-LD of its claim page (README: "/claims.json").
 */
import type { APIRoute } from 'astro';
import { siteContext } from '../site/context.ts';
import { publishedReviews } from '../site/feeds.ts';

export const GET: APIRoute = () => {
  const { corpus, location } = siteContext();
  const reviews = publishedReviews(corpus, location).map((r) => r.review);
  return new Response(`${JSON.stringify(reviews, null, 2)}\n`, {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
};
