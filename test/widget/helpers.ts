/** Small helpers shared by the element specs: reaching into the shadow root as a shopper would, by part and label. */
import {waitUntil} from '@open-wc/testing';
import {render, type TemplateResult} from 'lit';
import type {PalommaPay} from '../../widget/palomma-pay.js';
import {endpoint, installFakeProxy, sandboxConfig} from './fake-proxy.js';
import {pageNavigation, type RedirectOutcome, type RedirectTarget} from '../../widget/redirect.js';

/** The first element in `el`'s shadow root with this part. */
export function part<T extends HTMLElement = HTMLElement>(el: HTMLElement, name: string): T {
  const found = el.shadowRoot!.querySelector<T>(`[part~="${name}"]`);
  if (!found) throw new Error(`no part "${name}"`);
  return found;
}

/** The control whose visible label starts with `text`, found the way assistive technology finds it. */
export function control<T extends HTMLElement = HTMLInputElement>(
  el: HTMLElement,
  text: string,
): T {
  for (const label of el.shadowRoot!.querySelectorAll('label')) {
    if (label.textContent!.trim().startsWith(text)) {
      return el.shadowRoot!.getElementById(label.htmlFor) as T;
    }
  }
  throw new Error(`no field labelled "${text}"`);
}

/** Types into an input the way a browser reports it: set the value, then fire `input`. */
export function type(input: HTMLInputElement, value: string): void {
  input.value = value;
  input.setSelectionRange(value.length, value.length);
  input.dispatchEvent(new InputEvent('input', {bubbles: true, composed: true}));
}

/** Picks an option of a select and fires `change`. */
export function choose(select: HTMLSelectElement, value: string): void {
  select.value = value;
  select.dispatchEvent(new Event('change', {bubbles: true, composed: true}));
}

/** Fills the required fields with a valid cédula. */
export function fillValid(el: PalommaPay, documentNumber = '1020304050'): void {
  type(control(el, 'Número de documento'), documentNumber);
}

/** The pay button. */
export const button = (el: HTMLElement) => part<HTMLButtonElement>(el, 'button');

/** Waits until the element has its proxy config (the sandbox badge or the ready event has rendered). */
export async function ready(el: PalommaPay): Promise<void> {
  await waitUntil(() => (el as unknown as {_config?: unknown})._config !== undefined, 'no config');
  await el.updateComplete;
}

/** Records navigations instead of leaving the test page; `restore` puts the real one back. */
export function stubNavigation(outcome: RedirectOutcome = 'navigated') {
  const original = pageNavigation.open;
  const calls: {url: string; target: RedirectTarget}[] = [];
  pageNavigation.open = (url, target) => {
    calls.push({url, target});
    return outcome;
  };
  return {calls, restore: () => (pageNavigation.open = original)};
}

/**
 * Adds an iframe and waits until its page has defined the widget. Built by hand rather than with `fixture()`,
 * which can wait forever on an iframe's first frame when the test page is in the background.
 */
export async function loadFrame(src: string, sandbox?: string): Promise<HTMLIFrameElement> {
  const frame = document.createElement('iframe');
  frame.title = 'embedded checkout';
  if (sandbox !== undefined) frame.setAttribute('sandbox', sandbox);
  frame.src = src;
  document.body.append(frame);
  await waitUntil(
    () =>
      frame.contentDocument?.readyState === 'complete' &&
      frame.contentWindow?.customElements.get('palomma-pay-status'),
    `${src} did not define the widget`,
    {timeout: 4000},
  );
  return frame;
}

const mounted: HTMLElement[] = [];

/**
 * Renders a page fragment and waits for the widgets in it. Unlike `fixture()` it needs no animation frame, which
 * Chromium withholds from a test page running in the background.
 */
export async function mount(template: TemplateResult): Promise<HTMLElement> {
  const container = document.createElement('div');
  document.body.append(container);
  mounted.push(container);
  render(template, container);
  for (const el of container.querySelectorAll<PalommaPay>('palomma-pay')) await el.updateComplete;
  return container;
}

/** Removes what `mount` added. */
export function unmountAll(): void {
  for (const container of mounted.splice(0)) container.remove();
}

/**
 * Both elements appended to a frame's document, as a merchant's page would hold them: the checkout for `amount`
 * and the status of `REF-1`, on a fake proxy in sandbox mode installed in that frame.
 */
export function appendBoth(win: Window & typeof globalThis, amount: number) {
  const proxy = installFakeProxy(sandboxConfig, win);
  const pay = win.document.createElement('palomma-pay') as PalommaPay;
  pay.endpoint = endpoint;
  pay.amount = amount;
  const status = win.document.createElement('palomma-pay-status');
  status.setAttribute('endpoint', endpoint);
  status.setAttribute('reference', 'REF-1');
  win.document.body.append(pay, status);
  return {proxy, pay, status};
}
