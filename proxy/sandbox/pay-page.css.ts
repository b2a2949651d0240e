/**
 * The hosted page's stylesheet, served as its own file so the page runs under a CSP without `'unsafe-inline'`.
 * Large targets (at least 44 px), visible focus, and colours that keep 4.5:1 contrast in light and dark schemes.
 */
export const payPageCss = `
:root {
  color-scheme: light dark;
  --bg: #f3f5f9;
  --card: #ffffff;
  --text: #14213d;
  --muted: #4a5568;
  --line: #d5dbe5;
  --brand: #4b2bd6;
  --brand-text: #ffffff;
  --danger: #a4161a;
  --sandbox: #8a4b00;
  --sandbox-bg: #fff4d6;
  --focus: #1a56db;
  font-family: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;
  line-height: 1.5;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #0f1320;
    --card: #1a2033;
    --text: #eef1f8;
    --muted: #b6bfd3;
    --line: #343d57;
    --brand: #8f7bff;
    --brand-text: #0f1320;
    --danger: #ff8a8a;
    --sandbox: #ffd27a;
    --sandbox-bg: #3a2a05;
    --focus: #8ab4ff;
  }
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--text); min-height: 100vh; }
.sandbox-banner {
  background: var(--sandbox-bg); color: var(--sandbox); text-align: center; font-weight: 600;
  padding: 0.5rem 1rem; border-bottom: 1px solid var(--line);
}
header.top { display: flex; align-items: center; justify-content: space-between; max-width: 34rem;
  margin: 0 auto; padding: 1.25rem 1rem 0.5rem; }
.brand { font-weight: 800; font-size: 1.25rem; letter-spacing: -0.02em; color: var(--brand); }
.secure { color: var(--muted); font-size: 0.875rem; }
main { max-width: 34rem; margin: 0 auto; padding: 0 1rem 2rem; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 1rem; padding: 1.5rem;
  box-shadow: 0 1px 3px rgb(0 0 0 / 0.08); }
h1 { font-size: 1.125rem; margin: 0 0 0.25rem; color: var(--muted); font-weight: 600; }
.amount { font-size: 2.25rem; font-weight: 800; margin: 0 0 1rem; font-variant-numeric: tabular-nums; }
dl.details { display: grid; grid-template-columns: max-content 1fr; gap: 0.375rem 1rem; margin: 0 0 1.5rem; }
dl.details dt { color: var(--muted); }
dl.details dd { margin: 0; overflow-wrap: anywhere; }
fieldset { border: 1px solid var(--line); border-radius: 0.75rem; margin: 0 0 1.25rem; padding: 0.75rem 1rem 1rem; }
legend { font-weight: 700; padding: 0 0.25rem; }
/* The hint sits under the method's name, so on a phone neither squeezes the other ("Bre-" / "B") nor the radio.
   The label's box covers the whole row: the hint and the padding pick the method too, as the pointer promises. */
.method { position: relative; display: grid; grid-template-columns: auto 1fr; align-items: center;
  gap: 0 0.75rem; min-height: 2.75rem; padding: 0.25rem 0.5rem; border-radius: 0.5rem; cursor: pointer; }
.method:hover { background: color-mix(in srgb, var(--brand) 8%, transparent); }
.method input { position: relative; z-index: 1; width: 1.5rem; height: 1.5rem; margin: 0;
  accent-color: var(--brand); }
.method label { cursor: pointer; }
.method label::after { content: ''; position: absolute; inset: 0; }
.method .hint { grid-column: 2; color: var(--muted); font-size: 0.875rem; }
.actions { display: grid; gap: 0.75rem; }
button, .button-link {
  font: inherit; font-weight: 700; min-height: 2.75rem; padding: 0.625rem 1rem; border-radius: 0.625rem;
  border: 2px solid var(--brand); cursor: pointer; text-align: center; text-decoration: none; display: block;
}
button.primary { background: var(--brand); color: var(--brand-text); }
button.secondary, .button-link { background: transparent; color: var(--brand); }
button.danger { background: transparent; color: var(--danger); border-color: var(--danger); }
button:focus-visible, .button-link:focus-visible, .method input:focus-visible {
  outline: 3px solid var(--focus); outline-offset: 2px;
}
.alert { border: 2px solid var(--danger); color: var(--danger); border-radius: 0.625rem; padding: 0.75rem 1rem;
  margin: 0 0 1rem; font-weight: 600; }
.note { color: var(--muted); font-size: 0.875rem; margin: 1rem 0 0; }
.state-title { font-size: 1.5rem; margin: 0 0 0.5rem; color: var(--text); }
footer { text-align: center; color: var(--muted); font-size: 0.8125rem; padding: 1rem; }
`;
