/** A problem in the content, always reported as `path:line:column: message`. */
export interface Problem {
  /** Path relative to the folder the command runs in (or the content folder, for the site). */
  file: string;
  line: number;
  column: number;
  message: string;
}

export function formatProblem(p: Problem): string {
  return `${p.file}:${p.line}:${p.column}: ${p.message}`;
}

/** A warning: publishable, but short of a rule others read the site by (`path:line:col: warning: …`). */
export function formatWarning(p: Problem): string {
  return `${p.file}:${p.line}:${p.column}: warning: ${p.message}`;
}

/** GitHub Actions workflow command, so the problem shows on the changed line of a pull request. */
export function githubAnnotation(p: Problem, level: 'error' | 'warning' = 'error'): string {
  const esc = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  const prop = (s: string) => esc(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
  return `::${level} file=${prop(p.file)},line=${p.line},col=${p.column}::${esc(p.message)}`;
}

export function sortProblems(ps: Problem[]): Problem[] {
  return [...ps].sort(
    (a, b) =>
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
      a.line - b.line ||
      a.column - b.column ||
      (a.message < b.message ? -1 : 1),
  );
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
