/** A problem in the content, always reported as `path:line:column: message`. */
export interface Problem {
  /** Path relative to the folder the command runs in (or the content folder, for the site). */
  file: string;
  line: number;
  column: number;
  message: string;
}

/**
 * Control characters, line and paragraph separators and bidirectional overrides, which content
 * can carry into a message (a link URL, a file name): printed as they are, a newline would start
 * a line of its own in a CI log (`::warning::…` is a workflow command there) and the others can
 * hide or reorder what a terminal shows.
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** Text from content made safe to print on one line: every unsafe character spelled out as an escape. */
export function inert(text: string): string {
  return text.replace(UNSAFE, (c) => NAMED[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function formatProblem(p: Problem): string {
  return `${inert(p.file)}:${p.line}:${p.column}: ${inert(p.message)}`;
}

/** A warning: publishable, but short of a rule others read the site by (`path:line:col: warning: …`). */
export function formatWarning(p: Problem): string {
  return `${inert(p.file)}:${p.line}:${p.column}: warning: ${inert(p.message)}`;
}

/** GitHub Actions workflow command, so the problem shows on the changed line of a pull request. */
export function githubAnnotation(p: Problem, level: 'error' | 'warning' = 'error'): string {
  // Line breaks take the runner's own escapes (the annotation shows them, the log line stays one
  // line); every other unsafe character is spelled out as on the plain line.
  const esc = (s: string) => inert(s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A'));
  const prop = (s: string) => esc(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
  return `::${level} file=${prop(p.file)},line=${p.line},col=${p.column}::${esc(p.message)}`;
}

/** The last line of a refusal, the same from `npm run check` and from the build. */
export function refusalSummary(count: number, where: string): string {
  return `✗ ${count} problem${count === 1 ? '' : 's'} in ${where}; nothing was published.`;
}

/** Problems in order (file, line, column, message), each one once: two passes may find the same thing. */
export function sortProblems(ps: Problem[]): Problem[] {
  const same = (a: Problem, b: Problem) =>
    a.file === b.file && a.line === b.line && a.column === b.column && a.message === b.message;
  return [...ps]
    .sort(
      (a, b) =>
        (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
        a.line - b.line ||
        a.column - b.column ||
        (a.message < b.message ? -1 : a.message > b.message ? 1 : 0),
    )
    .filter((p, i, all) => i === 0 || !same(p, all[i - 1]!));
}

/** Thrown by the build when content has problems; its message is the formatted list. */
export class ContentError extends Error {
  problems: Problem[];
  constructor(problems: Problem[]) {
    super(
      `${problems.length} problem${problems.length === 1 ? '' : 's'} in the content:\n${problems.map(formatProblem).join('\n')}`,
    );
    this.name = 'ContentError';
    this.problems = problems;
  }
}
