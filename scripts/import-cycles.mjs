#!/usr/bin/env node
// Import cycles in src/ (part of `npm run lint`): every relative import of every .ts/.tsx file, type-only ones
// included, read with TypeScript's pre-processor (no type checking, about a second). A cycle whose files lie in more
// than one module (a folder of src/server/modules, the kernel, the portal, a feature of the web app, …) fails;
// a cycle inside one module is listed as a note.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const src = path.join(root, 'src');

function* walk(dir) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) yield* walk(p);
    else if (/\.tsx?$/.test(e.name) && !/\.d\.ts$/.test(e.name)) yield p;
  }
}

/** './x.js', './x' or './x/index' → the .ts/.tsx file, or null (a JSON file, a stylesheet, …). */
function resolve(from, spec) {
  const base = path.resolve(path.dirname(from), spec.replace(/\.(m?js|jsx)$/, ''));
  for (const c of [`${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts'), path.join(base, 'index.tsx')]) if (existsSync(c)) return c;
  return null;
}

/** The module a file belongs to: src/server/modules/<m>/…, src/web/features/<f>/…, otherwise its first two folders. */
function moduleOf(file) {
  const parts = path.relative(src, file).split(path.sep);
  if (parts[0] === 'server' && parts[1] === 'modules') return parts.length > 3 ? `modules/${parts[2]}` : 'modules (registries)';
  if (parts[0] === 'web' && parts[1] === 'features' && parts.length > 3) return `web/features/${parts[2]}`;
  return parts.slice(0, Math.min(2, parts.length - 1)).join('/');
}

const files = [...walk(src)];
const edges = new Map();
for (const f of files) {
  const { importedFiles } = ts.preProcessFile(readFileSync(f, 'utf8'), true, true);
  edges.set(f, [
    ...new Set(
      importedFiles
        .map((i) => i.fileName)
        .filter((s) => s.startsWith('.'))
        .map((s) => resolve(f, s))
        .filter(Boolean),
    ),
  ]);
}

// Tarjan's strongly connected components: each component of more than one file (or a file importing itself) is a cycle.
let index = 0;
const idx = new Map(),
  low = new Map(),
  onStack = new Set(),
  stack = [],
  components = [];
function connect(v) {
  idx.set(v, index);
  low.set(v, index++);
  stack.push(v);
  onStack.add(v);
  for (const w of edges.get(v) ?? []) {
    if (!idx.has(w)) {
      connect(w);
      low.set(v, Math.min(low.get(v), low.get(w)));
    } else if (onStack.has(w)) low.set(v, Math.min(low.get(v), idx.get(w)));
  }
  if (low.get(v) === idx.get(v)) {
    const c = [];
    let w;
    do {
      w = stack.pop();
      onStack.delete(w);
      c.push(w);
    } while (w !== v);
    if (c.length > 1 || (edges.get(v) ?? []).includes(v)) components.push(c);
  }
}
for (const f of files) if (!idx.has(f)) connect(f);

const rel = (f) => path.relative(root, f);
let failed = 0;
for (const c of components) {
  const mods = [...new Set(c.map(moduleOf))];
  const list = c.map(rel).sort().join('\n    ');
  if (mods.length > 1) {
    failed++;
    console.error(`Import cycle across modules (${mods.join(', ')}):\n    ${list}`);
  } else console.log(`note: import cycle inside ${mods[0]}:\n    ${list}`);
}
console.log(`import cycles: ${files.length} files, ${components.length} cycle(s), ${failed} across modules`);
process.exit(failed ? 1 : 0);
