/** The verdict scale: the default one of docs/content-format.md, or the site's own. */

export interface Verdict {
  /** The id used in a claim's `verdict:` field and in `/verdicts/<id>/`. */
  id: string;
  /** What readers see. */
  label: string;
  /** 1 = worst ... n = best; absent for a verdict outside the scale (e.g. unproven). */
  rating?: number;
  /** What the verdict means, shown beside it on every claim page; a site's own scale may leave it out. */
  description?: string;
}

export const DEFAULT_VERDICTS: Verdict[] = [
  { id: 'true', label: 'True', rating: 5, description: 'The claim is accurate and nothing significant is missing.' },
  {
    id: 'mostly-true',
    label: 'Mostly true',
    rating: 4,
    description: 'The claim is accurate but needs a clarification or leaves out a detail that matters.',
  },
  {
    id: 'needs-context',
    label: 'Needs context',
    rating: 3,
    description: 'The claim has a basis in fact, but without the missing context it gives a wrong impression.',
  },
  {
    id: 'misleading',
    label: 'Misleading',
    rating: 2,
    description: 'The claim contains an element of truth but distorts or overstates what the record shows.',
  },
  { id: 'false', label: 'False', rating: 1, description: 'The claim is not accurate.' },
  { id: 'unproven', label: 'Unproven', description: 'The available sources cannot settle the claim either way.' },
];

export interface Scale {
  verdicts: Verdict[];
  best: number;
  worst: number;
}

/** The site's own scale, or the default one (in the site's language when `defaults` gives it). */
export function makeScale(verdicts: Verdict[] | undefined, defaults: Verdict[] = DEFAULT_VERDICTS): Scale {
  const list = verdicts && verdicts.length > 0 ? verdicts : defaults;
  const ratings = list.map((v) => v.rating).filter((r): r is number => r !== undefined);
  return {
    verdicts: list,
    best: ratings.length ? Math.max(...ratings) : 1,
    worst: ratings.length ? Math.min(...ratings) : 1,
  };
}

export function findVerdict(scale: Scale, id: string): Verdict | undefined {
  return scale.verdicts.find((v) => v.id === id);
}
