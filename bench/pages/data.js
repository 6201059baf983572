// Loads one of the benchmark's two data sets, in the same shape for every subject:
// cities (GeoJSON), provinces (GeoJSON), points [[lon, lat]], links [[lon, lat, lon, lat]].
const SETS = {
  shipped: { cities: '/data/cities.geojson', provinces: '/data/provinces.geojson', extra: null },
  scale: { cities: '/bench-data/cities.geojson', provinces: '/bench-data/provinces.geojson', extra: '/bench-data/scale-extra.json' },
};

export async function loadSet(name) {
  const set = SETS[name] ?? SETS.shipped;
  const [cities, provinces] = await Promise.all([set.cities, set.provinces].map((u) => fetch(u).then((r) => r.json())));
  const seat = new Map(cities.features.map((f) => [f.properties.id, f.properties.seat]));
  let points, links, alliances, parks;
  if (set.extra) {
    const extra = await fetch(set.extra).then((r) => r.json());
    points = extra.points;
    links = extra.links.map(([a, b]) => [...seat.get(a), ...seat.get(b)]);
    // For region-map the links are 200 two-city alliances, each from its first city.
    alliances = {
      sources: [{ id: 'bench', name: 'benchmark data (synthetic)', date: null, date_note: 'synthetic' }],
      alliances: extra.links.map(([a, b], i) => ({ id: `link-${i}`, name_en: `Link ${i}`, kind: 'benchmark', members: [a, b], hub: a })),
    };
    parks = null;
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
