/**
 * Imported first by every browser entry (renderer, widget). zod probes `new Function` when the first schema is built,
 * and under a strict CSP (no 'unsafe-eval': the app's own CSP, and sites that embed the widget) that probe is reported as a
 * security-policy violation even though zod catches it. Jitless mode skips the probe; the
 * browser side parses small frames, so the compiled fast path buys nothing there.
 */
import { config } from 'zod';

config({ jitless: true });
