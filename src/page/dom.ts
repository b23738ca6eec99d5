/**
 * A few DOM helpers. Everything the page shows is built with text nodes and
 * elements, never from HTML strings: claims and error messages come from tokens
 * anyone can forge.
 */

export type Child = Node | string | number | null | undefined | false;

/** Attributes to set; `class` and `data-*` included. `false`/`null` leave one out. */
export type Attributes = Record<string, string | number | boolean | null | undefined>;

/**
 * Creates an element with attributes and children.
 *
 * @example
 * h('p', { class: 'note' }, 'Signed by ', h('code', {}, kid))
 */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Attributes = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false || value === null || value === undefined) continue;
    element.setAttribute(name, value === true ? '' : String(value));
  }
  append(element, ...children);
  return element;
}

/** Appends children, skipping empty ones. */
export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child);
  }
}

/** Replaces every child of `parent`. */
export function show(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, ...children);
}

/** The element with this id, of the expected kind; a missing one is a bug in the page. */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`the page has no #${id}`);
  return element as T;
}

/** Fills a `<select>` with options, keeping the current value when it is still offered. */
export function setOptions(select: HTMLSelectElement, options: Array<{ value: string; label: string }>, preferred?: string): void {
  const keep = preferred ?? select.value;
  select.replaceChildren(...options.map((o) => h('option', { value: o.value }, o.label)));
  if (options.some((o) => o.value === keep)) select.value = keep;
}

/** Shows an error message in a `role="alert"` box, or hides the box when `message` is null. */
export function showError(box: HTMLElement, message: string | null): void {
  box.hidden = message === null;
  box.textContent = message ?? '';
}

/** `2030-01-01 00:00:05 UTC` */
export function formatTime(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').replace(/\.\d{3}Z$/, ' UTC');
}

/** `59 min 58 s`, `2 h 5 min`, `3 d 4 h`: the two largest units. */
export function formatDuration(seconds: number): string {
  let rest = Math.abs(Math.round(seconds));
  if (rest === 0) return '0 s';
  const parts: string[] = [];
  for (const [size, unit] of [
    [86_400, 'd'],
    [3600, 'h'],
    [60, 'min'],
    [1, 's'],
  ] as const) {
    if (rest >= size && parts.length < 2) {
      parts.push(`${Math.floor(rest / size)} ${unit}`);
      rest %= size;
    } else if (parts.length > 0) break;
  }
  return parts.join(' ');
}
