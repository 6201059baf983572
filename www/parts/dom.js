// Small DOM helpers shared by the parts of the map's page furniture.

/** An element of `doc` with a class and attributes; text goes in with textContent only. */
export function el(doc, tag, cls, attrs = {}) {
  const e = doc.createElement(tag);
  if (cls) e.className = cls;
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  return e;
}

/**
 * Listens and returns the function that stops listening: each part keeps its removers and
 * calls them in its detach(), so that destroy() is the sum of the detaches. A part's
 * `listeners()` counts what it still holds (for the test of destroy).
 */
export function listen(target, type, fn, opts) {
  target.addEventListener(type, fn, opts);
  return () => target.removeEventListener(type, fn, opts);
}
