/**
 * The lesson engine: runs any lesson of lessons.ts in the lesson bar. Each
 * step states its goal, runs its setup, asks the learner to predict (answer
 * buttons in a fieldset), then reveals: it does what the step does, says
 * whether the prediction was right and why, and highlights what to look at,
 * scrolled into view below the (sticky) lesson bar. The last step is the
 * learner's own, checked by the lesson. Every lesson starts and ends on the
 * server's real time with no faults on the JWKS, finished or not;
 * "Start from fresh keys" gives the key ring a fresh start first.
 */
import { announce } from './announce.js';
import { api } from './api.js';
import { forgetCachedJwks, verifyBoth } from './cache-compare-view.js';
import { freezeClock, resetClock, serverNowMs, shiftClock, syncClock } from './clock-view.js';
import { byId, h, show, showError } from './dom.js';
import { refreshKeys, retireKey, rotateKey, showPoolOfToken } from './keys-view.js';
import { lessons, type Lesson, type LessonControls, type TurnResult, type TurnStart } from './lessons.js';
import { mintFromForm, setMintForm } from './mint-view.js';
import { refreshWith, signInWithRotation } from './refresh-view.js';
import { emit, state } from './state.js';
import { showTab } from './tabs.js';
import { appServicesLogin, setExpectedTokenUse, useMintedToken, verifyToken } from './verify-view.js';

/** The page's controls, pressed for the learner: each action shows its panel, then does what its button does. */
const controls: LessonControls = {
  async mint({ scenario, tokenUse }) {
    showTab('mint');
    // Claims edited by hand earlier would change the lesson's token: a lesson mints the scenario as it is.
    byId<HTMLTextAreaElement>('mint-claims').value = '{}';
    byId<HTMLInputElement>('mint-suppress').value = '';
    setMintForm({ pool: state.defaultPool, client: 'spa', user: 'alice', tokenUse, scenario });
    await mintFromForm();
  },
  async verify({ expect } = {}) {
    showTab('verify');
    useMintedToken();
    if (expect) setExpectedTokenUse(expect);
    return verifyToken();
  },
  verifyBoth,
  forgetCachedJwks,
  async verifyAsSet() {
    showTab('verify');
    return verifyToken();
  },
  async appServicesLogin() {
    showTab('verify');
    useMintedToken();
    return appServicesLogin();
  },
  async rotate(tokenUse) {
    showPoolOfToken();
    showTab('keys');
    await rotateKey(tokenUse);
  },
  async retireSigner() {
    const kid = state.minted?.signedWith?.kid;
    if (!kid) throw new Error('mint a token first: no key signed the current one');
    showPoolOfToken();
    showTab('keys');
    await retireKey(kid);
    await refreshKeys();
  },
  keys: () => api.keys(state.minted?.pool ?? state.defaultPool),
  async shiftClock(seconds) {
    showTab('time');
    await shiftClock(seconds);
  },
  async clockToExp(seconds) {
    const exp = state.minted?.payload?.exp;
    if (typeof exp !== 'number') throw new Error('mint a token with an exp first');
    showTab('time');
    // A fixed time, to the millisecond: "exp + 5 s" must not land a rounding error before it.
    await api.changeClock({ fixedTime: new Date((exp + seconds) * 1000).toISOString() });
    await syncClock();
    emit('clock-changed');
  },
  async nowSeconds() {
    await syncClock();
    return serverNowMs() / 1000;
  },
  async resetClock() {
    showTab('time');
    await resetClock();
  },
  async freezeClock() {
    showTab('time');
    await freezeClock();
  },
  async breakJwks(fault) {
    await api.setJwksFault(fault);
  },
  async jwksFaultsLeft() {
    const fault = (await api.faults()).find((f) => f.target === 'jwks');
    return fault ? (fault.remaining ?? Number.POSITIVE_INFINITY) : 0;
  },
  async clearFaults() {
    await api.clearFaults();
  },
  async signInWithRotation() {
    showTab('time');
    await signInWithRotation();
  },
  async refresh(which) {
    showTab('time');
    await refreshWith(which);
  },
  refreshLog: () => [...byId('refresh-log').querySelectorAll<HTMLElement>('li')].map((li) => ({ outcome: li.dataset.outcome ?? '', text: li.textContent ?? '' })),
  show: (tab) => showTab(tab),
};

/**
 * Where a lesson is: its step (`index`; `steps.length` is the learner's own
 * turn) and what that step is doing. `ask`: waiting for a prediction;
 * `revealed`: answered and shown; `turn`: the learner's turn, `checked` once
 * a check has said something. `work` is the promise of whatever runs now.
 */
interface Run {
  lesson: Lesson;
  index: number;
  phase: 'working' | 'ask' | 'revealed' | 'turn' | 'failed';
  chosen?: number;
  error?: string;
  result?: TurnResult;
  turnStart?: TurnStart;
  work?: Promise<unknown>;
}

let running: Run | null = null;

const stepCount = (lesson: Lesson) => lesson.steps.length + 1;
const isTurn = (run: Run) => run.index === run.lesson.steps.length;

/** Marks what the learner should look at (the first visible element `selector` finds) and scrolls it into view. */
function highlight(selector: string | undefined): void {
  for (const old of document.querySelectorAll('.lesson-look')) old.classList.remove('lesson-look');
  if (!selector) return;
  const target = [...document.querySelectorAll<HTMLElement>(selector)].find((el) => el.getClientRects().length > 0);
  if (!target) return;
  target.classList.add('lesson-look');
  scrollUnderBar(target);
}

/**
 * Scrolls `target` into view below the lesson bar, which stays at the top of
 * the window (html's scroll-padding-top, set from the bar's height, does the
 * same for the browser's own scrolling, as when Tab moves the focus).
 */
function scrollUnderBar(target: HTMLElement): void {
  const place = () => {
    if (!target.isConnected) return;
    const bar = byId('lesson-bar');
    const top = !bar.hidden && getComputedStyle(bar).position === 'sticky' ? bar.getBoundingClientRect().bottom : 0;
    const margin = 16;
    const box = target.getBoundingClientRect();
    const bottom = document.documentElement.clientHeight;
    // Below the bar, and its bottom above the fold where it fits; a tall element shows its top.
    const by = box.top < top + margin ? box.top - top - margin : box.bottom > bottom - margin ? Math.min(box.bottom - bottom + margin, box.top - top - margin) : 0;
    if (by !== 0) window.scrollBy({ top: by, behavior: 'instant' });
  };
  place();
  // Once more after the next frames: a panel drawn just now may still move (keys arriving, transitions).
  requestAnimationFrame(() => requestAnimationFrame(place));
}

/** The lesson bar's height while it sticks to the top of the window (0 otherwise), for scroll-padding and the sticky verdicts. */
function trackBarHeight(): void {
  const bar = byId('lesson-bar');
  const update = () => {
    const sticky = !bar.hidden && getComputedStyle(bar).position === 'sticky';
    document.documentElement.style.setProperty('--lesson-bar-height', `${sticky ? Math.ceil(bar.getBoundingClientRect().height) : 0}px`);
  };
  new ResizeObserver(update).observe(bar);
  addEventListener('resize', update);
  update();
}

function render(): void {
  const run = running;
  if (!run) return;
  const { lesson, index, phase } = run;
  const turn = isTurn(run);
  const step = turn ? null : lesson.steps[index]!;
  byId('lesson-title').textContent = `Lesson: ${lesson.title}`;
  const position = `Step ${index + 1} of ${stepCount(lesson)}`;
  const complete = turn && run.result?.ok;
  byId('lesson-progress').textContent = phase === 'working' ? `${position}: working…` : complete ? `${position}. Lesson complete.` : position;

  const heading = h('h3', { id: 'lesson-step-title', tabindex: '-1' }, step ? step.title : 'Your turn');
  const parts: Array<Node | null> = [heading, h('p', { class: 'lesson-goal' }, h('strong', {}, step ? 'Goal: ' : 'Task: '), step ? step.goal : lesson.yourTurn.task)];
  if (step && (phase === 'ask' || (phase === 'working' && run.chosen === undefined))) {
    parts.push(
      h(
        'fieldset',
        { id: 'lesson-predict', class: 'lesson-predict', disabled: phase === 'working' },
        h('legend', {}, `Predict: ${step.predict.question}`),
        ...step.predict.choices.map((choice, i) => h('button', { type: 'button', 'data-choice': i }, choice)),
      ),
    );
  }
  if (step && run.chosen !== undefined && phase !== 'working') {
    const right = run.chosen === step.predict.answer;
    const answer = step.predict.choices[step.predict.answer]!;
    parts.push(
      h(
        'p',
        { id: 'lesson-feedback', class: `lesson-feedback ${right ? 'right' : 'wrong'}`, 'data-right': String(right) },
        h('strong', {}, right ? '✓ Right. ' : '✗ Not quite. '),
        right ? `You predicted: ${answer}.` : `You predicted: ${step.predict.choices[run.chosen]}. What happens: ${answer}.`,
      ),
      h('p', { id: 'lesson-say' }, step.say),
    );
  }
  if (turn && phase !== 'failed') {
    const tools = lesson.yourTurn.tools ?? [];
    parts.push(
      h(
        'div',
        { class: 'buttons lesson-tools', role: 'group', 'aria-label': 'Your turn' },
        ...tools.map((tool, i) => h('button', { type: 'button', class: 'secondary', 'data-tool': i, disabled: phase === 'working' }, tool.label)),
        h('button', { type: 'button', id: 'lesson-check', disabled: phase === 'working' }, 'Check'),
      ),
    );
    if (run.result) {
      const { ok, say } = run.result;
      parts.push(h('p', { id: 'lesson-feedback', class: `lesson-feedback ${ok ? 'right' : 'wrong'}`, 'data-right': String(ok) }, h('strong', {}, ok ? '✓ Done. ' : '✗ Not yet. '), say));
      if (ok) parts.push(h('p', { id: 'lesson-complete' }, 'That is the end of this lesson. Press Finish, then pick another in the Lessons tab.'));
    }
  }
  if (phase === 'failed') parts.push(h('p', { class: 'error', role: 'alert' }, `This step failed: ${run.error}. Press Try again.`));
  show(byId('lesson-step'), ...parts);

  const next = byId<HTMLButtonElement>('lesson-next');
  next.textContent = phase === 'failed' ? 'Try again' : turn ? 'Finish' : 'Next step';
  // A prediction comes before the answer: Next waits for it.
  next.disabled = phase === 'working' || phase === 'ask';
}

/** Runs `work` as the current run's; false when it failed (the step then shows the error) or the lesson was left meanwhile. */
async function working(run: Run, work: () => Promise<unknown>): Promise<boolean> {
  run.phase = 'working';
  render();
  run.work = work();
  try {
    await run.work;
    return running === run;
  } catch (e) {
    if (running !== run) return false;
    run.phase = 'failed';
    run.error = (e as Error).message;
    render();
    byId('lesson-step-title').focus({ preventScroll: true });
    return false;
  }
}

/** Shows step `index` (its setup first) and moves the focus to its heading. */
async function enter(run: Run, index: number): Promise<void> {
  run.index = index;
  delete run.chosen;
  delete run.result;
  delete run.error;
  const step = run.lesson.steps[index];
  if (step) {
    if (!(await working(run, () => step.setup?.(controls) ?? Promise.resolve()))) return;
    run.phase = 'ask';
  } else {
    const turn = run.lesson.yourTurn;
    if (!(await working(run, () => turn.setup?.(controls) ?? Promise.resolve()))) return;
    run.turnStart = { token: state.minted?.token ?? null, refreshFirst: controls.refreshLog()[0]?.text ?? null };
    run.phase = 'turn';
  }
  render();
  highlight(step?.lookFirst);
  byId('lesson-step-title').focus({ preventScroll: true });
}

/** The learner's prediction: the step does what it does, then says whether the prediction was right. */
async function answer(choice: number): Promise<void> {
  const run = running;
  if (!run || run.phase !== 'ask') return;
  const step = run.lesson.steps[run.index]!;
  run.chosen = choice;
  if (!(await working(run, () => step.do(controls)))) return;
  run.phase = 'revealed';
  render();
  highlight(step.look);
  announce(choice === step.predict.answer ? 'Right.' : `Not quite: ${step.predict.choices[step.predict.answer]}.`);
  byId('lesson-step-title').focus({ preventScroll: true });
}

/** The learner's turn: a tool button (`tool`: its index), or Check (`tool` undefined). */
async function turnAction(tool: number | undefined): Promise<void> {
  const run = running;
  if (!run || run.phase !== 'turn') return;
  const turn = run.lesson.yourTurn;
  const start = run.turnStart ?? { token: null, refreshFirst: null };
  let result: TurnResult | undefined;
  const done = await working(run, async () => {
    if (tool === undefined) result = await turn.check(controls, start, state.minted?.token ?? null);
    else await turn.tools?.[tool]?.run(controls);
  });
  if (!done) return;
  run.phase = 'turn';
  if (result) run.result = result;
  render();
  if (result) announce(result.ok ? `Done: ${result.say} Lesson complete.` : `Not yet: ${result.say}`);
  // The pressed button was redrawn: focus its successor (Finish once the task is done).
  const focus = tool !== undefined ? byId('lesson-step').querySelector<HTMLElement>(`[data-tool="${tool}"]`) : result?.ok ? byId('lesson-next') : byId('lesson-check');
  focus?.focus({ preventScroll: true });
}

/** Next step, Try again, or Finish. */
async function next(): Promise<void> {
  const run = running;
  if (!run || run.phase === 'working') return;
  if (run.phase === 'failed') {
    if (isTurn(run) && run.turnStart) {
      run.phase = 'turn';
      render();
      byId('lesson-step-title').focus({ preventScroll: true });
      return;
    }
    if (run.chosen !== undefined) {
      run.phase = 'ask';
      return answer(run.chosen);
    }
    return enter(run, run.index);
  }
  if (isTurn(run)) return stop();
  if (run.phase === 'revealed') return enter(run, run.index + 1);
}

/** What every lesson does first and last: the server's clock on real time, and a JWKS without faults. */
async function restore(): Promise<void> {
  // Not through controls.resetClock: that shows the Time panel, and a lesson ending goes back to the list.
  await resetClock();
  await api.clearFaults();
}

/** Starts a lesson: its bar appears above the tabs, the page is set up for it, and its first step asks. */
export async function startLesson(id: string): Promise<void> {
  const lesson = lessons.find((l) => l.id === id);
  if (!lesson) throw new Error(`no lesson "${id}"`);
  await leave();
  const run: Run = { lesson, index: 0, phase: 'working' };
  running = run;
  byId('lesson-bar').hidden = false;
  document.body.classList.add('lesson-on');
  const fresh = byId<HTMLInputElement>('lesson-fresh-keys').checked;
  const ready = await working(run, async () => {
    await restore();
    if (fresh) {
      await api.regenerateKeys();
      emit('keys-changed');
      await refreshKeys();
    }
    if (lesson.freezeClock) await controls.freezeClock();
  });
  if (ready) await enter(run, 0);
}

/** Leaves the lesson under way, if any: what runs finishes first, then the clock and the rest are put back. */
async function leave(): Promise<void> {
  const run = running;
  if (!run) return;
  running = null;
  await run.work?.catch(() => {});
  await restore().catch((e: Error) => showError(byId('time-error'), `The lesson could not put things back: ${e.message}`));
}

function stop(): void {
  void leave();
  highlight(undefined);
  byId('lesson-bar').hidden = true;
  document.body.classList.remove('lesson-on');
  showTab('lessons');
  byId('lesson-list').querySelector<HTMLButtonElement>('button')?.focus();
}

/** The Lessons panel: a list of lessons, each with a Start button, and the lesson bar that steps through one. */
export function initLessonsView(): void {
  show(
    byId('lesson-list'),
    ...lessons.map((lesson) =>
      h(
        'li',
        { 'data-lesson': lesson.id },
        h('h3', {}, lesson.title),
        h('p', {}, `${lesson.summary} (${stepCount(lesson)} steps, the last one yours)`),
        h('button', { type: 'button', 'data-start': lesson.id, 'aria-label': `Start this lesson: ${lesson.title}` }, 'Start this lesson'),
      ),
    ),
  );
  byId('lesson-list').addEventListener('click', (event) => {
    const id = (event.target as Element).closest<HTMLElement>('[data-start]')?.dataset.start;
    if (id) void startLesson(id);
  });
  byId('lesson-step').addEventListener('click', (event) => {
    const button = (event.target as Element).closest<HTMLButtonElement>('button');
    if (!button || button.disabled || !running) return;
    const { choice, tool } = button.dataset;
    if (choice !== undefined) void answer(Number(choice));
    else if (tool !== undefined) void turnAction(Number(tool));
    else if (button.id === 'lesson-check') void turnAction(undefined);
  });
  byId('lesson-next').addEventListener('click', () => void next());
  byId('lesson-stop').addEventListener('click', stop);
  trackBarHeight();
}
