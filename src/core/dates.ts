/**
 * Dates are calendar days written `YYYY-MM-DD`. YAML parsers may hand us a
 * string or a Date (js-yaml in Astro turns `2019-07-10` into a Date at UTC
 * midnight), so both are accepted and turned into the same string.
 */
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isRealDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d <= days;
}

/**
 * The first year a date may have. Four digits are what `YYYY-MM-DD` promises, and below 1000 the
 * platform's dates go astray (`Date.UTC` reads the years 0 to 99 as 1900 to 1999): no review,
 * source or claim of a fact-check desk is dated before it.
 */
export const FIRST_YEAR = 1000;

/** `YYYY-MM-DD` for a valid calendar day from the year 1000, else null. */
export function toIsoDay(value: unknown): string | null {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime()) || value.getUTCFullYear() < FIRST_YEAR || value.getUTCFullYear() > 9999) return null;
    return value.toISOString().slice(0, 10);
  }
  if (typeof value !== 'string') return null;
  const m = ISO_DAY.exec(value.trim());
  if (!m || Number(m[1]) < FIRST_YEAR) return null;
  return isRealDate(Number(m[1]), Number(m[2]), Number(m[3])) ? value.trim() : null;
}

/** Why a value is not a day, in words an editor can act on. */
export function dayProblem(value: unknown): string {
  const shown =
    value instanceof Date ? (Number.isNaN(value.getTime()) ? String(value) : value.toISOString().slice(0, 10)) : String(value);
  const m = ISO_DAY.exec(shown.trim());
  if (m && Number(m[1]) < FIRST_YEAR)
    return `“${shown}” has a year before ${FIRST_YEAR}: write a four-digit year from ${FIRST_YEAR} (YYYY-MM-DD)`;
  return `“${value instanceof Date ? value.toISOString() : value}” is not a real date (write YYYY-MM-DD)`;
}

/** A human date in the site's language, computed at UTC so it never depends on the machine's zone. */
export function formatDay(iso: string, language = 'en'): string {
  // A site shows few distinct days (each source's and claim's) many times over, and formatting
  // one costs more than looking it up: 40,000 formattings at 5,000 claims.
  const key = `${language}\u0000${iso}`;
  let day = days.get(key);
  if (day === undefined) {
    const [y, m, d] = iso.split('-').map(Number);
    day = dayFormat(language).format(new Date(Date.UTC(y!, m! - 1, d!)));
    if (days.size >= 100_000) days.clear(); // a bound for long-running dev servers
    days.set(key, day);
  }
  return day;
}
const days = new Map<string, string>();

// Building an Intl.DateTimeFormat costs far more than formatting with one; a site has one or two languages.
const formats = new Map<string, Intl.DateTimeFormat>();
function dayFormat(language: string): Intl.DateTimeFormat {
  let f = formats.get(language);
  if (!f) {
    f = new Intl.DateTimeFormat(language, { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' });
    formats.set(language, f);
  }
  return f;
}
