/**
 * Starts fetching the code that the opening address needs, before the rest of the app runs: main.tsx
 * imports this module first, so the editors' chunk (see pages/storyPageChunk.ts) downloads and
 * compiles while React starts and the app asks who is signed in, rather than after.
 */
import { preloadStoryPage } from './pages/storyPageChunk';
import { parseRoute } from './router';

if (parseRoute(location.pathname, location.search).page === 'story') preloadStoryPage();
