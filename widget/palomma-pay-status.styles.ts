/** Static styles of `<palomma-pay-status>`. */
import {css} from 'lit';
import {themeStyles} from './theme.styles.js';

export const palommaPayStatusStyles = [
  themeStyles,
  css`
    .title {
      font-size: 1.25em;
      font-weight: 700;
    }
    :host([status='paid']) .title {
      color: var(--_success);
    }
    :host([status='cancelled']) .title,
    :host([status='chargeback']) .title,
    .problem {
      color: var(--_danger);
    }
    .details {
      display: grid;
      grid-template-columns: max-content 1fr;
      gap: 4px var(--_space);
      margin: 0;
    }
    dt {
      color: var(--_muted);
    }
    dd {
      margin: 0;
      font-variant-numeric: tabular-nums;
    }
    .note {
      color: var(--_muted);
    }
  `,
];
