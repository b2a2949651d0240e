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

/** A trailing decimal part as the shopper writes it: `,50` in Spanish, `.50` in English (or just the separator). */
const decimals = (lang: Lang) => (lang === 'en' ? /\.\d{0,2}$/ : /,\d{0,2}$/);

/**
 * Reads the pesos a shopper typed. Separators and the currency sign are ignored; a trailing decimal part
 * (`,50` in Spanish, `.50` in English) is dropped because Palomma charges whole pesos. Empty input gives undefined.
 */
export function parseCop(text: string, lang: Lang = 'es'): number | undefined {
  const digits = text
    .trim()
    .replace(decimals(lang), '')
    .replace(/\D/g, '')
    .replace(/^0+(?=\d)/, '');
  return digits === '' ? undefined : Number(digits.slice(0, 15));
}

/**
 * Formats what the shopper is typing and says where the caret belongs: after the same number of digits as before,
 * so typing in the middle of `$ 1.850.000` does not throw the caret to the end. A decimal part being typed stays as
 * typed (and is ignored when read): dropping the `,` would glue the `50` of `1.850.000,50` onto the pesos.
 */
export function formatTypedCop(
  text: string,
  caret: number,
  lang: Lang = 'es',
): {value: string; caret: number} {
  const amount = parseCop(text, lang);
  if (amount === undefined) return {value: '', caret: 0};
  const value = formatCop(amount, lang) + (decimals(lang).exec(text)?.[0] ?? '');
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
  if (caret >= text.length) at = value.length;
  return {value, caret: at};
}
