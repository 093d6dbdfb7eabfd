import { describe, expect, it } from 'vitest';
import { editUrl, forgeOf, historyUrl, repoLinks, reportErrorUrl } from '../../src/site/repo-links.ts';

describe('edit and history links', () => {
  it('follow GitHub’s URL shapes', () => {
    const repo = { url: 'https://github.com/example/factcheck', branch: 'main', path: 'content' };
    expect(editUrl(repo, 'claims/ban-is-permanent.md')).toBe(
      'https://github.com/example/factcheck/edit/main/content/claims/ban-is-permanent.md',
    );
    expect(historyUrl(repo, 'claims/ban-is-permanent.md')).toBe(
      'https://github.com/example/factcheck/commits/main/content/claims/ban-is-permanent.md',
    );
  });

  it('follow GitLab’s and Codeberg’s', () => {
    const gitlab = { url: 'https://gitlab.com/group/sub/site/', branch: 'trunk', path: 'content' };
    expect(forgeOf(gitlab.url)).toBe('gitlab');
    expect(editUrl(gitlab, 'sources/x.md')).toBe('https://gitlab.com/group/sub/site/-/edit/trunk/content/sources/x.md');
    expect(historyUrl(gitlab, 'sources/x.md')).toBe('https://gitlab.com/group/sub/site/-/commits/trunk/content/sources/x.md');
    expect(forgeOf('https://gitlab.example.edu/desk/site')).toBe('gitlab');
    const codeberg = { url: 'https://codeberg.org/desk/site.git', branch: 'main', path: 'content' };
    expect(editUrl(codeberg, 'pages/about.md')).toBe('https://codeberg.org/desk/site/_edit/main/content/pages/about.md');
    expect(historyUrl(codeberg, 'pages/about.md')).toBe(
      'https://codeberg.org/desk/site/commits/branch/main/content/pages/about.md',
    );
  });

  it('handle a content folder at the root, a nested one, a branch with a slash, and odd file names', () => {
    expect(editUrl({ url: 'https://github.com/o/r', branch: 'main', path: '' }, 'claims/a.md')).toBe(
      'https://github.com/o/r/edit/main/claims/a.md',
    );
    expect(editUrl({ url: 'https://github.com/o/r', branch: 'main', path: './' }, 'claims/a.md')).toBe(
      'https://github.com/o/r/edit/main/claims/a.md',
    );
    expect(
      historyUrl({ url: 'https://github.com/o/r', branch: 'release/2024', path: 'sites/chicago/content/' }, 'claims/a b#.md'),
    ).toBe('https://github.com/o/r/commits/release/2024/sites/chicago/content/claims/a%20b%23.md');
  });
});

describe('reportErrorUrl', () => {
  const claim = { claim: 'The ban is permanent & final?', url: 'https://factcheck.example.org/claims/ban-is-permanent/' };

  it('writes a mail whose subject names the claim and whose body gives the page', () => {
    const href = reportErrorUrl('corrections@example.org', claim);
    expect(href.startsWith('mailto:corrections@example.org?subject=')).toBe(true);
    const params = new URLSearchParams(href.slice(href.indexOf('?') + 1));
    expect(params.get('subject')).toBe('Error report: The ban is permanent & final?');
    expect(params.get('body')).toContain('Page: https://factcheck.example.org/claims/ban-is-permanent/');
    // Spaces as %20, never +, which mail clients show literally.
    expect(href).not.toContain('+');
  });

  it('links a corrections form as it is', () => {
    expect(reportErrorUrl('https://example.org/corrections-form', claim)).toBe('https://example.org/corrections-form');
  });
});

describe('repoLinks', () => {
  it('gives both links with a repository, none without', () => {
    const site = { repository: { url: 'https://github.com/o/r', branch: 'main', path: 'content' } };
    expect(repoLinks(site, 'sources/s.md')).toEqual({
      edit: 'https://github.com/o/r/edit/main/content/sources/s.md',
      history: 'https://github.com/o/r/commits/main/content/sources/s.md',
    });
    expect(repoLinks({}, 'sources/s.md')).toBeNull();
    expect(repoLinks(null, 'sources/s.md')).toBeNull();
  });
});
