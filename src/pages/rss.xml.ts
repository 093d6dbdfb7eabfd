/** The RSS feed: every published review, newest first, titled with the claim and its verdict. */
import rss from '@astrojs/rss';
import type { APIRoute } from 'astro';
import { siteContext } from '../site/context.ts';
import { absoluteUrl } from '../site/location.ts';
import { feedTitle, publishedReviews, utcDay } from '../site/feeds.ts';
import { paths } from '../site/routes.ts';

export const GET: APIRoute = () => {
  const { corpus, location, ui } = siteContext();
  return rss({
    title: corpus.site?.title ?? '',
    description: corpus.site?.description ?? '',
    site: location.href,
    // The feed names its own absolute URL (feed validators ask for it; readers use it to dedupe subscriptions).
    xmlns: { atom: 'http://www.w3.org/2005/Atom' },
    customData: `<language>${corpus.site?.language ?? 'en'}</language><atom:link href="${absoluteUrl(location, paths.rss())}" rel="self" type="application/rss+xml"/>`,
    items: publishedReviews(corpus, location).map((r) => ({
      title: feedTitle(r, ui),
      link: r.url,
      pubDate: utcDay(r.data.reviewed),
      description: r.data.summary,
      ...(r.data.tags?.length ? { categories: r.data.tags } : {}),
    })),
  });
};
