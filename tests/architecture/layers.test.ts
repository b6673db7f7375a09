/**
 * The structure drawn from the imports of src/ (issue 20 item 1): no import circle anywhere in src/, and every
 * import goes down the layer order that docs/architecture.md states ("## Layers"), never up or sideways.
 *
 * Every way one file can reach another counts: `import` / `export … from` (also `import type` and
 * `export type`), `import x = require(…)`, `require(…)`, `import(…)` and type positions such as
 * `typeof import(…)`. A require or import of something that is not a string literal is refused: the graph
 * would not see it.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';

const ROOT = path.join(__dirname, '..', '..');
const SRC = path.join(ROOT, 'src');

/** A module specifier as written, and whether the graph can follow it. */
export interface ImportRef {
  specifier: string | undefined;
  kind: 'import' | 'export' | 'import-equals' | 'require' | 'dynamic-import' | 'import-type';
  line: number;
}

/** Every reference from one source text to another module. `specifier` is undefined when it is not a string literal. */
export function importsOf(fileName: string, text: string): ImportRef[] {
  const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const out: ImportRef[] = [];
  const lit = (n: ts.Node | undefined): string | undefined => (n && (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) ? n.text : undefined);
  const add = (kind: ImportRef['kind'], n: ts.Node, specifier: string | undefined): void => {
    out.push({ specifier, kind, line: sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1 });
  };
  const visit = (n: ts.Node): void => {
    if (ts.isImportDeclaration(n)) add('import', n, lit(n.moduleSpecifier));
    else if (ts.isExportDeclaration(n) && n.moduleSpecifier) add('export', n, lit(n.moduleSpecifier));
    else if (ts.isImportEqualsDeclaration(n) && ts.isExternalModuleReference(n.moduleReference)) add('import-equals', n, lit(n.moduleReference.expression));
    else if (ts.isCallExpression(n) && n.expression.kind === ts.SyntaxKind.ImportKeyword) add('dynamic-import', n, lit(n.arguments[0]));
    else if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === 'require') add('require', n, lit(n.arguments[0]));
    else if (ts.isImportTypeNode(n)) add('import-type', n, ts.isLiteralTypeNode(n.argument) ? lit(n.argument.literal) : undefined);
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...sourceFiles(p));
    else if (e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.d.ts')) out.push(p);
  }
  return out.sort();
}

/** src-relative file a relative specifier names ('.js' written for '.ts' is followed too), or undefined. */
function resolve(from: string, specifier: string): string | undefined {
  const base = path.resolve(path.dirname(from), specifier);
  const stem = base.replace(/\.js$/, '');
  for (const c of [base, `${stem}.ts`, path.join(base, 'index.ts')]) if (c.endsWith('.ts') && existsSync(c)) return c;
  return undefined;
}

const rel = (f: string): string => path.relative(SRC, f).split(path.sep).join('/');
/** The layer of a src-relative file: its top-level folder ("report/"), or the file itself when it lies in src/ ("index.ts"). */
const layerOf = (f: string): string => (f.includes('/') ? `${f.slice(0, f.indexOf('/'))}/` : f);

interface Edge {
  to: string;
  line: number;
  kind: ImportRef['kind'];
}

function buildGraph(): { graph: Map<string, Edge[]>; problems: string[] } {
  const graph = new Map<string, Edge[]>();
  const problems: string[] = [];
  for (const file of sourceFiles(SRC)) {
    const edges: Edge[] = [];
    for (const ref of importsOf(file, readFileSync(file, 'utf8'))) {
      if (ref.specifier === undefined) {
        problems.push(`${rel(file)}:${ref.line}: ${ref.kind} of something that is not a string literal (the import graph cannot see it)`);
        continue;
      }
      if (!ref.specifier.startsWith('.')) continue; // a package or node: module
      const to = resolve(file, ref.specifier);
      if (to === undefined) {
        if (!/\.(json|js|cjs|mjs)$/.test(ref.specifier) || !existsSync(path.resolve(path.dirname(file), ref.specifier)))
          problems.push(`${rel(file)}:${ref.line}: '${ref.specifier}' names no source file`);
        continue;
      }
      if (!to.startsWith(SRC + path.sep)) {
        problems.push(`${rel(file)}:${ref.line}: '${ref.specifier}' leaves src/`);
        continue;
      }
      edges.push({ to: rel(to), line: ref.line, kind: ref.kind });
    }
    graph.set(rel(file), edges);
  }
  return { graph, problems };
}

/** Strongly connected components with more than one file, or one file importing itself (Tarjan). */
function circles(graph: Map<string, Edge[]>): string[][] {
  let index = 0;
  const stack: string[] = [];
  const on = new Set<string>();
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const out: string[][] = [];
  const strong = (v: string): void => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const { to: w } of graph.get(v) ?? []) {
      if (!idx.has(w)) {
        strong(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const c: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        c.push(w);
      } while (w !== v);
      if (c.length > 1 || (graph.get(v) ?? []).some((e) => e.to === v)) out.push(c.sort());
    }
  };
  for (const v of [...graph.keys()].sort()) if (!idx.has(v)) strong(v);
  return out;
}

/** One concrete way round a circle, for the message: "a.ts:3 → b.ts:7 → a.ts". */
function oneLoop(graph: Map<string, Edge[]>, members: readonly string[]): string {
  const inside = new Set(members);
  const start = members[0]!;
  const prev = new Map<string, { from: string; line: number }>();
  const queue = [start];
  while (queue.length) {
    const v = queue.shift()!;
    for (const e of graph.get(v) ?? []) {
      if (!inside.has(e.to)) continue;
      if (e.to === start) {
        const steps = [`${v}:${e.line}`];
        for (let x = v; x !== start; ) {
          const p = prev.get(x)!;
          steps.unshift(`${p.from}:${p.line}`);
          x = p.from;
        }
        return `${steps.join(' → ')} → ${start}`;
      }
      if (!prev.has(e.to) && e.to !== start) {
        prev.set(e.to, { from: v, line: e.line });
        queue.push(e.to);
      }
    }
  }
  return members.join(' ');
}

/**
 * The layer order stated in docs/architecture.md: the ```text block under "## Layers", top layer first, one
 * line per level; a line may name several layers (peers: neither imports the other). Each line's leading
 * words that are layer names ("report/", "index.ts") count; the rest of the line describes them.
 */
function statedOrder(): string[][] {
  const doc = readFileSync(path.join(ROOT, 'docs', 'architecture.md'), 'utf8');
  const section = doc.slice(doc.indexOf('\n## Layers\n'));
  const block = /```text\n([\s\S]*?)```/.exec(section);
  if (!block) throw new Error('docs/architecture.md: no ```text block under "## Layers"');
  const levels: string[][] = [];
  for (const line of block[1]!.split('\n')) {
    const names: string[] = [];
    for (const word of line.trim().split(/\s+/)) {
      if (/^[a-z][a-z-]*\/$/.test(word) || /^[a-z][a-z-]*\.ts$/.test(word)) names.push(word);
      else break;
    }
    if (names.length) levels.push(names);
  }
  return levels;
}

const { graph, problems } = buildGraph();

describe('the import graph of src/', () => {
  it('sees every kind of import (static, type-only, export-from, require, dynamic, typeof import)', () => {
    const text = [
      "import { a } from './a';",
      "import type { B } from './b';",
      "export * from './c';",
      "export type { D } from './d';",
      "import e = require('./e');",
      "const f = require('./f');",
      "const g = () => import('./g');",
      "type H = typeof import('./h');",
      "let i: import('./i').I;",
      'const j = require(name);',
    ].join('\n');
    expect(importsOf('x.ts', text).map((r) => `${r.kind} ${r.specifier ?? '?'}`)).toEqual([
      'import ./a',
      'import ./b',
      'export ./c',
      'export ./d',
      'import-equals ./e',
      'require ./f',
      'dynamic-import ./g',
      'import-type ./h',
      'import-type ./i',
      'require ?',
    ]);
  });

  it('reads every file of src/ and resolves every relative import to a file of src/', () => {
    expect(graph.size).toBeGreaterThan(150);
    expect(problems).toEqual([]);
  });

  it('finds a circle and names one way round it', () => {
    const toy = new Map<string, Edge[]>([
      ['a.ts', [{ to: 'b.ts', line: 1, kind: 'import' }]],
      ['b.ts', [{ to: 'c.ts', line: 2, kind: 'import-type' }]],
      ['c.ts', [{ to: 'a.ts', line: 3, kind: 'require' }, { to: 'd.ts', line: 4, kind: 'import' }]],
      ['d.ts', []],
    ]);
    const found = circles(toy);
    expect(found).toEqual([['a.ts', 'b.ts', 'c.ts']]);
    expect(oneLoop(toy, found[0]!)).toBe('a.ts:1 → b.ts:2 → c.ts:3 → a.ts');
  });

  it('has no import circle', () => {
    const found = circles(graph);
    expect(found.map((c) => `${c.length} files: ${oneLoop(graph, c)}`)).toEqual([]);
  });

  it('goes down the layer order of docs/architecture.md, never up or sideways', () => {
    const levels = statedOrder();
    const level = new Map<string, number>();
    levels.forEach((names, i) => names.forEach((n) => level.set(n, i)));
    // every top-level folder and file of src/ has its place
    const layers = new Set([...graph.keys()].map(layerOf));
    expect([...layers].filter((l) => !level.has(l)).sort()).toEqual([]);
    expect([...level.keys()].filter((l) => !layers.has(l)).sort()).toEqual([]);
    const wrong: string[] = [];
    for (const [from, edges] of graph) {
      for (const e of edges) {
        const a = layerOf(from);
        const b = layerOf(e.to);
        if (a === b) continue;
        // levels are listed top first: an import must reach a later line
        if (level.get(b)! <= level.get(a)!) wrong.push(`${from}:${e.line} (${a}) imports ${e.to} (${b})`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
