// The layering rules of the source tree, read from the files themselves with the TypeScript parser:
// which folder may import which, where HTML may be made, no import cycles, and how long a product
// function or file may grow. Each failure names the file, the line and the import or function.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, extname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { projectPath } from '../../src/project-root.ts';

const ROOT = projectPath('.');
const MAX_FUNCTION_LINES = 60;
const MAX_FILE_LINES = 250;

interface Import {
  specifier: string;
  /** Project-relative path of the imported file, for a relative import; null for a package. */
  target: string | null;
  typeOnly: boolean;
  line: number;
}

interface SourceFile {
  /** Project-relative, e.g. `src/search/search.ts`. */
  path: string;
  ast: ts.SourceFile;
  imports: Import[];
}

function walk(folder: string): string[] {
  return readdirSync(join(ROOT, folder), { withFileTypes: true }).flatMap((entry) => {
    const path = `${folder}/${entry.name}`;
    if (entry.isDirectory()) return walk(path);
    return /\.(ts|tsx|js)$/u.test(entry.name) ? [path] : [];
  });
}

const lineOf = (ast: ts.SourceFile, node: ts.Node): number => ast.getLineAndCharacterOfPosition(node.getStart(ast)).line + 1;

function importsOf(path: string, ast: ts.SourceFile): Import[] {
  const found: Import[] = [];
  const add = (specifier: ts.Expression | undefined, typeOnly: boolean, node: ts.Node) => {
    if (!specifier || !ts.isStringLiteral(specifier)) return;
    const text = specifier.text;
    const target = text.startsWith('.') ? relative(ROOT, resolve(ROOT, dirname(path), text)) : null;
    found.push({ specifier: text, target, typeOnly, line: lineOf(ast, node) });
  };
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node)) {
      const clause = node.importClause;
      const named = clause?.namedBindings;
      const everyNameTypeOnly = !!named && ts.isNamedImports(named) && named.elements.every((element) => element.isTypeOnly);
      add(node.moduleSpecifier, !!clause && (clause.isTypeOnly || (!clause.name && everyNameTypeOnly)), node);
    } else if (ts.isExportDeclaration(node)) {
      add(node.moduleSpecifier, node.isTypeOnly, node);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      add(node.arguments[0], false, node);
    }
    ts.forEachChild(node, visit);
  };
  visit(ast);
  return found;
}

const SCRIPT_KINDS: Record<string, ts.ScriptKind> = { '.ts': ts.ScriptKind.TS, '.tsx': ts.ScriptKind.TSX, '.js': ts.ScriptKind.JS };

const SOURCES: SourceFile[] = [...walk('src'), ...walk('views')].map((path) => {
  const ast = ts.createSourceFile(path, readFileSync(join(ROOT, path), 'utf8'), ts.ScriptTarget.Latest, true, SCRIPT_KINDS[extname(path)] ?? ts.ScriptKind.TS);
  return { path, ast, imports: importsOf(path, ast) };
});

const under = (path: string | null, folder: string): boolean => path?.startsWith(`${folder}/`) ?? false;
const describeImport = (file: SourceFile, imported: Import): string => `${file.path}:${imported.line} imports '${imported.specifier}'`;

/** Every import that `forbidden` picks in the files `checked` picks, with why it is not allowed. */
function violations(checked: (path: string) => boolean, forbidden: (imported: Import) => boolean, why: string): string[] {
  return SOURCES.filter((file) => checked(file.path)).flatMap((file) => file.imports.filter(forbidden).map((imported) => `${describeImport(file, imported)}: ${why}`));
}
function inFolders(...folders: string[]): (path: string) => boolean {
  return (path) => folders.some((folder) => under(path, folder));
}

describe('imports', () => {
  it('src/archive-index imports nothing of ours (node: builtins only)', () => {
    const outside = (imported: Import) => (imported.target === null ? !imported.specifier.startsWith('node:') : !under(imported.target, 'src/archive-index'));
    expect(violations(inFolders('src/archive-index'), outside, 'the schema is pure and imports nothing of ours')).toEqual([]);
  });

  it('only src/engine imports the meilisearch package', () => {
    const meilisearch = (imported: Import) => imported.specifier === 'meilisearch' || imported.specifier.startsWith('meilisearch/');
    expect(violations((path) => !under(path, 'src/engine'), meilisearch, 'only src/engine/ talks to Meilisearch')).toEqual([]);
  });

  it('src/search imports nothing from src/web, views or src/indexer', () => {
    const upward = (imported: Import) => ['src/web', 'views', 'src/indexer'].some((folder) => under(imported.target, folder));
    expect(violations(inFolders('src/search'), upward, 'search returns data to the web layer and reads the schema, not the indexer')).toEqual([]);
  });

  it('views import only view-model types from src/, never from src/search or src/engine', () => {
    const engineOrSearch = (imported: Import) => under(imported.target, 'src/search') || under(imported.target, 'src/engine');
    const valueFromSrc = (imported: Import) => under(imported.target, 'src') && !imported.typeOnly;
    expect([
      ...violations(inFolders('views'), engineOrSearch, 'views render view models, they do not reach into search or the engine'),
      ...violations(inFolders('views'), valueFromSrc, 'views may take only types (`import type`) from src/'),
    ]).toEqual([]);
  });

  it('src/cli and src/tools do not import views', () => {
    const view = (imported: Import) => under(imported.target, 'views');
    expect(violations(inFolders('src/cli', 'src/tools'), view, 'pages are rendered by the web layer only')).toEqual([]);
  });

  it('finds every import cycle, of any length (the check below is not vacuous)', () => {
    const graph = new Map([
      ['a', ['b']],
      ['b', ['c', 'd']],
      ['c', ['a']],
      ['d', []],
      ['e', ['e']],
    ]);
    expect(cycles(graph)).toEqual([
      ['a', 'b', 'c', 'a'],
      ['e', 'e'],
    ]);
  });

  it('has no import cycles among our files', () => {
    const graph = new Map(SOURCES.map((file) => [file.path, [...new Set(file.imports.flatMap((imported) => (imported.target ? [imported.target] : [])))]]));
    expect(cycles(graph).map((cycle) => `import cycle: ${cycle.join(' → ')}`)).toEqual([]);
  });
});

/** One cycle for each group of files that import each other (strongly connected components, Tarjan). */
function cycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const found: string[][] = [];
  const connect = (node: string) => {
    index.set(node, index.size);
    low.set(node, index.get(node) ?? 0);
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (!graph.has(next)) continue;
      if (!index.has(next)) connect(next);
      if (stack.includes(next)) low.set(node, Math.min(low.get(node) ?? 0, low.get(next) ?? 0, index.get(next) ?? 0));
    }
    if (low.get(node) !== index.get(node)) return;
    const group = stack.splice(stack.indexOf(node));
    const selfImport = graph.get(node)?.includes(node) ?? false;
    if (group.length > 1 || selfImport) found.push(pathThrough(graph, new Set(group), node));
  };
  for (const node of [...graph.keys()].sort()) if (!index.has(node)) connect(node);
  return found;
}

/** A path from `start` back to itself inside one group of files that import each other. */
function pathThrough(graph: ReadonlyMap<string, readonly string[]>, group: ReadonlySet<string>, start: string): string[] {
  const previous = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const node = queue.shift() ?? start;
    for (const next of graph.get(node) ?? []) {
      if (!group.has(next)) continue;
      if (next === start) {
        const path = [start];
        for (let at = node; at !== start; at = previous.get(at) ?? start) path.splice(1, 0, at);
        return [...path, start];
      }
      if (!previous.has(next)) {
        previous.set(next, node);
        queue.push(next);
      }
    }
  }
  return [start, start];
}

describe('HTML', () => {
  it('src/search produces no HTML: no escapeHtml, no string with a tag, no JSX', () => {
    const found: string[] = [];
    for (const file of SOURCES.filter((source) => under(source.path, 'src/search'))) {
      for (const imported of file.imports) if (imported.specifier.endsWith('/escape-html.ts')) found.push(`${describeImport(file, imported)}: escaping for HTML belongs to the web layer`);
      const visit = (node: ts.Node) => {
        const text = ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node) ? node.text : null;
        const tag = text === null ? null : /<\/?[a-z][a-z0-9]*\b/iu.exec(text);
        if (tag) found.push(`${file.path}:${lineOf(file.ast, node)} has the HTML tag '${tag[0]}' in a string: search returns text and spans, the web layer marks them`);
        if (ts.isJsxElement(node) || ts.isJsxSelfClosingElement(node)) found.push(`${file.path}:${lineOf(file.ast, node)} renders JSX: pages belong to views/`);
        ts.forEachChild(node, visit);
      };
      visit(file.ast);
    }
    expect(found).toEqual([]);
  });
});

// ---- size ------------------------------------------------------------------------------------------

const PRODUCT = SOURCES.filter((file) => !under(file.path, 'src/tools'));

function functionName(node: ts.FunctionLikeDeclaration, ast: ts.SourceFile): string {
  if (node.name && (ts.isIdentifier(node.name) || ts.isStringLiteral(node.name))) return node.name.text;
  const parent = node.parent;
  if ((ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent)) && ts.isIdentifier(parent.name)) return parent.name.text;
  if (ts.isConstructorDeclaration(node)) return 'constructor';
  if (ts.isCallExpression(parent)) return `(function passed to ${parent.expression.getText(ast)}, line ${lineOf(ast, node)})`;
  return `(anonymous function at line ${lineOf(ast, node)})`;
}

const lineCount = (ast: ts.SourceFile, node: ts.Node): number => ast.getLineAndCharacterOfPosition(node.getEnd()).line - ast.getLineAndCharacterOfPosition(node.getStart(ast)).line + 1;

/** Top-level array and object literals without code in them are data (word lists, rules): they do not count toward a file's size. */
function dataLines(ast: ts.SourceFile): number {
  let lines = 0;
  for (const statement of ast.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const declaration of statement.declarationList.declarations) {
      let value = declaration.initializer;
      while (value && (ts.isAsExpression(value) || ts.isSatisfiesExpression(value))) value = value.expression;
      if (value && (ts.isArrayLiteralExpression(value) || ts.isObjectLiteralExpression(value)) && !holdsCode(value)) lines += lineCount(ast, value);
    }
  }
  return lines;
}

const holdsCode = (node: ts.Node): boolean => ts.isFunctionLike(node) || (ts.forEachChild(node, (child) => holdsCode(child) || undefined) ?? false);

describe('size', () => {
  it(`no product function is longer than ${MAX_FUNCTION_LINES} lines (src/tools aside)`, () => {
    const found: string[] = [];
    for (const file of PRODUCT) {
      const visit = (node: ts.Node) => {
        const isFunction =
          ts.isFunctionDeclaration(node) ||
          ts.isFunctionExpression(node) ||
          ts.isArrowFunction(node) ||
          ts.isMethodDeclaration(node) ||
          ts.isConstructorDeclaration(node) ||
          ts.isGetAccessor(node) ||
          ts.isSetAccessor(node);
        if (isFunction && node.body) {
          const lines = lineCount(file.ast, node);
          if (lines > MAX_FUNCTION_LINES) found.push(`${file.path}:${lineOf(file.ast, node)} ${functionName(node, file.ast)} is ${lines} lines (limit ${MAX_FUNCTION_LINES})`);
        }
        ts.forEachChild(node, visit);
      };
      visit(file.ast);
    }
    expect(found).toEqual([]);
  });

  it(`no product file is longer than ${MAX_FILE_LINES} lines, data tables aside (src/tools aside)`, () => {
    const found = PRODUCT.flatMap((file) => {
      const lines = file.ast.getLineAndCharacterOfPosition(file.ast.getEnd()).line + (file.ast.text.endsWith('\n') ? 0 : 1);
      const counted = lines - dataLines(file.ast);
      return counted > MAX_FILE_LINES ? [`${file.path} is ${counted} lines${counted < lines ? ` without its ${lines - counted} lines of data` : ''} (limit ${MAX_FILE_LINES})`] : [];
    });
    expect(found).toEqual([]);
  });
});
