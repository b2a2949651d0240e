/** Colombian identity documents: the types Palomma accepts and how each number is written. */

/** Palomma's document type codes, in the order a Colombian form lists them. */
export const documentTypes = ['cc', 'ce', 'nit', 'ti', 'ps', 'ppt', 'rc', 'ne', 'cif'] as const;

/** One of Palomma's document type codes. */
export type DocumentType = (typeof documentTypes)[number];

/** Why a document number was refused. */
export type DocumentProblem = 'required' | 'format' | 'check_digit';

interface DocumentRule {
  /** What a valid number looks like once dots, spaces and dashes are removed (the NIT check digit apart). */
  readonly pattern: RegExp;
  /** The `inputmode` that brings up the right phone keyboard. */
  readonly inputMode: 'numeric' | 'text';
  /** Fewest and most characters, so a message can say what to type. */
  readonly min: number;
  readonly max: number;
}

const numeric = (min: number, max: number): DocumentRule => ({
  pattern: new RegExp(`^\\d{${min},${max}}$`),
  inputMode: 'numeric',
  min,
  max,
});
const alphanumeric = (min: number, max: number): DocumentRule => ({
  pattern: new RegExp(`^[A-Z0-9]{${min},${max}}$`),
  inputMode: 'text',
  min,
  max,
});

const rules: Record<DocumentType, DocumentRule> = {
  cc: numeric(5, 10),
  ce: alphanumeric(3, 12),
  nit: numeric(8, 10),
  ti: numeric(10, 11),
  ps: alphanumeric(5, 16),
  ppt: alphanumeric(5, 16),
  rc: alphanumeric(8, 11),
  ne: alphanumeric(5, 20),
  cif: alphanumeric(5, 20),
};

/** The keyboard a phone should show for this document type. */
export function documentInputMode(type: DocumentType): 'numeric' | 'text' {
  return rules[type].inputMode;
}

/** How a number of this type is written: its keyboard and its fewest and most characters. */
export function documentRule(type: DocumentType): Omit<DocumentRule, 'pattern'> {
  return rules[type];
}

/** The NIT check digit (dígito de verificación) of DIAN's modulo-11 scheme. */
export function nitCheckDigit(base: string): number {
  const weights = [3, 7, 13, 17, 19, 23, 29, 37, 41, 43, 47, 53, 59, 67, 71];
  let sum = 0;
  for (let i = 0; i < base.length; i++) {
    sum += Number(base[base.length - 1 - i]) * (weights[i] ?? 0);
  }
  const rest = sum % 11;
  return rest > 1 ? 11 - rest : rest;
}

/**
 * The number as Palomma should receive it: upper case, without dots, spaces or dashes, and for a NIT without
 * its check digit. Returns the problem instead when the number is not valid for the type.
 */
export function normalizeDocument(
  type: DocumentType,
  raw: string,
): {number: string} | {problem: DocumentProblem} {
  const trimmed = raw.trim().toUpperCase();
  if (trimmed === '') return {problem: 'required'};
  if (type === 'nit') {
    const match = /^([\d. ]+?)(?:-\s*(\d))?$/.exec(trimmed);
    if (!match) return {problem: 'format'};
    const base = match[1]!.replace(/[. ]/g, '');
    if (!rules.nit.pattern.test(base)) return {problem: 'format'};
    if (match[2] !== undefined && Number(match[2]) !== nitCheckDigit(base)) {
      return {problem: 'check_digit'};
    }
    return {number: base};
  }
  const compact = trimmed.replace(/[.\s-]/g, '');
  return rules[type].pattern.test(compact) ? {number: compact} : {problem: 'format'};
}
