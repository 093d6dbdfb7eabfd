/**
 * The front matter of every content file, once, for both the checker
 * (scripts/check.ts) and Astro's content collections (src/content.config.ts).
 * Field docs follow docs/content-format.md; the JSON schemas for editors are made from these.
 */
import { z } from 'astro/zod';
import { dayProblem, toIsoDay } from './dates.ts';

export const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** A calendar day, `YYYY-MM-DD`; a YAML date or a string, but always a real date. */
export const day = z
  .union([z.string(), z.date()])
  .transform((v, ctx) => {
    const iso = toIsoDay(v);
    if (iso === null) {
      ctx.issues.push({
        code: 'custom',
        input: v,
        message: dayProblem(v),
      });
      return z.NEVER;
    }
    return iso;
  })
  .meta({ description: 'A calendar date, YYYY-MM-DD.' });

const text = z.string().trim().min(1, 'must not be empty');
const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an absolute http(s) URL' });
/**
 * The longest slug, alias or tag slug: each becomes a folder name in the built site (and a
 * share card's file name), and every file system takes 100 bytes where some stop at 255.
 */
export const MAX_SLUG = 100;
const slug = z
  .string()
  .regex(SLUG, 'must be lowercase letters, digits and -')
  .max(MAX_SLUG, `must be at most ${MAX_SLUG} characters long`);
/** YAML reads `true`/`false` as booleans; as ids they mean the verdicts "true" and "false". */
const verdictId = z.union([z.string(), z.boolean()]).transform((v) => String(v).trim());
const oneOrMany = (item: z.ZodType<string>) => z.union([item, z.array(item)]).transform((v) => (Array.isArray(v) ? v : [v]));
/** A tag the pattern lets through may still be one `Intl` refuses (`en-GB-oed`), and the pages format dates with `Intl`. */
const intlAccepts = (tag: string) => {
  try {
    Intl.getCanonicalLocales(tag);
    return true;
  } catch {
    return false;
  }
};
const language = z
  .string()
  .regex(/^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/, 'must be a BCP 47 language tag such as en or pt-BR')
  .refine(intlAccepts, 'is not a language tag the platform knows; use a plain one such as en, en-GB or pt-BR');
const utf8Bytes = (s: string) => new TextEncoder().encode(s).length;
/** A tag: free text, whose slug is a folder name of the built site like any other slug. */
const tag = z
  .union([text, z.number()])
  .transform((t) => String(t))
  .refine((t) => utf8Bytes(tagSlug(t)) <= MAX_SLUG, `is too long: its URL may be at most ${MAX_SLUG} bytes; shorten it`);

/** A counted message's forms, by `Intl.PluralRules` category. */
const pluralForms = z.strictObject({
  zero: text.optional(),
  one: text.optional(),
  two: text.optional(),
  few: text.optional(),
  many: text.optional(),
  other: text.optional(),
});

export const verdictSchema = z.strictObject({
  /** The id claims use in `verdict:`. */
  id: verdictId.pipe(slug),
  /** The label readers see. */
  label: text,
  /** 1 = worst ... n = best; leave it out for a verdict outside the scale. */
  rating: z.number().int().min(1).optional(),
  /** What the verdict means; none when left out. */
  description: text.optional(),
});

export const siteSchema = z.strictObject({
  /** The site's name. */
  title: text,
  /** One sentence on what the site checks. */
  description: text,
  /** Canonical origin (may carry a path); the SITE_URL environment variable overrides it. */
  url: httpUrl,
  /** BCP 47 language of the site. */
  language: language.default('en'),
  /** Who publishes the reviews: the ClaimReview author. */
  publisher: z.strictObject({
    name: text,
    url: httpUrl.optional(),
    /** A logo URL for structured data (optional). */
    logo: httpUrl.optional(),
  }),
  /** The verdict scale; the default scale is used if absent. */
  verdicts: z.array(verdictSchema).min(1).optional(),
  /** Where the content lives in git, for "Edit this page" and "History" links. */
  repository: z
    .strictObject({
      /** The repository's web URL, e.g. https://github.com/org/repo. */
      url: httpUrl,
      /** The branch editors publish from. */
      branch: z.string().min(1).default('main'),
      /** Path of the content folder inside the repository. */
      path: z.string().default('content'),
    })
    .optional(),
  /**
   * The site's own words, replacing those of its language (src/i18n/<language>.ts) key by key:
   * a string, or for a counted message one form per plural category (`one`, `other`, ...).
   */
  strings: z.record(z.string(), z.union([text, pluralForms])).optional(),
  /** Where readers report errors: an email address or a URL. */
  corrections: z.union([z.email(), httpUrl], { error: 'must be an email address or an http(s) URL' }).optional(),
  /**
   * What a claim's share card (the picture of its link preview) shows. `claim`: its claim, claimant
   * and verdict, a card per review. `verdict`: the site's name and the verdict, a card per verdict,
   * for a desk whose cards would not fit its host (a claim's card is some 24 KB).
   */
  share_cards: z.enum(['claim', 'verdict']).default('claim'),
});

export const sourceSchema = z.strictObject({
  /** The headline or title of the original. */
  title: text,
  /** The publisher of the original. */
  outlet: text,
  /** The author or authors. */
  author: oneOrMany(text).optional(),
  /** Publication date; leave it out when unknown, never guess. */
  published: day.optional(),
  /** The original's URL; leave it out when unknown, never invent. */
  url: httpUrl.optional(),
  /** An archived copy. */
  archive: httpUrl.optional(),
  /** Where this copy was taken from, if not the outlet. */
  via: text.optional(),
  /** When this copy was retrieved. */
  retrieved: day.optional(),
  /** BCP 47 language of the text; default the site's. */
  language: language.optional(),
  /** `excerpts`: publish only the cited paragraphs; `full`: the whole text. */
  show: z.enum(['excerpts', 'full']).default('excerpts'),
  /** Old slugs that must keep resolving. */
  aliases: z.array(slug).optional(),
  /** Checked like the rest, never published. */
  draft: z.boolean().default(false),
});

export const updateSchema = z.strictObject({
  /** When the correction or update was made. */
  date: day,
  /** What changed and why. */
  note: text,
  /**
   * Only for an update that changed the verdict: the verdict's id before it (the claim's `verdict`
   * is the one now). The page then says, under the headline, that the verdict changed, and from what.
   */
  previous_verdict: verdictId.optional(),
});

export const claimSchema = z.strictObject({
  /** The claim under review, as a sentence. */
  claim: text,
  /** Who made the claim. */
  claimant: text,
  /** What the claimant is: one `person`, an `organization`, or a `group` with no single voice ("Social media posts"). */
  claimant_type: z.enum(['person', 'organization', 'group']).default('person'),
  /** When the claim was made. */
  claimed: day.optional(),
  /** Source slugs where the claim appears; the first is its first appearance. */
  appearance: oneOrMany(slug).optional(),
  /** An id from the verdict scale. */
  verdict: verdictId,
  /** One or two sentences that state the ruling. */
  summary: text,
  /** The date the review was published. */
  reviewed: day,
  /** Who wrote the review; default the publisher. */
  author: text.optional(),
  /** Topics that group reviews. */
  tags: z.array(tag).optional(),
  /** Old slugs that must keep resolving. */
  aliases: z.array(slug).optional(),
  /** Checked like the rest, never published. */
  draft: z.boolean().default(false),
  /** The corrections and updates log, newest last. */
  updates: z.array(updateSchema).optional(),
});

export const pageSchema = z.strictObject({
  /** The page title. */
  title: text,
  /** One sentence for search engines and link previews; default the page's first paragraph, shortened. */
  description: text.optional(),
  /** Old slugs that must keep resolving. */
  aliases: z.array(slug).optional(),
  /** Checked like the rest, never published. */
  draft: z.boolean().default(false),
});

export type SiteConfig = z.output<typeof siteSchema>;
export type SourceData = z.output<typeof sourceSchema>;
export type ClaimData = z.output<typeof claimSchema>;
export type PageData = z.output<typeof pageSchema>;
export type Collection = 'sources' | 'claims' | 'pages';

export const schemas = { sources: sourceSchema, claims: claimSchema, pages: pageSchema } as const;

/** Tag slug for URLs: `/tags/<slug>/`. */
export function tagSlug(tag: string): string {
  return (
    tag
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-+|-+$/g, '') || 'tag'
  );
}
