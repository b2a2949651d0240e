/** Colombian pesos as shoppers read and type them: whole pesos, `$ 1.850.000` in Spanish, `COP 1,850,000` in English. */

/** A language the widget speaks. */
export type Lang = 'es' | 'en';

const formats = new Map<Lang, Intl.NumberFormat>();

function format(lang: Lang): Intl.NumberFormat {
  let nf = formats.get(lang);
  if (!nf) {
    // Created on first use, not at import, so server-side rendering never builds one it does not need.
    nf = new Intl.NumberFormat(lang === 'en' ? 'en-CO' : 'es-CO', {
      style: 'currency',
      currency: 'COP',
      minimumFractionDigits: 0,
      maximumFractionDigits: 0,
    });
    formats.set(lang, nf);
  }
  return nf;
}

/** Formats whole pesos for display, e.g. `$ 1.850.000`. */
export function formatCop(amount: number, lang: Lang = 'es'): string {
  return format(lang).format(amount);
}

/**
 * Reads the pesos a shopper typed. Separators and the currency sign are ignored; a trailing decimal part
 * (`,50` in Spanish, `.50` in English) is dropped because Palomma charges whole pesos. Empty input gives undefined.
 */
export function parseCop(text: string, lang: Lang = 'es'): number | undefined {
  const decimals = lang === 'en' ? /\.\d{1,2}$/ : /,\d{1,2}$/;
  const digits = text
    .trim()
    .replace(decimals, '')
    .replace(/\D/g, '')
    .replace(/^0+(?=\d)/, '');
  return digits === '' ? undefined : Number(digits.slice(0, 15));
}

/**
 * Formats what the shopper is typing and says where the caret belongs: after the same number of digits as before,
 * so typing in the middle of `$ 1.850.000` does not throw the caret to the end.
 */
export function formatTypedCop(
  text: string,
  caret: number,
  lang: Lang = 'es',
): {value: string; caret: number} {
  const amount = parseCop(text, lang);
  if (amount === undefined) return {value: '', caret: 0};
  const value = formatCop(amount, lang);
  const digitsBefore = text.slice(0, caret).replace(/\D/g, '').length;
  let seen = 0;
  let at = value.length;
  for (let i = 0; i < value.length && digitsBefore > 0; i++) {
    if (/\d/.test(value[i]!) && ++seen === digitsBefore) {
      at = i + 1;
      break;
    }
  }
  if (digitsBefore === 0) at = value.search(/\d/);
  return {value, caret: at};
}
