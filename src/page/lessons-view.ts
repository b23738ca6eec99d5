import { freezeClock, resetClock, shiftClock } from './clock-view.js';
import { byId, h, show, showError } from './dom.js';
import { refreshKeys, retireKey, rotateKey, showPoolOfToken } from './keys-view.js';
import { lessons, type Lesson, type LessonControls } from './lessons.js';
import { mintFromForm, setMintForm } from './mint-view.js';
import { refreshWith, signInWithRotation } from './refresh-view.js';
import { state } from './state.js';
import { showTab } from './tabs.js';
import { appServicesLogin, setExpectedTokenUse, useMintedToken, verifyToken } from './verify-view.js';

/** The page's controls, pressed for the learner: each action shows its panel, then does what its button does. */
const controls: LessonControls = {
  async mint({ scenario, tokenUse }) {
    showTab('mint');
    setMintForm({ pool: state.defaultPool, client: 'spa', user: 'alice', tokenUse, scenario });
    await mintFromForm();
  },
  async verify({ expect } = {}) {
    showTab('verify');
    useMintedToken();
    if (expect) setExpectedTokenUse(expect);
    await verifyToken();
  },
  async appServicesLogin() {
    showTab('verify');
    useMintedToken();
    await appServicesLogin();
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
  async shiftClock(seconds) {
    showTab('time');
    await shiftClock(seconds);
  },
  async resetClock() {
    showTab('time');
    await resetClock();
  },
  async freezeClock() {
    showTab('time');
    await freezeClock();
  },
  async signInWithRotation() {
    showTab('time');
    await signInWithRotation();
  },
  async refresh(which) {
    showTab('time');
    await refreshWith(which);
  },
  show: (tab) => showTab(tab),
};

/** The lesson under way: steps done, and the step running now, if any. */
let running: { lesson: Lesson; done: number; busy: boolean; step?: Promise<void> } | null = null;

function render(error?: string): void {
  if (!running) return;
  const { lesson, done } = running;
  const step = lesson.steps[done - 1];
  const finished = done === lesson.steps.length;
  byId('lesson-title').textContent = `Lesson: ${lesson.title}`;
  byId('lesson-progress').textContent = finished ? `Step ${done} of ${lesson.steps.length}. Lesson complete.` : `Step ${done} of ${lesson.steps.length}`;
  show(
    byId('lesson-step'),
    step ? h('p', {}, h('strong', {}, `${step.title}. `), step.say) : null,
    error ? h('p', { class: 'error', role: 'alert' }, `This step failed: ${error}. Press Next step to try it again.`) : null,
    finished ? h('p', { id: 'lesson-complete' }, 'That is the end of this lesson. Pick another in the Lessons tab.') : null,
  );
  const next = byId<HTMLButtonElement>('lesson-next');
  next.textContent = finished ? 'Finish' : 'Next step';
  next.disabled = running.busy;
}

/** Runs the lesson's next step. */
async function next(): Promise<void> {
  const run = running;
  if (!run || run.busy) return;
  if (run.done === run.lesson.steps.length) return stop();
  const step = run.lesson.steps[run.done]!;
  run.busy = true;
  byId<HTMLButtonElement>('lesson-next').disabled = true;
  byId('lesson-progress').textContent = `Step ${run.done + 1} of ${run.lesson.steps.length}: working…`;
  run.step = step.do(controls);
  try {
    await run.step;
    run.done += 1;
    run.busy = false;
    if (running === run) render();
  } catch (e) {
    run.busy = false;
    if (running === run) render((e as Error).message);
  }
  // Ended (or replaced by another lesson) while the step ran: nothing more to show.
  if (running === run) byId('lesson-next').focus();
}

/** Starts a lesson: its bar appears above the tabs, and its first step runs. */
export async function startLesson(id: string): Promise<void> {
  const lesson = lessons.find((l) => l.id === id);
  if (!lesson) throw new Error(`no lesson "${id}"`);
  await leaveUnfinished();
  running = { lesson, done: 0, busy: false };
  byId('lesson-bar').hidden = false;
  render();
  await next();
}

/** A lesson left before its last step puts back what it changed. */
async function leaveUnfinished(): Promise<void> {
  const run = running;
  if (!run?.lesson.leave) return;
  // A step still running finishes first, so what it changes is put back too.
  await run.step?.catch(() => {});
  if (run.done === run.lesson.steps.length) return;
  await run.lesson.leave(controls).catch((e: Error) => showError(byId('time-error'), `The lesson could not put things back: ${e.message}`));
}

function stop(): void {
  void leaveUnfinished();
  running = null;
  byId('lesson-bar').hidden = true;
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
        h('p', {}, `${lesson.summary} (${lesson.steps.length} steps)`),
        h('button', { type: 'button', 'data-start': lesson.id }, 'Start this lesson'),
      ),
    ),
  );
  byId('lesson-list').addEventListener('click', (event) => {
    const id = (event.target as Element).closest<HTMLElement>('[data-start]')?.dataset.start;
    if (id) void startLesson(id);
  });
  byId('lesson-next').addEventListener('click', () => void next());
  byId('lesson-stop').addEventListener('click', stop);
}
