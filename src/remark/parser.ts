/**
 * The site parses Markdown with the checker's parser. Astro's unified
 * processor would parse every body again with micromark (remark-parse), about
 * twenty times slower than satteri, then typeset it with remark-smartypants
 * (turned off in astro.config.mjs); with this plugin first in the list it
 * renders the tree the content check verified, typeset afterwards
 * (core/typography.ts): the same links, quotations and positions.
 */
import type { Processor } from 'unified';
import { parseTypeset } from '../core/typography.ts';

export default function remarkCheckerParser(this: Processor) {
  this.parser = ((doc: string) => parseTypeset(String(doc))) as Processor['parser'];
}
