/**
 * The verifier's layers (docs/architecture.md, "The verifier's layers"), read from the source: every import
 * between files of src/authenticode/ (static import and export-from, `import type` included, `typeof import('…')`,
 * import('…') and require('…')) must run from a layer to the same or a lower one, and the files must form no
 * circle. A new file must be placed in a layer here (and in the docs) before it can be imported.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../../src/authenticode');

/** Lowest first. A file belongs to the first layer one of whose patterns matches its path under ROOT. */
const LAYERS: ReadonlyArray<{ name: string; files: RegExp[] }> = [
  { name: 'vocabulary', files: [/^types\.ts$/] },
  { name: 'der', files: [/^der\//] },
  { name: 'errors', files: [/^errors\.ts$/] },
  { name: 'trust', files: [/^trust\//] },
  { name: 'context', files: [/^context\.ts$/, /^readable-catalogs\.ts$/] },
  { name: 'pkcs7', files: [/^pkcs7\//] },
  { name: 'signature', files: [/^signature\.ts$/] },
  { name: 'formats', files: [/^formats\//] },
  { name: 'extract', files: [/^extract\//] },
  { name: 'verify-container', files: [/^verify-container\.ts$/] },
  { name: 'pool', files: [/^pool\//] },
  { name: 'deep', files: [/^deep\//] },
  { name: 'verify-file', files: [/^verify-file\.ts$/, /^index\.ts$/] },
];

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...sourceFiles(p));
    else if (e.name.endsWith('.ts')) out.push(p);
  }
  return out.sort();
}

/** Every module specifier a file names, whatever the form. */
function specifiers(text: string): string[] {
  const found: string[] = [];
  const forms = [
    /\b(?:import|export)\s+(?:type\s+)?[^'";]*?\sfrom\s*['"]([^'"]+)['"]/g, // import … from, export … from, import type
    /\bimport\s*['"]([^'"]+)['"]/g, // import 'x' (side effect)
    /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g, // import('x'), typeof import('x')
    /\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g, // require('x')
  ];
  for (const re of forms) for (const m of text.matchAll(re)) found.push(m[1]!);
  return found;
}

/** The file under ROOT a relative specifier names, or undefined (a package, or a file outside the verifier). */
function resolveInside(from: string, spec: string): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  const base = path.resolve(path.dirname(from), spec);
  for (const c of [base + '.ts', path.join(base, 'index.ts'), base]) {
    if (c.startsWith(ROOT + path.sep) && c.endsWith('.ts') && fs.existsSync(c)) return c;
  }
  return undefined;
}

const rel = (f: string): string => path.relative(ROOT, f).split(path.sep).join('/');

function layerOf(file: string): number {
  const r = rel(file);
  return LAYERS.findIndex((l) => l.files.some((re) => re.test(r)));
}

function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const f of sourceFiles(ROOT)) {
    const deps = new Set<string>();
    for (const s of specifiers(fs.readFileSync(f, 'utf8'))) {
      const t = resolveInside(f, s);
      if (t && t !== f) deps.add(t);
    }
    graph.set(f, [...deps]);
  }
  return graph;
}

/** Strongly connected components of more than one file, and files importing themselves (Tarjan). */
function circles(graph: Map<string, string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next);
    next++;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
    }
    if (low.get(v) === index.get(v)) {
      const c: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        c.push(w);
      } while (w !== v);
      if (c.length > 1) out.push(c.map(rel).sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return out;
}

describe("the verifier's layers (src/authenticode)", () => {
  const graph = importGraph();

  it('reads the imports of every form', () => {
    expect(
      specifiers(
        [
          "import { a } from './a';",
          "import type { B } from '../b';",
          "export * from './c';",
          "export { d } from './d';",
          "type M = typeof import('./e');",
          "const f = require('./f');",
          "import './g';",
          "import {\n  h,\n  type H,\n} from './h';",
        ].join('\n'),
      ).sort(),
    ).toEqual(['../b', './a', './c', './d', './e', './f', './g', './h']);
    expect(graph.size).toBeGreaterThan(40);
  });

  it('places every file in a layer', () => {
    expect([...graph.keys()].filter((f) => layerOf(f) < 0).map(rel)).toEqual([]);
  });

  it('has no import circle (type-only imports count)', () => {
    expect(circles(graph)).toEqual([]);
  });

  it('imports only from the same or a lower layer', () => {
    const upward: string[] = [];
    for (const [f, deps] of graph) {
      for (const d of deps) {
        if (layerOf(d) > layerOf(f)) upward.push(`${rel(f)} (${LAYERS[layerOf(f)]?.name}) -> ${rel(d)} (${LAYERS[layerOf(d)]?.name})`);
      }
    }
    expect(upward).toEqual([]);
  });

  it('states the same order as docs/architecture.md', () => {
    const doc = fs.readFileSync(path.resolve(__dirname, '../../docs/architecture.md'), 'utf8');
    const section = doc.split(/^## /m).find((s) => s.startsWith("The verifier's layers"));
    expect(section).toBeDefined();
    const order = /Order \(lowest first\): (.*)/.exec(section!)?.[1];
    expect(order?.split(' < ').map((s) => s.replace(/`/g, '').trim())).toEqual(LAYERS.map((l) => l.name));
  });
});
