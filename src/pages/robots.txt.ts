/** robots.txt, naming the sitemap by its absolute URL (with the base path of a project site). */
import type { APIRoute } from 'astro';
import { siteContext } from '../site/context.ts';
import { robotsTxt } from '../site/feeds.ts';

export const GET: APIRoute = () =>
  new Response(robotsTxt(siteContext().location), { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
