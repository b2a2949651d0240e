/** Every text the widget shows, in Spanish (default) and English. Merchants override any of them by key. */
import type {ErrorCode} from './limits.js';
import type {DocumentType} from './documents.js';
import type {Lang} from './money.js';

/** Codes a `palomma-error` can carry: the proxy's codes, plus the failures only the browser can see. */
export type PalommaErrorCode =
  ErrorCode | 'network_error' | 'network_timeout' | 'invalid_response' | 'config_error';

/** The texts of one language. `{amount}`, `{min}` and `{max}` are filled in by the widget. */
export interface Messages {
  documentType: string;
  documentNumber: string;
  customerName: string;
  optional: string;
  amount: string;
  contract: string;
  pay: string;
  payAmount: string;
  creating: string;
  redirecting: string;
  continue: string;
  sandbox: string;
  required: string;
  /** A numeric document number (cédula, NIT, tarjeta de identidad) of the wrong shape; `{min}`, `{max}` digits. */
  documentFormat: string;
  /** An alphanumeric document number (passport, PPT, …) of the wrong shape; `{min}`, `{max}` characters. */
  documentFormatText: string;
  documentCheckDigit: string;
  amountMin: string;
  amountMax: string;
  redirectRefused: string;
  // Status page.
  statusPaid: string;
  statusReady: string;
  statusReadyLong: string;
  statusCancelled: string;
  statusChargeback: string;
  statusLoading: string;
  statusNoReference: string;
  statusNotFound: string;
  statusError: string;
  statusReference: string;
  statusMethod: string;
  statusDate: string;
  documentTypes: Record<DocumentType, string>;
  /** Names of Palomma's payment methods by code; an unknown code is shown as it comes. */
  paymentMethods: Record<string, string>;
  errors: Record<PalommaErrorCode, string>;
}

/** Partial texts a merchant passes to replace some of the defaults. */
export type MessageOverrides = Partial<
  Omit<Messages, 'documentTypes' | 'paymentMethods' | 'errors'>
> & {
  documentTypes?: Partial<Messages['documentTypes']>;
  paymentMethods?: Messages['paymentMethods'];
  errors?: Partial<Messages['errors']>;
};

// Failures the shopper cannot fix share one text: the merchant's setup is wrong, or trying again may help.
const esSetup = 'Este botón de pago no está bien configurado. Avisa al comercio.';
const esRetry = 'No pudimos crear tu pago. Intenta de nuevo en un momento.';
const enSetup = 'This payment button is not set up correctly. Please tell the merchant.';
const enRetry = 'We could not create your payment. Try again in a moment.';

const es: Messages = {
  documentType: 'Tipo de documento',
  documentNumber: 'Número de documento',
  customerName: 'Nombre',
  optional: '(opcional)',
  amount: 'Monto',
  contract: 'Contrato',
  pay: 'Pagar',
  payAmount: 'Pagar {amount}',
  creating: 'Creando tu pago…',
  redirecting: 'Redirigiendo a Palomma…',
  continue: 'Continuar al pago',
  sandbox: 'Modo de pruebas',
  required: 'Completa este campo.',
  documentFormat: 'Escribe de {min} a {max} dígitos, sin letras.',
  documentFormatText: 'Escribe de {min} a {max} letras o números.',
  documentCheckDigit: 'El dígito de verificación no coincide: revísalo o escribe el NIT sin él.',
  amountMin: 'El monto mínimo es {min}.',
  amountMax: 'El monto máximo es {max}.',
  redirectRefused:
    'El enlace de pago no es de Palomma, así que no te llevamos allí. Avisa al comercio.',
  statusPaid: 'Pago recibido',
  statusReady: 'Estamos confirmando tu pago',
  statusReadyLong: 'Tu pago sigue en confirmación. Recarga esta página en unos minutos.',
  statusCancelled: 'El pago fue cancelado',
  statusChargeback: 'El pago fue reversado',
  statusLoading: 'Consultando tu pago…',
  statusNoReference: 'No encontramos la referencia del pago en este enlace.',
  statusNotFound: 'No encontramos este pago.',
  statusError: 'No pudimos consultar tu pago. Recarga la página.',
  statusReference: 'Referencia',
  statusMethod: 'Medio de pago',
  statusDate: 'Fecha',
  documentTypes: {
    cc: 'Cédula de ciudadanía',
    ce: 'Cédula de extranjería',
    nit: 'NIT',
    ti: 'Tarjeta de identidad',
    ps: 'Pasaporte',
    ppt: 'Permiso por protección temporal',
    rc: 'Registro civil',
    ne: 'NIT extranjero',
    cif: 'Código de identificación fiscal',
  },
  paymentMethods: {
    pse: 'PSE',
    nequiButton: 'Nequi',
    bancolombiaButton: 'Botón Bancolombia',
    breb: 'Bre-B',
    card: 'Tarjeta',
  },
  errors: {
    invalid_request: 'Revisa los datos del formulario.',
    invalid_json: esSetup,
    origin_not_allowed: esSetup,
    bad_signature: 'El monto de este pago no es válido. Recarga la página o avisa al comercio.',
    signature_expired: 'Este pago venció. Recarga la página para obtener uno nuevo.',
    amount_not_allowed: 'Este monto no está permitido. Revisa el valor o avisa al comercio.',
    unknown_item: 'Este producto ya no está disponible.',
    body_too_large: esSetup,
    unsupported_media_type: esSetup,
    rate_limited: 'Hay demasiados intentos. Espera un minuto e intenta de nuevo.',
    upstream_error: esRetry,
    upstream_timeout: 'Palomma tardó demasiado en responder. Intenta de nuevo.',
    internal: esRetry,
    network_error: 'Sin conexión. Revisa tu internet e intenta de nuevo.',
    network_timeout: 'La conexión tardó demasiado. Intenta de nuevo.',
    invalid_response: esRetry,
    config_error: esSetup,
  },
};

const en: Messages = {
  documentType: 'Document type',
  documentNumber: 'Document number',
  customerName: 'Name',
  optional: '(optional)',
  amount: 'Amount',
  contract: 'Contract',
  pay: 'Pay',
  payAmount: 'Pay {amount}',
  creating: 'Creating your payment…',
  redirecting: 'Redirecting to Palomma…',
  continue: 'Continue to payment',
  sandbox: 'Test mode',
  required: 'Fill in this field.',
  documentFormat: 'Enter {min} to {max} digits, without letters.',
  documentFormatText: 'Enter {min} to {max} letters or digits.',
  documentCheckDigit: 'The check digit does not match: check it, or enter the NIT without it.',
  amountMin: 'The minimum amount is {min}.',
  amountMax: 'The maximum amount is {max}.',
  redirectRefused:
    'The payment link is not a Palomma page, so we did not open it. Please tell the merchant.',
  statusPaid: 'Payment received',
  statusReady: 'We are confirming your payment',
  statusReadyLong: 'Your payment is still being confirmed. Reload this page in a few minutes.',
  statusCancelled: 'The payment was cancelled',
  statusChargeback: 'The payment was reversed',
  statusLoading: 'Checking your payment…',
  statusNoReference: 'This link does not include a payment reference.',
  statusNotFound: 'We could not find this payment.',
  statusError: 'We could not check your payment. Reload the page.',
  statusReference: 'Reference',
  statusMethod: 'Payment method',
  statusDate: 'Date',
  documentTypes: {
    cc: 'Citizenship ID (CC)',
    ce: 'Foreigner ID (CE)',
    nit: 'Tax ID (NIT)',
    ti: 'Identity card (TI)',
    ps: 'Passport',
    ppt: 'Temporary protection permit (PPT)',
    rc: 'Civil registry (RC)',
    ne: 'Foreign tax ID (NE)',
    cif: 'Fiscal identification code (CIF)',
  },
  paymentMethods: {
    pse: 'PSE',
    nequiButton: 'Nequi',
    bancolombiaButton: 'Bancolombia button',
    breb: 'Bre-B',
    card: 'Card',
  },
  errors: {
    invalid_request: 'Check the form fields.',
    invalid_json: enSetup,
    origin_not_allowed: enSetup,
    bad_signature: 'This payment amount is not valid. Reload the page or tell the merchant.',
    signature_expired: 'This payment expired. Reload the page to get a new one.',
    amount_not_allowed: 'This amount is not allowed. Check it or tell the merchant.',
    unknown_item: 'This product is no longer available.',
    body_too_large: enSetup,
    unsupported_media_type: enSetup,
    rate_limited: 'Too many attempts. Wait a minute and try again.',
    upstream_error: enRetry,
    upstream_timeout: 'Palomma took too long to answer. Try again.',
    internal: enRetry,
    network_error: 'No connection. Check your internet and try again.',
    network_timeout: 'The connection took too long. Try again.',
    invalid_response: enRetry,
    config_error: enSetup,
  },
};

/** The built-in texts, by language. */
export const defaultMessages: Record<Lang, Messages> = {es, en};

/** `en` for any English tag (`en`, `en-US`), otherwise Spanish. */
export function toLang(tag: string | null | undefined): Lang {
  return tag?.toLowerCase().startsWith('en') ? 'en' : 'es';
}

/** The texts of one language with a merchant's overrides applied on top. */
export function resolveMessages(lang: Lang, overrides?: MessageOverrides): Messages {
  const base = defaultMessages[lang];
  if (!overrides) return base;
  return {
    ...base,
    ...overrides,
    documentTypes: {...base.documentTypes, ...overrides.documentTypes},
    paymentMethods: {...base.paymentMethods, ...overrides.paymentMethods},
    errors: {...base.errors, ...overrides.errors},
  } as Messages;
}

/** Fills `{name}` placeholders; unknown ones are left as they are so a typo in an override stays visible. */
export function fill(template: string, values: Record<string, string>): string {
  // String(): a merchant's override from JSON may be a number; it shows as text instead of breaking the form.
  return String(template).replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}
