/**
 * The one place that decides whether and how the shopper leaves the page for Palomma. A payment link expires five
 * minutes after it is made, so the widget navigates at once; it never navigates anywhere Palomma does not host.
 */
import type {PublicConfig} from './contract.js';
import {PalommaError} from './http.js';

/** Where the payment page opens: this frame, the top window (leaving an iframe), or a new tab. */
export type RedirectTarget = 'self' | 'top' | 'blank';

/** How the shopper was sent on: navigated already, or shown a link to click because navigating was not allowed. */
export type RedirectOutcome = 'navigated' | 'link';

/** The parts of `window` a redirect touches, so tests can hand in a stand-in that never leaves the page. */
export interface RedirectWindow {
  readonly location: Pick<Location, 'assign'>;
  readonly top: {location: {href: string}} | null;
  readonly self?: unknown;
}

/** The proxy answered with a payment URL the widget will not open; the shopper gets its own text. */
export class RedirectRefused extends PalommaError {
  constructor(url: string) {
    super(
      'upstream_error',
      "paymentUrl is not https on an origin in the proxy's GET /config paymentOrigins; refused to navigate.",
      undefined,
      {cause: url},
    );
  }
}

/** `top` and `blank` as given, anything else means `self`. */
export function toTarget(value: string | null | undefined): RedirectTarget {
  return value === 'top' || value === 'blank' ? value : 'self';
}

/**
 * The payment URL when it may be opened: its origin is one the proxy lists in `paymentOrigins`, and it is https
 * (plain http only when the proxy says it runs the local sandbox). Fake payment pages exist in the wild, and the
 * proxy's answer could have been tampered with between Palomma and the browser.
 */
export function allowedPaymentUrl(
  url: string,
  config: Pick<PublicConfig, 'mode' | 'paymentOrigins'>,
): URL | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  const secure =
    parsed.protocol === 'https:' || (config.mode === 'sandbox' && parsed.protocol === 'http:');
  if (!secure || parsed.username || parsed.password) return undefined;
  const listed = config.paymentOrigins.some((origin) => {
    try {
      return new URL(origin).origin === parsed.origin;
    } catch {
      return false;
    }
  });
  return listed ? parsed : undefined;
}

/**
 * Opens the payment page. `self` navigates this frame. `top` navigates the top window when this frame may (a
 * sandboxed iframe without `allow-top-navigation` throws a SecurityError), else asks for a link. `blank` always asks
 * for a link: by now the widget has awaited the proxy, so `window.open` would be a blocked popup.
 */
export function openPaymentPage(
  url: string,
  target: RedirectTarget,
  win: RedirectWindow = window,
): RedirectOutcome {
  if (target === 'blank') return 'link';
  if (target === 'top' && win.top && win.top !== win.self) {
    try {
      win.top.location.href = url;
      return 'navigated';
    } catch {
      return 'link';
    }
  }
  win.location.assign(url);
  return 'navigated';
}

/**
 * The navigation the widget performs, behind one object so a test can replace `open` and keep its page. Merchants
 * take over navigation with the cancelable `palomma-redirect` event instead.
 */
export const pageNavigation = {
  open: (url: string, target: RedirectTarget): RedirectOutcome => openPaymentPage(url, target),
};
