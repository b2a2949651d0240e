// Runs inside the strict-CSP page: records every violation, then loads the widget, so a test can read both.
const violations: string[] = [];
document.addEventListener('securitypolicyviolation', (event) => {
  violations.push(`${event.violatedDirective} ${event.blockedURI}`);
});
Object.assign(window, {violations});
await import('../../../widget/index.js');
