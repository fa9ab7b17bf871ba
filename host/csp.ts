// The Content-Security-Policy both hosts send as a header with every page.
// No inline script, no eval, no inline style, nothing loaded from anywhere but
// the app itself. Svelte 5 sets `style:` directives through the CSSOM
// (element.style.cssText / setProperty), which CSP does not block, and the app
// uses no transitions (they would inject <style> keyframes); so style-src needs
// neither 'unsafe-inline' nor a hash or nonce. The e2e harness fails any test on
// a CSP violation, which is what keeps this true.
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "frame-src 'none'",
  "worker-src 'self' blob:",
].join('; ');
