/**
 * A seeded, realistic content folder for `npm run bench`: N claim reviews and
 * N/5 sources of about 1,200 words, every claim quoting 3–5 real passages of
 * its sources in all three citation forms, with elisions and bracketed
 * insertions, tags, aliases, updates and a few drafts. The same seed always
 * gives the same files, so two runs measure the same work.
 *
 * Pure: returns the files, the caller writes them. Every generated file must
 * pass `npm run check`, so the prose avoids Markdown syntax (no `*`, `_`, `[`,
 * `<`, `&`, no line starting with a list marker) and every excerpt is cut from
 * the source's own words.
 */

import { mulberry32 } from './prng.ts';
export interface BenchCorpusOptions {
  /** Number of claim reviews. */
  claims: number;
  /** Number of sources; default claims / 5 (at least 1). */
  sources?: number;
  seed?: number;
  /** The desk's `share_cards` in site.yml; left out (the default, a card per claim) unless `verdict`. */
  shareCards?: 'claim' | 'verdict';
}

export interface BenchFile {
  /** Path relative to the content folder, e.g. `claims/x.md`. */
  path: string;
  content: string;
}

export { mulberry32 };

type Rng = () => number;

const int = (r: Rng, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
const pick = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const chance = (r: Rng, p: number) => r() < p;

const FIRST = [
  'Maria',
  'James',
  'Aisha',
  'Daniel',
  'Chen',
  'Priya',
  'Robert',
  'Elena',
  'Marcus',
  'Fatima',
  'Thomas',
  'Grace',
  'Luis',
  'Hannah',
  'Omar',
  'Sofia',
  'Kevin',
  'Naomi',
  'Victor',
  'Rachel',
  'Samuel',
  'Ingrid',
  'Jamal',
  'Teresa',
];
const LAST = [
  'Alvarez',
  'Okafor',
  'Nguyen',
  'Patel',
  'Kowalski',
  'Brennan',
  'Haddad',
  'Lindqvist',
  'Moreau',
  'Tanaka',
  'Osei',
  'Fischer',
  'Delgado',
  'Sullivan',
  'Ramirez',
  'Novak',
  'Ibrahim',
  'Whitfield',
  'Castillo',
  'Reyes',
  'Abernathy',
];
const ROLES = [
  'the mayor',
  'a city council member',
  'the county executive',
  'the state treasurer',
  'a spokesperson for the agency',
  'the police superintendent',
  'the transit authority’s chief',
  'a union organizer',
  'the school board president',
  'a budget analyst',
  'the health commissioner',
  'a state senator',
  'the governor’s chief of staff',
];
const PLACES = [
  'Riverton',
  'Lakeside County',
  'Port Ellis',
  'the Northside',
  'Cedar Falls',
  'Marlow',
  'the state capital',
  'Eastbrook',
  'Fairhaven',
  'Greenvale',
  'the harbor district',
  'Westmoor',
  'Kingsbridge',
  'Ashford',
];
const GROUPS = [
  'the city council',
  'the county board',
  'the transit agency',
  'the school district',
  'state lawmakers',
  'the health department',
  'the police department',
  'the housing authority',
  'the water utility',
  'federal officials',
  'local business owners',
  'tenant advocates',
  'the teachers’ union',
  'the state auditor',
  'the parks department',
];
const ADJ = [
  'new',
  'proposed',
  'annual',
  'federal',
  'temporary',
  'controversial',
  'expanded',
  'revised',
  'regional',
  'emergency',
  'long-delayed',
  'citywide',
  'statewide',
  'voluntary',
  'mandatory',
  'preliminary',
  'independent',
  'bipartisan',
];
const NOUNS = [
  'budget',
  'ordinance',
  'contract',
  'program',
  'policy',
  'property tax',
  'levy',
  'database',
  'proposal',
  'audit',
  'grant',
  'shelter plan',
  'bridge repair',
  'clinic network',
  'pension fund',
  'water system',
  'bus route',
  'curfew',
  'hiring freeze',
  'rent cap',
  'bond measure',
  'vaccination drive',
  'street lighting plan',
  'recycling contract',
];
const UNITS = ['jobs', 'homes', 'students', 'officers', 'buses', 'clinics', 'beds', 'permits', 'complaints', 'arrests'];
const SAY = [
  'said',
  'told reporters',
  'argued',
  'wrote',
  'warned',
  'noted',
  'insisted',
  'acknowledged',
  'claimed',
  'estimated',
  'told the council',
  'said in a statement',
  'said on Tuesday',
  'said at a news conference',
];
const VPAST = [
  'cut',
  'raised',
  'doubled',
  'approved',
  'rejected',
  'delayed',
  'expanded',
  'reviewed',
  'funded',
  'suspended',
  'halved',
  'restored',
  'postponed',
  'audited',
  'renegotiated',
];
const VINF = ['cut', 'raise', 'double', 'expand', 'reduce', 'freeze', 'replace', 'restore', 'review', 'phase out'];
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const QUOTES = [
  'We are not going to balance this budget on the backs of working families',
  'The numbers simply do not add up, and everyone in this room knows it',
  'This is the most significant investment in a generation',
  'Nobody told us the program would be cut until the letters went out',
  'We have the data, and the data says this works',
  'It is a promise, not a policy, until somebody puts it in writing',
  'Our residents deserve better than another study',
  'The agency has been underfunded for a decade',
  'I think there needs to be a clarification around what the plan is',
  'We will keep doing this for as long as it takes',
];
const OUTLETS = [
  'The Riverton Ledger',
  'Lakeside Public Radio',
  'The Daily Courant',
  'Metro Wire',
  'The Harbor Gazette',
  'Capitol Report',
  'The Evening Standard-Post',
  'Northside News',
  'State House Review',
  'The Valley Tribune',
  'Civic Data Desk',
  'The Morning Dispatch',
];
const CLAIMANTS = [
  'Mayor Maria Alvarez',
  'Gov. Thomas Brennan',
  'Sen. Priya Patel',
  'Council Member Omar Haddad',
  'County Executive Grace Osei',
  'Rep. Victor Castillo',
  'Superintendent Naomi Tanaka',
  'a viral social media post',
  'a campaign mailer',
  'Treasurer Samuel Novak',
];
const INSERTIONS = [
  '[the mayor]',
  '[the council]',
  '[the agency]',
  '[Alvarez]',
  '[the program]',
  '[in 2019]',
  '[the city]',
  '[officials]',
];
const TAGS = [
  'budget',
  'taxes',
  'transit',
  'housing',
  'policing',
  'immigration',
  'education',
  'health',
  'elections',
  'pensions',
  'infrastructure',
  'environment',
  'water',
  'jobs',
  'crime',
  'public-safety',
  'city-council',
  'state-legislature',
  'schools',
  'homelessness',
  'rent',
  'bonds',
  'audits',
  'contracts',
  'parks',
  'energy',
  'vaccines',
  'labor',
  'courts',
  'data',
  'COVID-19',
  'Riverton',
  'Lakeside County',
  'Port Ellis',
  'federal-funding',
  'census',
  'wages',
  'libraries',
];
const STANCES = ['supports', 'disputes', 'context'] as const;
const VERDICTS = ['true', 'mostly-true', 'needs-context', 'misleading', 'false', 'unproven'] as const;
const VERDICT_LABELS: Record<string, string> = {
  true: 'True',
  'mostly-true': 'Mostly true',
  'needs-context': 'Needs context',
  misleading: 'Misleading',
  false: 'False',
  unproven: 'Unproven',
};

function money(r: Rng): string {
  return chance(r, 0.5) ? `$${int(r, 2, 950)} million` : `$${int(r, 1, 9)}.${int(r, 1, 9)} billion`;
}
function count(r: Rng): string {
  const n = int(r, 12, 48_000);
  return n >= 1000 ? n.toLocaleString('en-US') : String(n);
}
function person(r: Rng): string {
  return `${pick(r, FIRST)} ${pick(r, LAST)}`;
}
function cap(s: string): string {
  return s[0]!.toUpperCase() + s.slice(1);
}

/**
 * One sentence of news prose. Always starts with a capital letter or an opening curly quote.
 * A review's own prose quotes nobody (`quotes` false): an unlinked quotation must be in a cited
 * source, and a made-up one would fail the check.
 */
function sentence(r: Rng, quotes = true): string {
  const kind = int(r, 0, 9);
  switch (!quotes && kind === 2 ? 6 : kind) {
    case 0:
      return `${cap(pick(r, GROUPS))} ${pick(r, SAY)} that the ${pick(r, ADJ)} ${pick(r, NOUNS)} would ${pick(r, VINF)} spending by ${int(r, 2, 60)} percent over ${int(r, 2, 10)} years.`;
    case 1:
      return `According to figures released in ${pick(r, MONTHS)}, the ${pick(r, NOUNS)} ${pick(r, VPAST)} ${count(r)} ${pick(r, UNITS)} in ${int(r, 2009, 2024)}.`;
    case 2:
      return `“${pick(r, QUOTES)},” said ${person(r)}, ${pick(r, ROLES)}.`;
    case 3:
      return `${cap(pick(r, GROUPS))} ${pick(r, VPAST)} the ${pick(r, NOUNS)} in ${pick(r, MONTHS)} — a move that ${pick(r, GROUPS)} ${pick(r, SAY)} would cost ${money(r)}.`;
    case 4:
      return `In ${pick(r, PLACES)}, the ${pick(r, ADJ)} ${pick(r, NOUNS)} has ${pick(r, VPAST)} ${count(r)} ${pick(r, UNITS)}; ${pick(r, GROUPS)} say the figure is closer to ${count(r)}.`;
    case 5:
      return `The ${pick(r, NOUNS)}, which ${pick(r, VPAST)} ${money(r)} last year, is expected to ${pick(r, VINF)} the city’s ${pick(r, NOUNS)} by ${pick(r, MONTHS)}.`;
    case 6:
      return `${person(r)}, ${pick(r, ROLES)}, ${pick(r, SAY)} that ${pick(r, GROUPS)} had not seen the ${pick(r, ADJ)} ${pick(r, NOUNS)} before the vote.`;
    case 7:
      return `Records obtained by reporters show that ${pick(r, GROUPS)} ${pick(r, VPAST)} ${count(r)} ${pick(r, UNITS)} between ${int(r, 2010, 2016)} and ${int(r, 2017, 2024)}.`;
    case 8:
      return `Critics in ${pick(r, PLACES)} ${pick(r, SAY)} the ${pick(r, NOUNS)} – first proposed in ${int(r, 2005, 2020)} – was never fully ${pick(r, VPAST)}.`;
    default:
      return `It was not clear whether the ${pick(r, ADJ)} ${pick(r, NOUNS)} would survive a second vote, ${pick(r, SAY)} ${person(r)}.`;
  }
}

function paragraph(r: Rng, sentences: number, quotes = true): string {
  const out: string[] = [];
  for (let i = 0; i < sentences; i++) out.push(sentence(r, quotes));
  return out.join(' ');
}

function slugify(s: string): string {
  return s
    .toLowerCase()
    .replace(/’/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

function day(r: Rng, fromYear: number, toYear: number): string {
  const start = Date.UTC(fromYear, 0, 1);
  const end = Date.UTC(toYear, 11, 31);
  return new Date(start + Math.floor(r() * ((end - start) / 86_400_000)) * 86_400_000).toISOString().slice(0, 10);
}

const y = (s: string) => JSON.stringify(s); // a JSON string is a valid YAML double-quoted scalar

interface Source {
  slug: string;
  outlet: string;
  published: string;
  /** Paragraphs (not headings) as word tokens: excerpts are cut from these. */
  paragraphs: string[][];
}

function makeSource(r: Rng, i: number): { source: Source; file: BenchFile } {
  const outlet = pick(r, OUTLETS);
  const headline = `${cap(pick(r, GROUPS))} ${pick(r, VPAST)} ${pick(r, ADJ)} ${pick(r, NOUNS)} in ${pick(r, PLACES)}`;
  const slug = `${slugify(outlet.replace(/^The /, ''))}-${slugify(headline).split('-').slice(0, 6).join('-')}-${i + 1}`;
  const published = day(r, 2015, 2024);
  const target = int(r, 1100, 1300);
  const blocks: string[] = [];
  const paragraphs: string[][] = [];
  let words = 0;
  while (words < target) {
    if (paragraphs.length > 0 && paragraphs.length % 6 === 0 && blocks[blocks.length - 1]!.startsWith('## ') === false) {
      blocks.push(`## ${cap(pick(r, ADJ))} ${pick(r, NOUNS)} in ${pick(r, PLACES)}`);
    }
    const p = paragraph(r, int(r, 2, 5));
    const tokens = p.split(' ');
    paragraphs.push(tokens);
    blocks.push(p);
    words += tokens.length;
  }
  const fm = [
    '---',
    `title: ${y(headline)}`,
    `outlet: ${y(outlet)}`,
    chance(r, 0.3) ? `author: [${y(person(r))}, ${y(person(r))}]` : `author: ${y(person(r))}`,
    `published: ${published}`,
    `url: https://${slugify(outlet)}.example/${published.slice(0, 4)}/${slug}`,
    ...(chance(r, 0.3) ? [`archive: https://archive.example/${slug}`] : []),
    ...(chance(r, 0.5) ? [`retrieved: ${published}`] : []),
    ...(chance(r, 0.2) ? ['show: full'] : []),
    '---',
  ];
  return {
    source: { slug, outlet, published, paragraphs },
    file: { path: `sources/${slug}.md`, content: `${fm.join('\n')}\n${blocks.join('\n\n')}\n` },
  };
}

const hasWord = (t: string) => /[A-Za-z0-9]/.test(t);

/** A run of `len` tokens starting at or after `from` whose first and last tokens carry a word, or null. */
function span(r: Rng, tokens: string[], len: number, from = 0): [number, number] | null {
  const n = Math.min(len, tokens.length - from);
  if (n < 4) return null;
  let a = from + int(r, 0, tokens.length - from - n);
  // Editors mostly quote from the start of a sentence.
  if (chance(r, 0.7)) while (a > from && !/[.!?]”?$/.test(tokens[a - 1]!)) a--;
  let b = a + n;
  // A block excerpt must not open with `2019.`, which Markdown would read as a list item.
  while (a < b && (!hasWord(tokens[a]!) || /^\d+[.)]$/.test(tokens[a]!))) a++;
  while (b > a && !hasWord(tokens[b - 1]!)) b--;
  return b - a >= 4 ? [a, b] : null;
}

type Form = 'plain' | 'elision' | 'insertion';

/** A real excerpt of the source: verbatim, with an elision, or with a bracketed insertion. */
function excerpt(r: Rng, s: Source, form: Form): string {
  for (let tries = 0; tries < 20; tries++) {
    const pi = int(r, 0, s.paragraphs.length - 1);
    const tokens = s.paragraphs[pi]!;
    if (form === 'plain') {
      const sp = span(r, tokens, int(r, 8, 24));
      if (sp) return tokens.slice(sp[0], sp[1]).join(' ');
    } else if (form === 'insertion') {
      const sp = span(r, tokens, int(r, 10, 22));
      if (!sp || sp[1] - sp[0] < 8) continue;
      const m = int(r, 1, 3);
      const at = sp[0] + int(r, 2, sp[1] - sp[0] - m - 2);
      return [...tokens.slice(sp[0], at), pick(r, INSERTIONS), ...tokens.slice(at + m, sp[1])].join(' ');
    } else {
      const first = span(r, tokens.slice(0, Math.max(4, Math.floor(tokens.length / 2))), int(r, 5, 12));
      if (!first) continue;
      // The second part comes later in the same paragraph or in the next one.
      const next = chance(r, 0.5) && pi + 1 < s.paragraphs.length;
      const second = next ? span(r, s.paragraphs[pi + 1]!, int(r, 5, 12)) : span(r, tokens, int(r, 5, 12), first[1] + 2);
      if (!second) continue;
      const tokens2 = next ? s.paragraphs[pi + 1]! : tokens;
      const mark = pick(r, [' … ', ' ... ', ' […] ']);
      return tokens.slice(first[0], first[1]).join(' ') + mark + tokens2.slice(second[0], second[1]).join(' ');
    }
  }
  // Short paragraphs everywhere (never with the default sizes): fall back to the first words.
  return s.paragraphs[0]!.slice(0, 6).join(' ');
}

export function generateCorpus(options: BenchCorpusOptions): BenchFile[] {
  const r = mulberry32(options.seed ?? 20191);
  const nClaims = Math.max(0, Math.floor(options.claims));
  const nSources = Math.max(1, Math.floor(options.sources ?? nClaims / 5));
  const files: BenchFile[] = [];

  files.push({
    path: 'site.yml',
    content: [
      'title: Benchmark Fact Check',
      'description: A generated desk of claim reviews used to measure how the build scales.',
      'url: https://bench.example.org',
      'language: en',
      'publisher:',
      '  name: Benchmark Fact Check Desk',
      '  url: https://bench.example.org/about/',
      ...(options.shareCards === 'verdict' ? ['share_cards: verdict'] : []),
      '',
    ].join('\n'),
  });
  files.push({
    path: 'pages/about.md',
    content: `---\ntitle: About this desk\ndescription: A generated desk used by the benchmark.\n---\n${paragraph(r, 4, false)}\n\nSee the [methodology](methodology.md).\n`,
  });
  files.push({
    path: 'pages/methodology.md',
    content: `---\ntitle: Methodology\ndescription: How the generated reviews are checked.\n---\n${paragraph(r, 5, false)}\n\n${paragraph(r, 3, false)}\n`,
  });

  const sources: Source[] = [];
  for (let i = 0; i < nSources; i++) {
    const { source, file } = makeSource(r, i);
    sources.push(source);
    files.push(file);
  }

  // Slugs and drafts first, so that a published claim only ever links to a published one.
  const claims = Array.from({ length: nClaims }, (_, i) => {
    const claimant = pick(r, CLAIMANTS);
    const text = `${cap(pick(r, GROUPS))} ${pick(r, VPAST)} the ${pick(r, ADJ)} ${pick(r, NOUNS)} by ${int(r, 3, 80)} percent in ${int(r, 2012, 2024)}.`;
    const slug = `${slugify(text).split('-').slice(0, 7).join('-')}-${i + 1}`;
    return { slug, claimant, text, draft: chance(r, 0.03) };
  });
  const published = claims.filter((c) => !c.draft);

  claims.forEach((c, i) => {
    // Every source is cited: claim i cites source i mod S first, then up to two others.
    const cited = [sources[i % nSources]!];
    for (let k = int(r, 0, 2); k > 0 && nSources > cited.length; k--) {
      const s = pick(r, sources);
      if (!cited.includes(s)) cited.push(s);
    }
    const verdict = pick(r, VERDICTS);
    const reviewed = day(r, 2020, 2025);
    const tags = new Set<string>();
    for (let k = int(r, 1, 4); k > 0; k--) tags.add(pick(r, TAGS));

    const nExcerpts = int(r, 3, 5);
    const body: string[] = [
      '## The claim',
      '',
      `${paragraph(r, int(r, 2, 3), false)} ${cap(c.claimant)} made the claim in ${pick(r, MONTHS)}.`,
      '',
    ];
    for (let k = 0; k < nExcerpts; k++) {
      const s = cited[k % cited.length]!;
      const form: Form = k % 3 === 1 ? 'elision' : k % 3 === 2 ? 'insertion' : chance(r, 0.5) ? 'plain' : 'insertion';
      const quote = excerpt(r, s, form);
      const stance = pick(r, STANCES);
      const title = stance === 'context' && chance(r, 0.5) ? '' : ` "${stance}"`;
      const link = `../sources/${s.slug}.md`;
      if (k % 2 === 0) {
        body.push(`> ${quote}`, '>', `> — [${s.outlet}](${link}${title})`, '');
        body.push(paragraph(r, int(r, 1, 3), false), '');
      } else {
        body.push(
          `${paragraph(r, int(r, 1, 2), false)} ${s.outlet} reported that [“${quote}”](${link}${title}). ${paragraph(r, int(r, 1, 2), false)}`,
          '',
        );
      }
      if (k === 1) body.push('## What the sources show', '');
    }
    const plain = pick(r, cited);
    body.push(`The full report is in [${plain.outlet}](../sources/${plain.slug}.md), published ${plain.published}.`, '');
    const related = published.length > 1 ? pick(r, published) : undefined;
    if (related && related.slug !== c.slug) body.push(`A related review: [${related.text}](${related.slug}.md)`, '');
    body.push('## Ruling', '', `**${VERDICT_LABELS[verdict]}.** ${paragraph(r, int(r, 2, 3), false)}`, '');

    const fm = [
      '---',
      `claim: ${y(c.text)}`,
      `claimant: ${y(c.claimant)}`,
      `claimed: ${day(r, 2012, 2019)}`,
      `appearance: [${cited[0]!.slug}]`,
      `verdict: ${verdict}`,
      `summary: ${y(paragraph(r, 1, false))}`,
      `reviewed: ${reviewed}`,
      `tags: [${[...tags].map(y).join(', ')}]`,
      ...(chance(r, 0.05) ? [`aliases: [${c.slug}-previously]`] : []),
      ...(c.draft ? ['draft: true'] : []),
      ...(chance(r, 0.05) ? ['updates:', `  - date: ${reviewed}`, `    note: ${y(paragraph(r, 1, false))}`] : []),
      '---',
    ];
    files.push({ path: `claims/${c.slug}.md`, content: `${fm.join('\n')}\n${body.join('\n')}` });
  });
  return files;
}
