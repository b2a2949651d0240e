/**
 * JSX entries for `<palomma-pay>` and `<palomma-pay-status>`, so React, Preact and other JSX users get typed
 * attributes. Attributes are the HTML (kebab-case) names; listen to `palomma-*` events with `addEventListener`.
 */
import type {PalommaPay} from './palomma-pay.js';
import type {PalommaPayStatus} from './palomma-pay-status.js';

type Numeric = number | `${number}`;

interface CommonAttributes<T> {
  id?: string;
  class?: string;
  className?: string;
  slot?: string;
  hidden?: boolean;
  style?: unknown;
  key?: string | number;
  ref?: unknown;
  children?: never;
  /** Typed element instance for framework refs. */
  _element?: T;
}

/** Attributes of `<palomma-pay>`. */
export interface PalommaPayAttributes extends CommonAttributes<PalommaPay> {
  endpoint?: string;
  amount?: Numeric;
  'min-amount'?: Numeric;
  'max-amount'?: Numeric;
  description?: string;
  reference?: string;
  contract?: string;
  'ask-contract'?: boolean;
  item?: string;
  signature?: string;
  expires?: Numeric;
  'document-type'?: 'cc' | 'ce' | 'nit' | 'ti' | 'ps' | 'ppt' | 'rc' | 'ne' | 'cif';
  'document-number'?: string;
  'customer-name'?: string;
  lang?: 'es' | 'en' | (string & {});
  theme?: 'light' | 'dark' | 'auto';
  target?: 'self' | 'top' | 'blank';
  disabled?: boolean;
  debug?: boolean;
  timeout?: Numeric;
  /** JSON of text overrides, e.g. `{"pay": "Pagar arriendo"}`. */
  messages?: string;
}

/** Attributes of `<palomma-pay-status>`. */
export interface PalommaPayStatusAttributes extends CommonAttributes<PalommaPayStatus> {
  endpoint?: string;
  reference?: string;
  lang?: 'es' | 'en' | (string & {});
  theme?: 'light' | 'dark' | 'auto';
  'poll-interval'?: Numeric;
  'max-polls'?: Numeric;
  messages?: string;
}

interface PalommaIntrinsicElements {
  'palomma-pay': PalommaPayAttributes;
  'palomma-pay-status': PalommaPayStatusAttributes;
}

declare global {
  namespace JSX {
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    interface IntrinsicElements extends PalommaIntrinsicElements {}
  }
}

declare module 'react' {
  namespace JSX {
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    interface IntrinsicElements extends PalommaIntrinsicElements {}
  }
}

declare module 'preact' {
  namespace JSX {
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    interface IntrinsicElements extends PalommaIntrinsicElements {}
  }
}
