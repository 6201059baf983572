// Loads one of the benchmark's two data sets, in the same shape for every subject:
// cities (GeoJSON), provinces (GeoJSON), points [[lon, lat]], links [[lon, lat, lon, lat]].
const SETS = {
  shipped: { cities: '/data/cities.geojson', provinces: '/data/provinces.geojson', extra: null, facts: true },
  scale: { cities: '/bench-data/cities.geojson', provinces: '/bench-data/provinces.geojson', extra: '/bench-data/scale-extra.json' },
  // Natural Earth 1:10m countries (public domain, via world-atlas): 21 MB, about 545,000
  // vertices, nothing else.
  world: { cities: '/public-data/world-10m.geojson', provinces: null, extra: null },
};

// The same sets as region-map's README has a page give them: URLs (the URL mode).
export const URLS = {
  shipped: { cities: '/data/cities.geojson', provinces: '/data/provinces.geojson', parks: '/data/parks.geojson', alliances: '/data/alliances.json' },
  scale: { cities: '/bench-data/cities-points.geojson', provinces: '/bench-data/provinces.geojson', alliances: '/bench-data/alliances.json' },
  world: { cities: '/public-data/world-10m.geojson' },
};

export async function loadSet(name) {
  const set = SETS[name] ?? SETS.shipped;
  const [cities, provinces] = await Promise.all([set.cities, set.provinces].map((u) => u && fetch(u).then((r) => r.json())));
  const seat = new Map(cities.features.map((f) => [f.properties.id, f.properties.seat]));
  let points, links, alliances, parks;
  if (set.extra) {
    const extra = await fetch(set.extra).then((r) => r.json());
    points = extra.points;
    links = extra.links.map(([a, b]) => [...seat.get(a), ...seat.get(b)]);
    // For region-map the links are 200 two-city alliances (bench/make-scale.mjs).
    alliances = await fetch('/bench-data/alliances.json').then((r) => r.json());
    parks = null;
  } else if (!set.facts) {
    points = [];
    links = [];
  } else {
    alliances = await fetch('/data/alliances.json').then((r) => r.json());
    parks = await fetch('/data/parks.geojson').then((r) => r.json());
    points = parks.features.map((f) => f.geometry.coordinates);
    links = [];
    for (const a of alliances.alliances) {
      if (a.parent || a.members.length < 2) continue;
      const hub = a.hub ?? a.members[0];
      for (const m of a.members) if (m !== hub && seat.has(m) && seat.has(hub)) links.push([...seat.get(hub), ...seat.get(m)]);
    }
  }
  // When the data is in the page, as objects: first paint less this is the library's own part.
  window.benchData = performance.now();
  return { cities, provinces, points, links, alliances, parks, seats: [...seat.values()] };
}

export const twoFrames = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
