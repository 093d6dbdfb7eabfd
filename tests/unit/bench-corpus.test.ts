import { describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { generateCorpus, mulberry32 } from '../../scripts/bench/corpus.ts';
import { loadCorpus } from '../../src/check/load-corpus.ts';
import { EDITED_SENTENCE, editOneClaim } from '../../scripts/bench/edit.ts';

describe('bench corpus', () => {
  it('mulberry32 is deterministic and spread over [0, 1)', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(xs);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    expect(new Set(xs).size).toBeGreaterThan(990);
    expect(mulberry32(43)()).not.toBe(mulberry32(42)());
  });

  it('gives the same files for the same seed, and other files for another seed', () => {
    const one = generateCorpus({ claims: 40, seed: 7 });
    expect(generateCorpus({ claims: 40, seed: 7 })).toEqual(one);
    expect(generateCorpus({ claims: 40, seed: 8 })).not.toEqual(one);
  });

  it('asks for a card per verdict only when told, the rest of the desk the same', () => {
    const site = (files: { path: string; content: string }[]) => files.find((f) => f.path === 'site.yml')!.content;
    const claim = generateCorpus({ claims: 20, seed: 3 });
    const verdict = generateCorpus({ claims: 20, seed: 3, shareCards: 'verdict' });
    expect(site(claim)).not.toContain('share_cards');
    expect(site(verdict)).toBe(`${site(claim)}share_cards: verdict\n`);
    expect(verdict.filter((f) => f.path !== 'site.yml')).toEqual(claim.filter((f) => f.path !== 'site.yml'));
  });

  it('has N claims, N/5 sources of about 1,200 words, a site.yml and unique paths', () => {
    const files = generateCorpus({ claims: 50, seed: 1 });
    const claims = files.filter((f) => f.path.startsWith('claims/'));
    const sources = files.filter((f) => f.path.startsWith('sources/'));
    expect(claims).toHaveLength(50);
    expect(sources).toHaveLength(10);
    expect(files.some((f) => f.path === 'site.yml')).toBe(true);
    expect(new Set(files.map((f) => f.path)).size).toBe(files.length);
    for (const s of sources) {
      const words = s.content.split('\n---\n')[1]!.split(/\s+/).filter(Boolean).length;
      expect(words).toBeGreaterThan(1000);
      expect(words).toBeLessThan(1500);
    }
  });

  it('passes the checker with zero problems, with every excerpt form, drafts, aliases and tags', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bench-corpus-'));
    try {
      for (const f of generateCorpus({ claims: 120, seed: 3 })) {
        mkdirSync(dirname(join(dir, f.path)), { recursive: true });
        writeFileSync(join(dir, f.path), f.content);
      }
      const corpus = loadCorpus(dir);
      expect(corpus.problems).toEqual([]);
      expect(corpus.stats.claims).toBe(120);
      expect(corpus.stats.sources).toBe(24);
      expect(corpus.stats.drafts).toBeGreaterThan(0);
      const all = [...corpus.citations.values()].flat();
      const kinds = new Set(all.map((c) => c.kind));
      expect(kinds).toEqual(new Set(['block', 'inline', 'link']));
      const quoted = all.filter((c) => c.kind !== 'link');
      // every block and inline citation matched its source
      expect(quoted.every((c) => c.id !== undefined)).toBe(true);
      expect(quoted.some((c) => /…|\.\.\.|\[…\]/.test(c.excerpt!))).toBe(true);
      expect(quoted.some((c) => /\[(?!…)[^\]]+\]/.test(c.excerpt!))).toBe(true);
      for (const claim of corpus.claims.values()) {
        const n = corpus.citations.get(claim.slug)!.filter((c) => c.kind !== 'link').length;
        expect(n).toBeGreaterThanOrEqual(3);
        expect(n).toBeLessThanOrEqual(5);
      }
      expect([...corpus.claims.values()].some((c) => (c.data.aliases?.length ?? 0) > 0)).toBe(true);
      expect([...corpus.claims.values()].every((c) => (c.data.tags?.length ?? 0) > 0)).toBe(true);
      // every source is cited by at least one claim
      expect(corpus.excerpts.size).toBe(24);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('edits one published claim’s analysis for the incremental build, and the desk still passes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bench-edit-'));
    try {
      const files = generateCorpus({ claims: 60, seed: 5 });
      for (const f of files) {
        mkdirSync(dirname(join(dir, f.path)), { recursive: true });
        writeFileSync(join(dir, f.path), f.content);
      }
      const edited = editOneClaim(dir);
      const changed = files.filter((f) => readFileSync(join(dir, f.path), 'utf8') !== f.content).map((f) => join(dir, f.path));
      expect(changed).toEqual([edited]);
      const corpus = loadCorpus(dir);
      expect(corpus.problems).toEqual([]);
      const claim = [...corpus.claims.values()].find((c) => edited.endsWith(`/${c.slug}.md`))!;
      expect(claim.data.draft ?? false).toBe(false);
      expect(readFileSync(edited, 'utf8').trimEnd().endsWith(EDITED_SENTENCE)).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
