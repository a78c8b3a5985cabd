/**
 * The renderer's Content-Security-Policy, sent as a response header by the app:// protocol
 * (a header, unlike a <meta> tag, also enforces frame-ancestors).
 *
 * Everything the renderer runs or loads comes from its own bundle; previews and thumbnails
 * arrive as bytes over IPC and are shown through blob: URLs or canvases, so nothing remote is
 * ever needed.
 */
export const CSP_DIRECTIVES: Readonly<Record<string, readonly string[]>> = {
  'default-src': ["'self'"],
  // No 'unsafe-eval' and no 'unsafe-inline': the bundle is one external ES module.
  'script-src': ["'self'"],
  // Svelte 5 builds with css: 'external' (scripts/bundle.js), so <style> and <link> come from
  // app.css only. Its dynamic style: directives go through element.style (CSSOM), which CSP
  // does not govern, but a component's static style="…" attribute is parsed as markup and
  // would be refused; allowing inline style *attributes* only keeps that working without
  // allowing injected <style> elements (the vector for CSS-selector exfiltration).
  'style-src': ["'self'"],
  'style-src-elem': ["'self'"],
  'style-src-attr': ["'unsafe-inline'"],
  'img-src': ["'self'", 'blob:', 'data:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'frame-ancestors': ["'none'"],
  'form-action': ["'none'"],
};

/** The policy as one header value. */
export function contentSecurityPolicy(directives: Readonly<Record<string, readonly string[]>> = CSP_DIRECTIVES): string {
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}
