// Imported first by main.ts, before any schema module is evaluated: zod 4
// builds object parsers with `new Function` when it may, and its probe for that
// runs when a schema is created. The CSP forbids eval, and Chromium reports the
// probe as a CSP violation even though zod catches it, so turn the JIT off.
import { config } from 'zod';

config({ jitless: true });
