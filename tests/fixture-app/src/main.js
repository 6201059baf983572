// A React component that wraps region-map the way an app would: mount in an effect, destroy
// in its cleanup. Under StrictMode React runs the effect twice; one map must be left.
import { StrictMode, createElement as h, useEffect, useRef } from 'react';
import { createRoot } from 'react-dom/client';
import { mount } from 'region-map';

function RegionMap({ cities }) {
  const ref = useRef(null);
  useEffect(() => {
    window.effects = (window.effects ?? 0) + 1;
    const ctl = new AbortController();
    let map = null;
    mount(ref.current, { cities, signal: ctl.signal }).then((m) => {
      map = m;
      window.regionMaps = (window.regionMaps ?? 0) + 1;
      window.regionMap = m;
    }, (e) => { if (e.name !== 'AbortError') window.mountError = e.message; });
    return () => { ctl.abort(); map?.destroy(); };
  }, [cities]);
  return h('div', { ref, style: { width: '800px', height: '500px' } });
}

createRoot(document.getElementById('app')).render(h(StrictMode, null, h(RegionMap, { cities: '/cities.geojson' })));
