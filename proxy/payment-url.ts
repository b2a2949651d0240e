/** The one rule for where a shopper may be sent to pay: only an allowed Palomma origin (design principle 2). */

/**
 * Whether `paymentUrl` may be handed to the browser: it must parse, carry no credentials, and sit on one of
 * `paymentOrigins` (https Palomma hosts; the local sandbox's http origin only exists in that list in sandbox mode).
 */
export function isAllowedPaymentUrl(
  paymentUrl: string,
  paymentOrigins: readonly string[],
): boolean {
  let url: URL;
  try {
    url = new URL(paymentUrl);
  } catch {
    return false;
  }
  if (url.username !== '' || url.password !== '') return false;
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return false;
  return paymentOrigins.includes(url.origin);
}
