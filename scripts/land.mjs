// Writes www/land-110m.json: Natural Earth's 1:110m land (public domain), from the npm package
// world-atlas (ISC), as GeoJSON with coordinates to 0.01°. The map draws it under data of points
// and lines only, so that they do not float in an empty canvas; it is fetched only then.
// Usage: node scripts/land.mjs
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as topojson from 'topojson-client';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const topo = JSON.parse(await readFile(join(ROOT, 'node_modules/world-atlas/land-110m.json'), 'utf8'));
const land = topojson.feature(topo, topo.objects.land);
const round = (c) => (typeof c[0] === 'number' ? [Math.round(c[0] * 100) / 100, Math.round(c[1] * 100) / 100] : c.map(round));
const out = {
  type: 'FeatureCollection',
  attribution: 'Land: Natural Earth (public domain)',
  features: land.features.map((f, i) => ({
    type: 'Feature', properties: { id: `land-${i}` }, geometry: { type: f.geometry.type, coordinates: round(f.geometry.coordinates) },
  })),
};
const file = join(ROOT, 'www', 'land-110m.json');
await writeFile(file, JSON.stringify(out));
console.log(file);
