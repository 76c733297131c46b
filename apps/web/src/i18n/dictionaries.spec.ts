import { en } from './locales/en';
import { vi } from './locales/vi';

type Tree = { [key: string]: string | Tree };

/** Every leaf of a dictionary as `path → text`. */
function leaves(tree: Tree, prefix = ''): Map<string, unknown> {
  const found = new Map<string, unknown>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value !== null && typeof value === 'object') {
      for (const [leafPath, leaf] of leaves(value, path)) found.set(leafPath, leaf);
    } else {
      found.set(path, value);
    }
  }
  return found;
}

const placeholders = (text: unknown): string[] =>
  [...String(text).matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((match) => match[1] ?? '').sort();

describe('dictionaries', () => {
  const dictionaries = { vi: leaves(vi), en: leaves(en) };

  it('vi and en have exactly the same keys', () => {
    expect([...dictionaries.en.keys()].sort()).toEqual([...dictionaries.vi.keys()].sort());
    expect(dictionaries.vi.size).toBeGreaterThan(50);
  });

  it.each(Object.entries(dictionaries))('%s has no empty or non-string labels', (_language, dictionary) => {
    const bad = [...dictionary].filter(([, text]) => typeof text !== 'string' || text.trim() === '').map(([path]) => path);
    expect(bad).toEqual([]);
  });

  it('each label takes the same interpolation values in both languages', () => {
    const mismatched = [...dictionaries.vi]
      .filter(([path, text]) => placeholders(text).join() !== placeholders(dictionaries.en.get(path)).join())
      .map(([path]) => path);
    expect(mismatched).toEqual([]);
  });
});
