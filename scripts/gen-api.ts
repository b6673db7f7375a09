/**
 * Generates docs/api.md, the reference of the package's exports, from the sources: every export of
 * src/index.ts ('acs-gatekeeper') and src/testing/index.ts ('acs-gatekeeper/testing'), in the order the entry
 * files list them, with its signature (or declaration) and its JSDoc. tests/package/api-doc.test.ts keeps the
 * checked-in file in step and checks that every export is documented.
 *
 *   npx ts-node --transpile-only scripts/gen-api.ts          # rewrite docs/api.md
 *   npx ts-node --transpile-only scripts/gen-api.ts --check  # exit 1 when docs/api.md is not current
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';

const ROOT = path.join(__dirname, '..');
export const API_DOC = path.join(ROOT, 'docs', 'api.md');

export const ENTRIES = [
  { specifier: 'acs-gatekeeper', file: 'src/index.ts' },
  { specifier: 'acs-gatekeeper/testing', file: 'src/testing/index.ts' },
] as const;

export interface ApiEntry {
  name: string;
  kind: 'function' | 'class' | 'interface' | 'type' | 'const' | 'enum' | 'namespace';
  /** where it is defined, relative to the repository */
  source: string;
  /** the signature(s) or declaration, TypeScript */
  code: string;
  /** the JSDoc text ('' when there is none) */
  doc: string;
  /** the JSDoc tags (param, returns, throws, ...) as "@tag text" */
  tags: string[];
}

const MAX_DECLARATION_LINES = 60;
const MAX_TYPE_CHARS = 240;

function program(): ts.Program {
  const configPath = path.join(ROOT, 'tsconfig.pack.json');
  const config = ts.readConfigFile(configPath, (p) => ts.sys.readFile(p));
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, ROOT, undefined, configPath);
  return ts.createProgram({ rootNames: ENTRIES.map((e) => path.join(ROOT, e.file)), options: { ...parsed.options, noEmit: true } });
}

function rel(file: string): string {
  return path.relative(ROOT, file).split(path.sep).join('/');
}

/** A class's public members, without bodies, one per line. */
function publicMembers(node: ts.ClassDeclaration): Array<{ name: string | undefined; text: string }> {
  const sf = node.getSourceFile();
  return node.members
    .filter((m) => !(ts.getCombinedModifierFlags(m as ts.Declaration) & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)))
    .filter((m) => !(m.name && ts.isPrivateIdentifier(m.name)))
    .map((m) => {
      const full = sf.text.slice(m.getStart(sf), m.end);
      const body = (m as { body?: ts.Node }).body;
      const name = ts.isConstructorDeclaration(m) ? 'constructor' : m.name?.getText(sf);
      return { name, text: '  ' + (body ? sf.text.slice(m.getStart(sf), body.getStart(sf)).trimEnd() + ';' : full).replace(/\n\s*/g, ' ') };
    });
}

/**
 * The declaration's text without its leading JSDoc and without the bodies of functions and methods. A class
 * that extends the same-named inner class (src/api/ wraps it to check the constructor's arguments) shows as the
 * one class it is to a caller: its own members and the inner class's.
 */
function declarationText(decl: ts.Declaration, checker: ts.TypeChecker): string {
  const sf = decl.getSourceFile();
  let node: ts.Node = decl;
  if (ts.isVariableDeclaration(decl)) node = decl.parent.parent;
  let text = sf.text.slice(node.getStart(sf), node.end);
  if (ts.isClassDeclaration(node)) {
    // members without bodies: a class's shape is its public members
    const members = publicMembers(node);
    let head = sf.text.slice(node.getStart(sf), node.members.pos).trimEnd();
    const base = node.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)?.types[0];
    const baseDecl = base && checker.getTypeAtLocation(base.expression).getSymbol()?.declarations?.find(ts.isClassDeclaration);
    if (baseDecl && baseDecl.name?.text === node.name?.text) {
      const own = new Set(members.map((m) => m.name));
      members.push(...publicMembers(baseDecl).filter((m) => !own.has(m.name)));
      head = head.replace(/\s+extends\s+[^{]+\{$/, ' {');
    }
    text = `${head}\n${members.map((m) => m.text).join('\n')}\n}`;
  }
  return text.replace(/^export\s+/, '').replace(/^declare\s+/, '');
}

function clip(text: string): string {
  const lines = text.split('\n');
  if (lines.length <= MAX_DECLARATION_LINES) return text;
  return [...lines.slice(0, MAX_DECLARATION_LINES), `  // … ${lines.length - MAX_DECLARATION_LINES} more lines in the source`].join('\n');
}

function kindOf(decl: ts.Declaration): ApiEntry['kind'] {
  if (ts.isFunctionDeclaration(decl)) return 'function';
  if (ts.isClassDeclaration(decl)) return 'class';
  if (ts.isInterfaceDeclaration(decl)) return 'interface';
  if (ts.isTypeAliasDeclaration(decl)) return 'type';
  if (ts.isEnumDeclaration(decl)) return 'enum';
  if (ts.isModuleDeclaration(decl)) return 'namespace';
  return 'const';
}

/** A long type shortened: a long string literal is a string; a generic type keeps its name (StateMachine<…>). */
function shortType(checker: ts.TypeChecker, t: ts.Type, decl: ts.Node): string {
  if (t.isStringLiteral()) return 'string';
  const cut = checker.typeToString(t, decl, ts.TypeFormatFlags.None).replace(/import\("[^"]+"\)\./g, '');
  const props = cut.startsWith('{') ? checker.getPropertiesOfType(t) : [];
  if (props.length) {
    // an object of machines: the keys, and the first value's type shortened
    const first = shortType(checker, checker.getTypeOfSymbolAtLocation(props[0]!, decl), decl);
    return `Readonly<Record<${props.map((p) => JSON.stringify(p.name)).join(' | ')}, ${first}>>`;
  }
  const lt = cut.indexOf('<');
  if (cut.length <= MAX_TYPE_CHARS && !(cut.includes('...') && lt > 0)) return cut;
  return lt > 0 ? `${cut.slice(0, lt)}<…>` : `${cut.slice(0, MAX_TYPE_CHARS)}…`;
}

function tagText(tag: ts.JSDocTagInfo): string {
  const text = ts.displayPartsToString(tag.text);
  return `@${tag.name}${text ? ' ' + text.replace(/\s*\n\s*/g, ' ') : ''}`;
}

export function collectApi(): Array<{ specifier: string; entries: ApiEntry[] }> {
  const prog = program();
  const checker = prog.getTypeChecker();
  return ENTRIES.map((entry) => {
    const sf = prog.getSourceFile(path.join(ROOT, entry.file))!;
    const moduleSymbol = checker.getSymbolAtLocation(sf)!;
    const entries: ApiEntry[] = [];
    for (const exported of checker.getExportsOfModule(moduleSymbol)) {
      const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      const decls = symbol.getDeclarations() ?? [];
      const decl = decls.find((d) => !ts.isSourceFile(d));
      if (!decl) continue;
      const kind = kindOf(decl);
      let code: string;
      if (kind === 'function') {
        const type = checker.getTypeOfSymbolAtLocation(symbol, decl);
        code = type
          .getCallSignatures()
          .map((s) => `function ${exported.name}${checker.signatureToString(s, decl, ts.TypeFormatFlags.NoTruncation)}`)
          .join('\n');
      } else if (kind === 'const') {
        // the type as the compiler sees it; a long one as declared, else cut by the compiler ("...")
        const t = checker.getTypeOfSymbolAtLocation(symbol, decl);
        const type = checker.typeToString(t, decl, ts.TypeFormatFlags.NoTruncation);
        const annotation = ts.isVariableDeclaration(decl) && decl.type ? decl.type.getText() : undefined;
        code = `const ${exported.name}: ${type.length <= MAX_TYPE_CHARS ? type : (annotation ?? shortType(checker, t, decl))}`;
      } else {
        code = clip(declarationText(decl, checker));
      }
      const doc = ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim();
      const tags = symbol.getJsDocTags(checker).map(tagText);
      entries.push({ name: exported.name, kind, source: rel(decl.getSourceFile().fileName), code, doc, tags });
    }
    // the order of the entry file: position of each name's first mention in it
    const text = sf.text;
    const start = text.search(/^export /m);
    const pos = (name: string) => {
      const m = new RegExp(`\\b${name}\\b`, 'g');
      m.lastIndex = start;
      const found = m.exec(text);
      return found ? found.index : Number.MAX_SAFE_INTEGER;
    };
    entries.sort((a, b) => pos(a.name) - pos(b.name) || a.name.localeCompare(b.name));
    return { specifier: entry.specifier, entries };
  });
}

export function generateApiDoc(): string {
  const out: string[] = [
    '# API reference',
    '',
    '<!-- generated by scripts/gen-api.ts from src/index.ts and src/testing/index.ts: do not edit by hand -->',
    '',
    'Every export of the package, in the order of its entry files, with its signature and its documentation.',
    'Install and first steps: [README](../README.md#install-into-another-project).',
    '',
  ];
  for (const { specifier, entries } of collectApi()) {
    out.push(`## \`${specifier}\``, '');
    out.push(entries.map((e) => `[${e.name}](#${anchor(specifier, e.name)})`).join(' · '), '');
    for (const e of entries) {
      out.push(`<a id="${anchor(specifier, e.name)}"></a>`, `### ${e.name}`, '', `${e.kind} · \`${e.source}\` (in the repository)`, '');
      out.push('```ts', e.code, '```', '');
      if (e.doc) out.push(e.doc, '');
      if (e.tags.length) out.push(...e.tags.map((t) => `- ${t}`), '');
    }
  }
  return out.join('\n').replace(/\n+$/, '\n');
}

function anchor(specifier: string, name: string): string {
  return `${specifier.replace(/[^a-z0-9]+/gi, '-')}-${name}`.toLowerCase();
}

if (require.main === module) {
  const doc = generateApiDoc();
  if (process.argv.includes('--check')) {
    const current = fs.existsSync(API_DOC) ? fs.readFileSync(API_DOC, 'utf8') : '';
    if (current !== doc) {
      process.stderr.write('docs/api.md is not current: run npx ts-node --transpile-only scripts/gen-api.ts\n');
      process.exit(1);
    }
  } else {
    const tmp = `${API_DOC}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, doc);
    fs.renameSync(tmp, API_DOC);
    const undocumented = collectApi().flatMap((e) => e.entries.filter((x) => !x.doc).map((x) => `${e.specifier}: ${x.name} (${x.source})`));
    process.stderr.write(`docs/api.md written${undocumented.length ? `; without JSDoc:\n  ${undocumented.join('\n  ')}` : ''}\n`);
  }
}
