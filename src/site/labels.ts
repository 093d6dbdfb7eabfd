/**
 * The words the site writes for the content's own categories, in one place:
 * a stance beside an excerpt, and a cell of the coverage matrix. (The rest of
 * the UI's words are still in the pages that show them.)
 */
import type { Stance } from '../core/citations.ts';
import type { Cell } from './coverage.ts';

/** An excerpt's stance, as its caption and the source page name it. */
export const STANCE_LABELS: Record<Stance, string> = {
  supports: 'Supports the claim',
  disputes: 'Disputes the claim',
  context: 'Context',
  claim: 'Where the claim was made',
};

/** A quotation in running text, verified in a source and linked to its passage. */
export const QUOTATION_LABEL = 'Quoted from the source';

/** A cell of the coverage matrix, and the stance a claim page shows per source. */
export const CELL_LABELS: Record<Cell, string> = {
  supports: 'Supports',
  disputes: 'Disputes',
  context: 'Context',
  claim: 'Claim made here',
  mixed: 'Mixed',
  'not-cited': 'Not cited',
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
