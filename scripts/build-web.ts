/**
 * `npm run build:web [-- --force]`: builds the web UI into dist/web when its sources changed.
 * `tacdesk serve` does the same on start; this is for deploy pipelines and for checking bundle sizes.
 */
import { ensureWebBuild } from '../src/platform/web/web-build.ts';

const force = process.argv.includes('--force');
await ensureWebBuild({ force, log: (message) => console.log(message) });
