// The page of the CSP test: a map whose data tries to inject markup.
import { mount } from './region-map.js';

const evil = '<img src=x onerror="window.__xss=1">';
const square = (x, y) => ({ type: 'Polygon', coordinates: [[[x, y], [x + 1, y], [x + 1, y + 1], [x, y + 1], [x, y]]] });
const cities = {
  type: 'FeatureCollection',
  attribution: `Attribution ${evil}`,
  features: [
    { type: 'Feature', properties: { id: 'a', name_en: `City ${evil}`, name_zh: `城市${evil}`, province: evil }, geometry: square(120, 30) },
    { type: 'Feature', properties: { id: 'b', name_en: 'Plain city' }, geometry: square(121.2, 30) },
  ],
};
const alliances = {
  sources: [{ id: 's', name: `Source ${evil}`, date: '2020' }],
  alliances: [{
    id: 'x', name_en: `Alliance ${evil}`, kind: evil, members: ['a', 'b'], indicators: [],
    projects: [{ id: 'p', title_en: `Project ${evil}`, date: '2020', cities: ['a'], description: evil, source: { ref: 's', quote: evil } }],
  }],
};
const violations = [];
document.addEventListener('securitypolicyviolation', (e) => violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}:${e.columnNumber} ${e.sample}`));
window.cspViolations = violations;
window.cspMap = await mount(document.getElementById('map'), { cities, alliances });
