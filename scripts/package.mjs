// Makes the npm package from a build (./run.sh build first): target/npm/region-map/ with its
// own package.json, then `npm pack` into target/npm/. The dev manifest (package.json at the
// root) stays private. The tarball is also the drop-in file set for a page without a bundler.
// Usage: node scripts/package.mjs   (prints the tarball's path)
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'target', 'npm');
const DIR = join(OUT, 'region-map');
const cargo = await readFile(join(ROOT, 'Cargo.toml'), 'utf8');
const version = cargo.match(/^version = "([^"]+)"/m)[1];

// The files a page needs: the module (the wrapper, the panel and the bindings in one file),
// the map's WebAssembly, the charts module (loaded with the first chart), the styles, the
// land under point data, and the types.
const FILES = [
  'region-map.min.js', 'region-map.css', 'region-map.d.ts', 'region-map.types.d.ts', 'land-110m.json',
  'pkg/region_map_bg.wasm', 'pkg/region_map_charts.js', 'pkg/region_map_charts_bg.wasm',
];
await rm(DIR, { recursive: true, force: true });
await mkdir(join(DIR, 'pkg'), { recursive: true });
for (const f of FILES) await cp(join(ROOT, 'www', f), join(DIR, f));
await cp(join(ROOT, 'LICENSE'), join(DIR, 'LICENSE')).catch(() => {});
await writeFile(join(DIR, 'README.md'), `# region-map

An interactive map of regional cooperation, in Rust compiled to WebAssembly, for any page.

\`\`\`js
import { mount } from 'region-map';
const map = await mount(document.getElementById('map'), { cities: 'cities.geojson' });
\`\`\`

or, with no bundler, copy this folder next to your page and load \`region-map.min.js\` as a
module: \`<script type="module" src="region-map/region-map.min.js"></script>\` and
\`<region-map cities="cities.geojson"></region-map>\`. The WebAssembly files are found beside the
module (\`new URL(..., import.meta.url)\`), so bundlers copy them. Importing the module on a
server touches nothing. See the project's README for every option, member and event.
`);
const pkg = {
  name: 'region-map',
  version,
  description: 'An interactive map of regional cooperation: any GeoJSON, links, timeline, charts; Rust compiled to WebAssembly',
  license: 'MIT',
  type: 'module',
  main: './region-map.min.js',
  module: './region-map.min.js',
  types: './region-map.d.ts',
  exports: {
    '.': { types: './region-map.d.ts', default: './region-map.min.js' },
    './region-map.css': './region-map.css',
    './land-110m.json': './land-110m.json',
    './package.json': './package.json',
  },
  files: [...FILES, 'README.md', 'LICENSE'],
  // Importing the module defines <region-map> where customElements exists.
  sideEffects: ['./region-map.min.js'],
  keywords: ['map', 'geojson', 'webassembly', 'web-component', 'choropleth'],
};
await writeFile(join(DIR, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
const out = execFileSync('npm', ['pack', '--silent', '--pack-destination', OUT], { cwd: DIR, encoding: 'utf8' }).trim().split('\n').pop();
console.log(join(OUT, out));
