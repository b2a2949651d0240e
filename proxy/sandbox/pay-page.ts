/**
 * The hosted payment page, on the sandbox's own origin as `pagos.palomma.com` is to a merchant:
 * `GET /pay/{merchant}/{id}` shows the invoice; `POST` the same path with `method` and `outcome` acts and then
 * redirects (303) to the invoice's `redirectUrl`, unchanged. `GET /pay.css` is its stylesheet.
 */
import type {Context, Hono} from 'hono';
import {bodyLimit} from 'hono/body-limit';
import {SandboxError} from './errors.js';
import type {SafeHtml} from './html.js';
import {isExpired, paymentMethods, type InvoiceRecord, type PaymentMethod} from './invoice.js';
import type {Invoices} from './invoices.js';
import {payPageCss} from './pay-page.css.js';
import {
  outcomeButtons,
  paymentPage,
  statePage,
  type Outcome,
  type PageState,
} from './pay-page.html.js';
import type {Clock} from './clock.js';

function securityHeaders(c: Context, record?: InvoiceRecord): void {
  // form-action must allow the merchant's origin too: Chromium applies it to the redirect that follows the POST.
  const formTargets = ["'self'"];
  if (record) formTargets.push(new URL(record.redirectUrl).origin);
  c.header(
    'Content-Security-Policy',
    [
      "default-src 'none'",
      "style-src 'self'",
      "img-src 'self'",
      `form-action ${formTargets.join(' ')}`,
      "frame-ancestors 'none'",
      "base-uri 'none'",
    ].join('; '),
  );
  c.header('X-Content-Type-Options', 'nosniff');
  c.header('Referrer-Policy', 'no-referrer');
  c.header('Cache-Control', 'no-store');
}

function page(
  c: Context,
  body: SafeHtml,
  status: 200 | 404 | 410 | 413 | 422,
  record?: InvoiceRecord,
) {
  securityHeaders(c, record);
  return c.html(body.value, status);
}

/** The page state of an invoice that cannot take a payment now, or undefined when it can. */
function blockedState(record: InvoiceRecord, nowMs: number): PageState | undefined {
  if (record.status === 'paid' || record.status === 'chargeback') return 'paid';
  if (record.transaction) return 'processing';
  if (record.status === 'cancelled') return 'cancelled';
  if (isExpired(record, nowMs)) return 'expired';
  return undefined;
}

const stateStatus: Record<PageState, 200 | 404 | 410> = {
  paid: 200,
  processing: 200,
  cancelled: 410,
  expired: 410,
  'not-found': 404,
};

/** Registers the hosted page routes. */
export function mountPayPage(app: Hono, deps: {invoices: Invoices; clock: Clock}): void {
  const name = () => deps.invoices.options.merchantName ?? deps.invoices.options.merchant;
  const find = (c: Context): InvoiceRecord | undefined => {
    const record = deps.invoices.get(c.req.param('id') ?? '');
    return record && record.merchant === c.req.param('merchant') ? record : undefined;
  };

  app.get('/pay.css', (c) => {
    c.header('Cache-Control', 'public, max-age=300');
    c.header('X-Content-Type-Options', 'nosniff');
    return c.body(payPageCss, 200, {'Content-Type': 'text/css; charset=utf-8'});
  });

  app.get('/pay/:merchant/:id', (c) => {
    const record = find(c);
    if (!record) return page(c, statePage('not-found'), 404);
    const state = blockedState(record, deps.clock.now());
    if (state) return page(c, statePage(state, record, name()), stateStatus[state], record);
    return page(c, paymentPage(record, name(), c.req.path), 200, record);
  });

  // A shopper's form is a few bytes; anything large is not one.
  app.post(
    '/pay/:merchant/:id',
    bodyLimit({maxSize: 16 * 1024, onError: (c) => c.text('Solicitud demasiado grande', 413)}),
  );
  app.post('/pay/:merchant/:id', async (c) => {
    const record = find(c);
    if (!record) return page(c, statePage('not-found'), 404);
    const form = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
    const outcome = String(form['outcome'] ?? '') as Outcome;
    const method = String(form['method'] ?? '') as PaymentMethod;
    if (outcome === 'abandon') return c.redirect(record.redirectUrl, 303);
    if (!Object.hasOwn(outcomeButtons, outcome)) {
      return page(c, paymentPage(record, name(), c.req.path, 'Elige una acción.'), 422, record);
    }
    const state = blockedState(record, deps.clock.now());
    if (state) return page(c, statePage(state, record, name()), stateStatus[state], record);
    const validMethod = paymentMethods.includes(method);
    if (outcome !== 'decline' && !validMethod) {
      return page(
        c,
        paymentPage(record, name(), c.req.path, 'Elige un medio de pago.'),
        422,
        record,
      );
    }
    try {
      if (outcome === 'approve') deps.invoices.pay(record.id, method);
      else if (outcome === 'pending') deps.invoices.startPending(record.id, method);
      else deps.invoices.decline(record.id);
    } catch (error) {
      if (!(error instanceof SandboxError)) throw error;
      const now = blockedState(record, deps.clock.now()) ?? 'processing';
      return page(c, statePage(now, record, name()), stateStatus[now], record);
    }
    return c.redirect(record.redirectUrl, 303);
  });
}
