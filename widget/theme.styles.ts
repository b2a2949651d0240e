/**
 * Design tokens shared by both elements. Each `--palomma-*` custom property falls back to a default per theme, so a
 * merchant's value always wins; the private `--_*` names keep inner rules short.
 */
import {css} from 'lit';

/** The dark palette, for `theme="dark"` and for `theme="auto"` when the system is dark. */
const dark = css`
  --_accent: var(--palomma-accent, #b7a8ff);
  --_accent-text: var(--palomma-accent-text, #15131f);
  --_text: var(--palomma-text, #f1f1f6);
  --_muted: var(--palomma-muted, #c1c1cf);
  --_background: var(--palomma-background, #17171f);
  --_padding: var(--palomma-padding, 16px);
  --_field: var(--palomma-field-background, #22222c);
  --_border: var(--palomma-border, #9a9ab0);
  --_danger: var(--palomma-danger, #ff9d94);
  --_success: var(--palomma-success, #7ddc9b);
  --_focus: var(--palomma-focus-ring, #b7a8ff);
  --_badge: var(--palomma-badge-background, #4a3b00);
  --_badge-text: var(--palomma-badge-text, #ffe8a3);
  color-scheme: dark;
`;

export const themeStyles = css`
  :host {
    display: block;
    --_accent: var(--palomma-accent, #4527c9);
    --_accent-text: var(--palomma-accent-text, #ffffff);
    --_text: var(--palomma-text, #1b1b24);
    --_muted: var(--palomma-muted, #52525e);
    /* Light sits on the page as it is; dark draws its own panel, since the page behind may be light. */
    --_background: var(--palomma-background, transparent);
    --_padding: var(--palomma-padding, 0);
    --_field: var(--palomma-field-background, #ffffff);
    --_border: var(--palomma-border, #74748a);
    --_danger: var(--palomma-danger, #b3261e);
    --_success: var(--palomma-success, #1b6e3a);
    --_focus: var(--palomma-focus-ring, #4527c9);
    --_badge: var(--palomma-badge-background, #fff1c2);
    --_badge-text: var(--palomma-badge-text, #553f00);
    --_radius: var(--palomma-radius, 8px);
    --_space: var(--palomma-spacing, 12px);
    color-scheme: light;
  }
  :host([hidden]) {
    display: none;
  }
  :host([theme='dark']) {
    ${dark}
  }
  @media (prefers-color-scheme: dark) {
    :host([theme='auto']) {
      ${dark}
    }
  }
  /* The page's CSS reaches the host and everything it inherits; the root box resets what a hostile page could
     have set on the host, so only the documented custom properties and parts change the look. */
  .root {
    box-sizing: border-box;
    display: grid;
    gap: var(--_space);
    min-width: 0;
    margin: 0;
    padding: var(--_padding);
    border-radius: var(--_radius);
    border: 0;
    background: var(--_background);
    color: var(--_text);
    font-family: var(--palomma-font, inherit);
    /* Never below 16px: smaller inputs make iOS zoom the page, and some sites shrink the root font. */
    font-size: var(--palomma-font-size, max(1rem, 16px));
    font-style: normal;
    font-weight: 400;
    line-height: 1.4;
    letter-spacing: normal;
    word-spacing: normal;
    text-align: start;
    text-indent: 0;
    text-transform: none;
    text-shadow: none;
    white-space: normal;
    visibility: visible;
    overflow-wrap: anywhere;
  }
  .root *,
  .root *::before,
  .root *::after {
    box-sizing: border-box;
  }
  p {
    margin: 0;
  }
  [hidden] {
    display: none !important;
  }
`;
