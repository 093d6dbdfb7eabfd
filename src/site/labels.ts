/**
 * The words the site writes for the content's own categories, in one place:
 * a stance beside an excerpt, a cell of the coverage matrix, the notice of a
 * correction, a claimant. (The rest of the UI's words are still in the pages
 * that show them.)
 */
import type { Stance } from '../core/citations.ts';

/** An excerpt's stance, as its caption and the source page name it. */
export const STANCE_LABELS: Record<Stance, string> = {
  supports: 'Supports the claim',
  disputes: 'Disputes the claim',
  context: 'Context',
  claim: 'Where the claim was made',
};

/**
 * The short tag every excerpt carries where it stands, block or inline, so that
 * its stance is seen without hovering and without telling colours apart.
 */
export const STANCE_TAGS: Record<Stance, string> = {
  supports: 'supports',
  disputes: 'disputes',
  context: 'context',
  claim: 'claim',
};

/** What a screen reader hears after the tag's word: "supports the claim, HuffPost". */
export const STANCE_TAG_SPOKEN = (stance: Stance, outlet: string) =>
  `${stance === 'supports' || stance === 'disputes' ? ' the claim' : stance === 'claim' ? ' made here' : ''}, ${outlet}`;

/** What a tag means, for the legend on a claim page and the matrix, and for screen readers. */
export const STANCE_MEANINGS: Record<Stance, string> = {
  supports: 'a passage the review cites in support of the claim',
  disputes: 'a passage the review cites against the claim',
  context: 'a passage the review cites as context',
  claim: 'the passage where the claim itself was made (not evidence for it)',
};

/** The legend above a claim's analysis. */
export const STANCE_LEGEND = {
  heading: 'How to read the quotations',
  intro: 'Every quotation was checked against its source and links to the passage. Its tag says how the review uses it:',
  quotation: 'A quotation with no tag is quoted in passing, verified like the others.',
};

/** Beside a draft that the dev server lists (a build never lists one). */
export const DRAFT_LABEL = 'Draft';

/** A quotation in running text, verified in a source and linked to its passage. */
export const QUOTATION_LABEL = 'Quoted from the source';

/** A stance in a cell of the coverage matrix, and beside a source a claim page lists. */
export const CELL_LABELS: Record<Stance, string> = {
  claim: 'Claim made here',
  supports: 'Supports',
  disputes: 'Disputes',
  context: 'Context',
};

/** The words of the coverage matrix. */
export const MATRIX = {
  notCited: 'Not cited',
  /** A stance and its count, as a cell shows it: "Supports ×2". */
  group: (stance: Stance, count: number) => (count > 1 ? `${CELL_LABELS[stance]} ×${count}` : CELL_LABELS[stance]),
  /** What a cell's group says to a screen reader, after its visible words. */
  groupName: (stance: Stance, count: number, outlet: string) => {
    const n = count === 1 ? 'one passage' : `${count} passages`;
    const of = `of ${outlet}`;
    switch (stance) {
      case 'claim':
        return count === 1 ? `the passage ${of} where the claim was made` : `${n} ${of} where the claim was made`;
      case 'supports':
        return `${n} ${of} cited in support of the claim`;
      case 'disputes':
        return `${n} ${of} cited against the claim`;
      default:
        return `${n} ${of} cited as context`;
    }
  },
  legend: {
    claim: 'the source quotes the claim itself: where it was made, not evidence for it',
    supports: 'the review cites the source’s passages in support of the claim (the source itself may not endorse it)',
    disputes: 'the review cites the source’s passages against the claim',
    context: 'the review cites the source’s passages as background',
    count: '×2, ×3: how many passages of that kind',
    notCited: 'the review does not cite the source',
  },
};

/**
 * How a claim is attributed. Only a claim whose text is the claimant's own words,
 * verified in one of its appearance sources, is shown as a quotation ("— claimant");
 * any other is the desk's statement of the claim.
 */
export const HEADLINE = {
  claimBy: (claimant: string) => `Claim by ${claimant}`,
  saidBy: (claimant: string) => `— ${claimant}`,
  /** The link from a quoted claim to the passage where it was said. */
  inSource: (outlet: string) => `Said in ${outlet}`,
};

/** The notice under a claim's headline when it has updates, and the log at its foot. */
export const UPDATES = {
  noticeHeading: 'Updated',
  /** A correction that changed the verdict says so. */
  verdictChanged: (from: string, to: string) => `The verdict was changed from ${from} to ${to}.`,
  /** When the change was made by an earlier update than the one the notice shows. */
  verdictChangedOn: (day: string, from: string, to: string) => `On ${day} the verdict was changed from ${from} to ${to}.`,
  fullLog: (count: number) => (count === 1 ? 'See the update' : `See all ${count} updates`),
  logHeading: 'Updates and corrections',
};

/** A claimant's page and the link to it. */
export const CLAIMANTS = {
  indexTitle: 'Claimants',
  indexDescription: (site: string) => `Who made the claims reviewed on ${site}, with their reviews.`,
  kicker: { person: 'Claimant', organization: 'Claimant: organisation', group: 'Claimant: group' },
  description: (name: string, count: number) => `${count} review${count === 1 ? '' : 's'} of claims by ${name}.`,
  reviews: (count: number) => `${count} review${count === 1 ? '' : 's'}`,
  distribution: 'Verdicts',
  distributionCaption: (name: string) => `Number of reviews of claims by ${name} per verdict`,
  all: 'All claimants',
};

/** What a claim page says of its sources where the format allows them to be unknown. */
export const SOURCE_FACTS = {
  noDate: 'date not known',
  noUrl: 'no web address known',
  via: (from: string) => `via ${from}`,
  original: 'original',
};

/** The reviews a claim page lists after its own. */
export const RELATED = { heading: 'Related reviews' };
