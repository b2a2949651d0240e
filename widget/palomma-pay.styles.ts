/** Static styles of `<palomma-pay>`: adopted style sheets only, so a strict CSP needs no `unsafe-inline`. */
import {css} from 'lit';
import {themeStyles} from './theme.styles.js';

export const palommaPayStyles = [
  themeStyles,
  css`
    .badge {
      justify-self: start;
      padding: 2px 10px;
      border-radius: 999px;
      background: var(--_badge);
      color: var(--_badge-text);
      font-size: 0.8125em;
      font-weight: 600;
    }
    .summary {
      display: flex;
      flex-wrap: wrap;
      align-items: baseline;
      justify-content: space-between;
      gap: 4px var(--_space);
      margin: 0;
    }
    .amount {
      font-size: 1.375em;
      font-weight: 700;
      font-variant-numeric: tabular-nums;
    }
    .field {
      display: grid;
      gap: 4px;
      min-width: 0;
    }
    label {
      font-weight: 600;
    }
    .optional {
      color: var(--_muted);
      font-weight: 400;
    }
    input,
    select {
      width: 100%;
      min-width: 0;
      min-height: 44px;
      margin: 0;
      padding: 8px 12px;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      background: var(--_field);
      color: inherit;
      font: inherit;
      letter-spacing: inherit;
      text-transform: none;
    }
    input[aria-invalid='true'],
    select[aria-invalid='true'] {
      border-color: var(--_danger);
      border-width: 2px;
    }
    input:disabled,
    select:disabled {
      opacity: 0.6;
    }
    .field-error,
    .error {
      color: var(--_danger);
      font-size: 0.9375em;
    }
    /* Empty live regions stay in the accessibility tree (a hidden region may not announce what appears in it);
       out of the flow, they leave no grid gap behind. */
    .error:empty,
    .status:empty {
      position: absolute;
    }
    .status {
      color: var(--_muted);
    }
    .button,
    .link {
      display: inline-flex;
      align-items: center;
      justify-content: center;
      gap: 8px;
      width: 100%;
      min-height: 48px;
      margin: 0;
      padding: 10px 16px;
      /* Transparent, not none: Windows high contrast draws it, or the button is bare text there. */
      border: 1px solid transparent;
      border-radius: var(--_radius);
      background: var(--_accent);
      color: var(--_accent-text);
      font: inherit;
      font-weight: 700;
      text-align: center;
      text-decoration: none;
      text-transform: none;
      cursor: pointer;
    }
    /* Busy keeps full colour: the text must keep its contrast while the live region explains the wait. */
    .button[aria-disabled='true'] {
      cursor: progress;
    }
    .button:disabled {
      cursor: not-allowed;
      opacity: 0.6;
    }
    :focus-visible {
      outline: 3px solid var(--_focus);
      outline-offset: 2px;
    }
    .spinner {
      width: 1em;
      height: 1em;
      border: 2px solid currentColor;
      border-right-color: transparent;
      border-radius: 50%;
      animation: spin 0.8s linear infinite;
    }
    @keyframes spin {
      to {
        transform: rotate(1turn);
      }
    }
    @media (prefers-reduced-motion: reduce) {
      .spinner {
        animation: none;
        border-right-color: currentColor;
        opacity: 0.6;
      }
    }
  `,
];
