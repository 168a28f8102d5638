/**
 * The source files coverage should count: every `src/**\/*.ts` with behaviour in it. A port is
 * an interface plus, at most, the injection token beside it: it compiles to nothing or to one
 * `Symbol()`/`token()` line. The V8 provider counts every line of a file no test loads as
 * uncovered, so a port that unit tests never import (they construct use cases directly) would
 * read as dozens of untested lines that cannot run.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

const DECLARATION_ONLY = [
  /^export\s*\{\s*\};?$/,
  /^import\s[^;]*;$/,
  /^export const \w+ = (Symbol|token)(<[^>]*>)?\([^()]*\);$/,
];

function* typeScriptFiles(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* typeScriptFiles(path);
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) yield path;
  }
}

function compilesToCode(path) {
  const { outputText } = ts.transpileModule(readFileSync(path, 'utf8'), {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2024, removeComments: true },
  });
  const statements = outputText
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  return statements.some((line) => !DECLARATION_ONLY.some((pattern) => pattern.test(line)));
}

export function filesWithRuntimeCode(rootDir) {
  return [...typeScriptFiles(join(rootDir, 'src'))]
    .filter(compilesToCode)
    .map((path) => relative(rootDir, path));
}
