// Builds the benchmark's "scale" data set in target/bench-data/ from the full-resolution
// boundaries that `prepare-data --tolerance 0 --out target/bench-data` wrote: the same cities,
// plus 20,000 points and 200 links. Points and links are synthetic (a seeded generator), for
// load only; they are never shown as facts.
import { readFile, writeFile } from 'node:fs/promises';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const OUT = join(dirname(fileURLToPath(import.meta.url)), '..', 'target', 'bench-data');

// Mulberry32: small, seeded, good enough to scatter test points.
function rng(seed) {
  return () => {
    seed |= 0; seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// The scale set's links as region-map reads them: 200 two-city alliances, each from its first
// city (synthetic, for load only).
export function scaleAlliances(links) {
  return {
    sources: [{ id: 'bench', name: 'benchmark data (synthetic)', date: null, date_note: 'synthetic' }],
    alliances: links.map(([a, b], i) => ({ id: `link-${i}`, name_en: `Link ${i}`, kind: 'benchmark', members: [a, b], hub: a })),
  };
}

export async function makeScale() {
  const cities = JSON.parse(await readFile(join(OUT, 'cities.geojson'), 'utf8'));
  const prefectures = cities.features.filter((f) => f.properties.level === 'prefecture');
  const rand = rng(20261125);
  const points = [];
  for (let i = 0; i < 20000; i++) {
    const c = prefectures[Math.floor(rand() * prefectures.length)].properties.seat;
    points.push([+(c[0] + (rand() - 0.5) * 0.6).toFixed(4), +(c[1] + (rand() - 0.5) * 0.5).toFixed(4)]);
  }
  const links = [];
  for (let i = 0; i < 200; i++) {
    const a = prefectures[Math.floor(rand() * prefectures.length)];
    let b = a;
    while (b === a) b = prefectures[Math.floor(rand() * prefectures.length)];
    links.push([a.properties.id, b.properties.id]);
  }
  const vertices = cities.features.reduce((n, f) => n + f.geometry.coordinates.flat(2).length, 0);
  await writeFile(join(OUT, 'scale-extra.json'), JSON.stringify({ points, links, vertices }));
  // The same set as files, for a page that hands region-map URLs (the benchmark's URL mode):
  // the points as Point features of the main GeoJSON, the links as two-city alliances.
  const pointFeatures = points.map((p, i) => ({ type: 'Feature', properties: { id: `pt-${i}` }, geometry: { type: 'Point', coordinates: p } }));
  await writeFile(join(OUT, 'cities-points.geojson'), JSON.stringify({ ...cities, features: [...cities.features, ...pointFeatures] }));
  await writeFile(join(OUT, 'alliances.json'), JSON.stringify(scaleAlliances(links)));
  return { vertices, points: points.length, links: links.length };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(await makeScale());
