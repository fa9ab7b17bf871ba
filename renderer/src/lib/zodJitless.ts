// What `zod` means in the renderer (vite.config.ts aliases it here): zod with
// its JIT turned off before any schema exists. zod 4 builds object parsers with
// `new Function` when it may, and reads the setting when a schema is created;
// the CSP forbids eval, and Chromium reports zod's probe as a CSP violation even
// though zod catches it. As an alias, the setting is in force in every chunk
// (the views are loaded on demand, after the chunks their schemas live in).
import { config } from 'zod/v4';

config({ jitless: true });

export * from 'zod/v4';
export { z, z as default } from 'zod/v4';
