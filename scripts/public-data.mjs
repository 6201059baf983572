// Public boundary and point files, from npm packages, as the GeoJSON a page would pass to the
// map: the test data of tests/e2e/anydata.mjs (see tests/e2e/README.md for the licences).
// Written to target/public-data/ (served under /public-data/). Usage: node scripts/public-data.mjs
import { mkdir, readFile, writeFile, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as topojson from 'topojson-client';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'target', 'public-data');
// Files of the packages in node_modules (vega-datasets exports no file paths).
const json = async (p) => JSON.parse(await readFile(join(ROOT, 'node_modules', p), 'utf8'));

// Oceania's countries on both sides of 180°.
const PACIFIC = new Set(['Fiji', 'Tonga', 'Samoa', 'Kiribati', 'Tuvalu', 'New Zealand', 'Vanuatu',
  'Wallis and Futuna Is.', 'American Samoa', 'Niue', 'Cook Is.', 'Solomon Is.', 'N. Mariana Is.', 'Fr. Polynesia']);

export const SETS = {
  // Natural Earth 1:10m countries (public domain), via world-atlas (ISC).
  'world-10m': async () => {
    const t = await json('world-atlas/countries-10m.json');
    return topojson.feature(t, t.objects.countries);
  },
  // Census Bureau cartographic county boundaries 2017 (public domain), via us-atlas (ISC).
  'us-counties': async () => {
    const t = await json('us-atlas/counties-10m.json');
    return topojson.feature(t, t.objects.counties);
  },
  // Natural Earth 1:50m countries of the Pacific, across the antimeridian.
  'pacific-50m': async () => {
    const t = await json('world-atlas/countries-50m.json');
    const fc = topojson.feature(t, t.objects.countries);
    return { ...fc, features: fc.features.filter((f) => PACIFIC.has(f.properties.name)) };
  },
  // USGS earthquakes of one week in 2018 (public domain), via vega-datasets (BSD-3-Clause):
  // points only, round the Pacific too.
  'earthquakes': async () => json('vega-datasets/data/earthquakes.json'),
  // The borders between US states (Census, public domain, via us-atlas): lines only.
  'us-borders': async () => {
    const t = await json('us-atlas/states-10m.json');
    const borders = topojson.mesh(t, t.objects.states, (a, b) => a !== b);
    return { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { name: 'State borders' }, geometry: borders }] };
  },
};

export async function writeAll() {
  await mkdir(OUT, { recursive: true });
  for (const [name, make] of Object.entries(SETS)) {
    const file = join(OUT, `${name}.geojson`);
    if (await stat(file).then(() => true, () => false)) continue;
    await writeFile(file, JSON.stringify(await make()));
  }
  return OUT;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(await writeAll());
}
