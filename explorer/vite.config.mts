/**
 * Builds the explorer into dist/explorer, which the service serves at /explorer. The first page (the entry
 * script, its static imports and its styles) must stay under FIRST_PAGE_LIMIT gzipped; the network view and
 * its graph library load only when opened.
 */
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const FIRST_PAGE_LIMIT = 300 * 1024;
const here = path.dirname(fileURLToPath(import.meta.url));

/** Prints the gzipped size of what the first page loads, and fails the build above the limit. */
function firstPageSize(): Plugin {
  return {
    name: 'explorer-first-page-size',
    apply: 'build',
    generateBundle(_options, bundle) {
      const entry = Object.values(bundle).find((c) => c.type === 'chunk' && c.isEntry);
      if (!entry || entry.type !== 'chunk') return;
      const files = new Set<string>();
      const visit = (name: string): void => {
        if (files.has(name)) return;
        files.add(name);
        const chunk = bundle[name];
        if (chunk?.type !== 'chunk') return;
        chunk.imports.forEach(visit);
        chunk.viteMetadata?.importedCss.forEach((css) => files.add(css));
      };
      visit(entry.fileName);
      files.add('index.html');
      let total = 0;
      for (const name of files) {
        const item = bundle[name];
        if (!item) continue;
        total += gzipSync(item.type === 'chunk' ? item.code : item.source).length;
      }
      const kB = (total / 1024).toFixed(1);
      const message = `explorer first page: ${kB} kB gzipped in ${files.size} files (limit ${FIRST_PAGE_LIMIT / 1024} kB)`;
      if (total > FIRST_PAGE_LIMIT) this.error(message);
      console.log(message);
    },
  };
}

export default defineConfig({
  root: here,
  base: '/explorer/',
  // no public folder: every asset is imported, hashed and served from dist/explorer/assets
  publicDir: false,
  build: {
    outDir: path.resolve(here, '..', 'dist', 'explorer'),
    emptyOutDir: true,
    // the preload helper would be inlined otherwise; the pages run under a CSP without inline scripts
    modulePreload: { polyfill: false },
    reportCompressedSize: true,
    chunkSizeWarningLimit: 1000,
    rolldownOptions: { checks: { pluginTimings: false } },
  },
  plugins: [firstPageSize()],
});
