// A small static server for the host page, the tests and the benchmark: www/ at the root,
// data/ under /data, and the benchmark's folders (see MOUNTS).
// Usage: node scripts/serve.mjs [port]   (port 0 picks a free one; the URL is printed)
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
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

export function serve(port = 0, host = '127.0.0.1') {
  const server = createServer(async (req, res) => {
    try {
      const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
      const [prefix, dir] = MOUNTS.find(([p]) => path.startsWith(p)) ?? ['/', 'www'];
      const base = join(ROOT, dir);
      const rel = normalize(path.slice(prefix.length - 1)).replace(/^(\.\.[/\\])+/, '');
      let file = join(base, rel);
      if (!file.startsWith(base)) throw Object.assign(new Error('forbidden'), { code: 'EACCES' });
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache' });
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
