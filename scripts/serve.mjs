// A small static server for the host page, the tests and the benchmark: www/ at the root,
// data/ under /data, and the benchmark's folders (see MOUNTS). Text and WebAssembly go out
// gzipped to a browser that accepts it, as any web host sends them (what a page downloads on
// a slow network is what the benchmark's throttled profile counts).
// Usage: node scripts/serve.mjs [port]   (port 0 picks a free one; the URL is printed)
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { gzip } from 'node:zlib';
import { promisify } from 'node:util';
import { extname, join, normalize, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json; charset=utf-8', '.geojson': 'application/geo+json; charset=utf-8',
  '.wasm': 'application/wasm', '.png': 'image/png', '.svg': 'image/svg+xml', '.ts': 'text/plain; charset=utf-8',
};

// URL prefix -> folder of the repository. The benchmark's pages and peers are served too.
const MOUNTS = [
  ['/data/', 'data'],
  ['/bench/', 'bench'],
  ['/bench-data/', 'target/bench-data'],
  ['/public-data/', 'target/public-data'],
  ['/vendor/echarts/', 'node_modules/echarts/dist'],
  ['/vendor/leaflet/', 'node_modules/leaflet/dist'],
];

// Files worth compressing, and their gzipped bytes by path, made once per version of a file.
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.geojson', '.wasm', '.svg', '.ts']);
const packed = new Map();
const gzipAsync = promisify(gzip);
async function gzipped(file, body, { mtimeMs, size }) {
  const had = packed.get(file);
  if (had && had.mtimeMs === mtimeMs && had.size === size) return had.body;
  const z = await gzipAsync(body, { level: 6 });
  packed.set(file, { mtimeMs, size, body: z });
  return z;
}

export function serve(port = 0, host = '127.0.0.1') {
  const server = createServer(async (req, res) => {
    try {
      const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
      const [prefix, dir] = MOUNTS.find(([p]) => path.startsWith(p)) ?? ['/', 'www'];
      const base = join(ROOT, dir);
      const rel = normalize(path.slice(prefix.length - 1)).replace(/^(\.\.[/\\])+/, '');
      let file = join(base, rel);
      if (!file.startsWith(base)) throw Object.assign(new Error('forbidden'), { code: 'EACCES' });
      let st = await stat(file);
      if (st.isDirectory()) {
        file = join(file, 'index.html');
        st = await stat(file);
      }
      let body = await readFile(file);
      const headers = { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache', vary: 'accept-encoding' };
      if (COMPRESSIBLE.has(extname(file)) && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '')) {
        body = await gzipped(file, body, st);
        headers['content-encoding'] = 'gzip';
      }
      res.writeHead(200, headers);
      res.end(body);
    } catch (e) {
      res.writeHead(e.code === 'EACCES' ? 403 : 404, { 'content-type': 'text/plain' });
      res.end('not found');
    }
  });
  return new Promise((ok) => server.listen(port, host, () => ok(server)));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const port = Number(process.argv[2] ?? 8080);
  const server = await serve(port);
  const { port: p } = server.address();
  console.log(`region-map is served at http://127.0.0.1:${p}/`);
}
