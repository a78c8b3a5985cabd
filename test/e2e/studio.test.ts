/** The end-to-end steps (support/steps.ts) in the browser shell: `nilut studio --browser` in headless Chromium. */
import path from 'node:path';
import { FIXTURES, startBrowserStudio } from './support/studio.js';
import { firstRunSteps, studioSteps } from './support/steps.js';

firstRunSteps('A first run in a browser', (tmp) => startBrowserStudio(path.join(tmp, 'library'), [tmp], { samples: true }));
studioSteps('NILUT Studio in a browser', (tmp) => startBrowserStudio(path.join(tmp, 'library'), [tmp, FIXTURES], { samples: false }));
