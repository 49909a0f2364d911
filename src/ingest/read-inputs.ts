/** Collecting curated files: each argument is a file or a folder searched for .yaml/.yml files. */
import fs from 'node:fs';
import path from 'node:path';
import type { InputFile } from './load';

export const SEED_DOCUMENTS_DIR = path.resolve(__dirname, '..', '..', 'seed', 'documents');

export function readInputs(paths: string[]): InputFile[] {
  const files: string[] = [];
  const visit = (p: string) => {
    const stat = fs.statSync(p);
    if (stat.isDirectory()) {
      for (const entry of fs.readdirSync(p).sort()) visit(path.join(p, entry));
    } else if (/\.ya?ml$/.test(p)) {
      files.push(p);
    }
  };
  for (const p of paths) {
    if (!fs.existsSync(p)) throw new Error(`No such file or folder: ${p}`);
    visit(p);
  }
  return files.map((f) => ({
    name: path.relative(process.cwd(), f) || f,
    content: fs.readFileSync(f, 'utf8'),
  }));
}
