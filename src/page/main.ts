/**
 * The teaching page's entry point (`GET /` loads it as an ES module): reads
 * the pools, scenarios and App Services apps from the control API, then sets
 * up each panel. Every panel talks to the server only through its public
 * surfaces (api.ts), so what the page shows is what any client sees.
 */
import { initAnnouncer } from './announce.js';
import { api } from './api.js';
import { initCacheCompareView } from './cache-compare-view.js';
import { initClockView } from './clock-view.js';
import { byId } from './dom.js';
import { initInstructor } from './instructor.js';
import { initKeysView } from './keys-view.js';
import { initLessonsView } from './lessons-view.js';
import { initMatrixView } from './matrix-view.js';
import { initMintView } from './mint-view.js';
import { initPoolList } from './pool-list.js';
import { state } from './state.js';
import { initTabs } from './tabs.js';
import { initTimeEdges } from './timeline-time.js';
import { initTriggersView } from './triggers-view.js';
import { initVerifyView } from './verify-view.js';

async function start(): Promise<void> {
  const status = byId('page-status');
  try {
    const [pools, scenarios, apps] = await Promise.all([api.pools(), api.scenarios(), api.apps()]);
    Object.assign(state, { defaultPool: pools.defaultPool, pools: pools.pools, scenarios, apps });
    initTabs();
    initAnnouncer();
    initMintView();
    initVerifyView();
    initCacheCompareView();
    initKeysView();
    initMatrixView();
    initLessonsView();
    initTriggersView();
    initPoolList();
    initInstructor();
    await initClockView();
    initTimeEdges();
    status.textContent = '';
    document.body.dataset.ready = 'true';
  } catch (error) {
    status.textContent = `The page could not start: ${(error as Error).message}`;
    status.classList.add('error');
  }
}

void start();
