/** The RSS feed: every published review, newest first, titled with the claim and its verdict. */
import rss from '@astrojs/rss';
import type { APIRoute } from 'astro';
import { siteContext } from '../components/site.ts';
import { feedTitle, publishedReviews, utcDay } from '../lib/feeds.ts';

export const GET: APIRoute = () => {
  const { corpus, location } = siteContext();
  return rss({
    title: corpus.site?.title ?? '',
    description: corpus.site?.description ?? '',
    site: location.href,
    customData: `<language>${corpus.site?.language ?? 'en'}</language>`,
    items: publishedReviews(corpus, location).map((r) => ({
      title: feedTitle(r),
      link: r.url,
      pubDate: utcDay(r.data.reviewed),
      description: r.data.summary,
      ...(r.data.tags?.length ? { categories: r.data.tags } : {}),
    })),
  });
};
