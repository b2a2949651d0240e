/** The hosted payment page's markup, in Spanish. No script and no inline style: it works under a strict CSP. */
import {formatCop} from '../../widget/money.js';
import {html, type SafeHtml} from './html.js';
import type {InvoiceRecord, PaymentMethod} from './invoice.js';

/** Each method's accessible name on the page (tests select by these) and a short hint. */
export const paymentMethodLabels: Record<PaymentMethod, {label: string; hint: string}> = {
  pse: {label: 'PSE', hint: 'Débito desde tu cuenta bancaria'},
  nequiButton: {label: 'Nequi', hint: 'Paga desde la app Nequi'},
  bancolombiaButton: {label: 'Botón Bancolombia', hint: 'Cuentas Bancolombia'},
  breb: {label: 'Bre-B', hint: 'Transferencia inmediata con tu llave'},
  card: {label: 'Tarjeta', hint: 'Crédito o débito'},
};

/** The names of the hosted page's buttons, and the `outcome` each one posts. */
export const outcomeButtons = {
  approve: 'Pagar',
  decline: 'Rechazar pago',
  pending: 'Dejar pendiente',
  abandon: 'Volver al comercio',
} as const;
export type Outcome = keyof typeof outcomeButtons;

const time = new Intl.DateTimeFormat('es-CO', {
  timeZone: 'America/Bogota',
  hour: 'numeric',
  minute: '2-digit',
});

function layout(title: string, body: SafeHtml): SafeHtml {
  return html`<!doctype html>
    <html lang="es">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>${title} · Palomma (sandbox)</title>
        <link rel="stylesheet" href="/pay.css" />
      </head>
      <body>
        <p class="sandbox-banner">Sandbox · Modo de pruebas: ningún pago es real</p>
        <header class="top">
          <span class="brand">Palomma</span><span class="secure">Pago seguro</span>
        </header>
        <main>${body}</main>
        <footer>Página de pago simulada por el sandbox local de palomma-pay.</footer>
      </body>
    </html> `;
}

function details(record: InvoiceRecord, merchantName: string): SafeHtml {
  return html`<dl class="details">
    <dt>Comercio</dt>
    <dd>${merchantName}</dd>
    <dt>Concepto</dt>
    <dd>${record.description}</dd>
    <dt>Referencia</dt>
    <dd>${record.reference}</dd>
    ${
      record.customerName === undefined
        ? ''
        : html`<dt>Cliente</dt>
            <dd>${record.customerName}</dd>`
    }
  </dl>`;
}

/** The payment form for a payable invoice; `error` is shown above the methods. */
export function paymentPage(
  record: InvoiceRecord,
  merchantName: string,
  action: string,
  error?: string,
): SafeHtml {
  const methods = (Object.keys(paymentMethodLabels) as PaymentMethod[]).map((method) => {
    const {label, hint} = paymentMethodLabels[method];
    return html`<div class="method">
      <input
        type="radio"
        id="method-${method}"
        name="method"
        value="${method}"
        required
        aria-describedby="hint-${method}"
      />
      <label for="method-${method}">${label}</label>
      <span class="hint" id="hint-${method}">${hint}</span>
    </div> `;
  });
  return layout(
    'Pagar',
    html`<section class="card" aria-labelledby="pay-title">
<h1 id="pay-title">Pago a ${merchantName}</h1>
<p class="amount">${formatCop(record.amount)}</p>
${details(record, merchantName)}
${error === undefined ? '' : html`<p class="alert" role="alert" id="form-error">${error}</p>`}
<form method="post" action="${action}">
<fieldset${error === undefined ? '' : html` aria-describedby="form-error"`}>
<legend>Medio de pago</legend>
${methods}
</fieldset>
<div class="actions">
<button type="submit" class="primary" name="outcome" value="approve">${outcomeButtons.approve}</button>
<button type="submit" class="secondary" name="outcome" value="pending">${outcomeButtons.pending}</button>
<button type="submit" class="danger" name="outcome" value="decline" formnovalidate>${outcomeButtons.decline}</button>
<button type="submit" class="secondary" name="outcome" value="abandon" formnovalidate>${outcomeButtons.abandon}</button>
</div>
</form>
<p class="note">Este enlace vence a las ${time.format(record.expiresAtMs)} (hora de Colombia).
“${outcomeButtons.pending}” simula un pago que el banco confirma más tarde.</p>
</section>`,
  );
}

/** The states in which the page shows a message instead of the form. */
export type PageState = 'expired' | 'cancelled' | 'paid' | 'processing' | 'not-found';

const stateTexts: Record<PageState, {title: string; text: string}> = {
  expired: {
    title: 'El enlace de pago expiró',
    text: 'Los enlaces de pago vencen 5 minutos después de creados. Vuelve al comercio para generar uno nuevo.',
  },
  cancelled: {
    title: 'Este pago fue cancelado',
    text: 'El enlace ya no acepta pagos. Vuelve al comercio para intentarlo de nuevo.',
  },
  paid: {title: 'Este pago ya fue realizado', text: 'No necesitas pagar de nuevo.'},
  processing: {
    title: 'Tu pago está en proceso',
    text: 'La entidad aún no lo confirma. El comercio verá el resultado en cuanto llegue.',
  },
  'not-found': {title: 'No encontramos este pago', text: 'Revisa el enlace que recibiste.'},
};

/** A message page (expired, cancelled, already paid, in progress, unknown), with a way back when there is one. */
export function statePage(state: PageState, record?: InvoiceRecord, merchantName = ''): SafeHtml {
  const {title, text} = stateTexts[state];
  return layout(
    title,
    html`<section class="card" aria-labelledby="state-title">
      <h1 id="state-title" class="state-title">${title}</h1>
      <p>${text}</p>
      ${
        record
          ? html`<p class="amount">${formatCop(record.amount)}</p>
              ${details(record, merchantName)}`
          : ''
      }
      ${record ? html`<a class="button-link" href="${record.redirectUrl}">${outcomeButtons.abandon}</a>` : ''}
    </section>`,
  );
}
