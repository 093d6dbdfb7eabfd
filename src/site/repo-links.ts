/**
 * "Edit this page", "History" and "Report an error" links, from `repository:`
 * and `corrections:` in site.yml. Hosts differ in their URL shapes; the host
 * name says which one a repository lives on.
 */
import type { SiteConfig } from '../core/schema.ts';
import { makeUi, type Ui } from '../i18n/ui.ts';

export type Repository = NonNullable<SiteConfig['repository']>;
export type Forge = 'github' | 'gitlab' | 'gitea';

export function forgeOf(repoUrl: string): Forge {
  const host = new URL(repoUrl).hostname.toLowerCase();
  if (host === 'gitlab.com' || host.startsWith('gitlab.') || host.includes('.gitlab.')) return 'gitlab';
  if (host === 'codeberg.org' || /(^|\.)(gitea|forgejo)\./.test(host)) return 'gitea';
  // github.com and GitHub Enterprise, which shares its URL shapes.
  return 'github';
}

/** Path of a content file in the repository, each segment escaped for a URL. */
function repoPath(repo: Repository, relPath: string): string {
  const folder = (repo.path ?? 'content').replace(/^\.?\/+|\/+$/g, '').replace(/^\.$/, '');
  return [...folder.split('/'), ...relPath.split('/')]
    .filter((s) => s !== '' && s !== '.')
    .map(encodeURIComponent)
    .join('/');
}

/** A branch such as `release/2024` keeps its slashes: hosts read them as path segments. */
function segments(s: string): string {
  return s.split('/').map(encodeURIComponent).join('/');
}

function base(repo: Repository): string {
  return repo.url.replace(/\/+$/, '').replace(/\.git$/, '');
}

/** Where each forge puts a file's editor and its history, before `<branch>/<path>`. */
const ROUTES: Record<Forge, { edit: string; history: string }> = {
  github: { edit: 'edit', history: 'commits' },
  gitlab: { edit: '-/edit', history: '-/commits' },
  gitea: { edit: '_edit', history: 'commits/branch' },
};

function fileUrl(repo: Repository, relPath: string, page: 'edit' | 'history'): string {
  return `${base(repo)}/${ROUTES[forgeOf(repo.url)][page]}/${segments(repo.branch ?? 'main')}/${repoPath(repo, relPath)}`;
}

/** `relPath` is relative to the content folder, e.g. `claims/ban-is-permanent.md`. */
export function editUrl(repo: Repository, relPath: string): string {
  return fileUrl(repo, relPath, 'edit');
}

export function historyUrl(repo: Repository, relPath: string): string {
  return fileUrl(repo, relPath, 'history');
}

/**
 * "Report an error" for one claim: a mail whose subject names the claim and
 * whose body carries the page's address, or the site's corrections form as given.
 */
export function reportErrorUrl(corrections: string, claim: { claim: string; url: string }, ui: Ui = makeUi('en')): string {
  if (/^https?:\/\//i.test(corrections)) return corrections;
  const subject = ui.t('report.subject', { claim: claim.claim });
  const body = ui.t('report.body', { url: claim.url });
  return `mailto:${corrections}?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(body)}`;
}

/** Both repository links for a content file, or none when site.yml has no `repository:`. */
export function repoLinks(
  site: Pick<SiteConfig, 'repository'> | null | undefined,
  relPath: string,
): { edit: string; history: string } | null {
  const repo = site?.repository;
  return repo ? { edit: editUrl(repo, relPath), history: historyUrl(repo, relPath) } : null;
}
