/**
 * `npm run sign -- --amount 1850000 --description "Canon marzo" --reference INV-2026-0001 [--contract C-12]
 * [--expires-in 3600 | --expires <unix seconds>]`: signs a checkout with `PALOMMA_SIGNING_SECRET` and prints the
 * attributes for `<palomma-pay>`. The secret comes only from the environment, never from the command line,
 * so it does not end up in shell history or `ps`.
 */
import {parseArgs} from 'node:util';
import {pathToFileURL} from 'node:url';
import {signCheckout, type SignedFields} from './signing.js';

const usage = `Usage: npm run sign -- --amount <COP> --description <text> --reference <ref>
                     [--contract <id>] [--expires-in <seconds> | --expires <unix seconds>] [--json]
Reads the secret from PALOMMA_SIGNING_SECRET.`;

/** A command-line mistake; the message is what to print. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/**
 * Runs `sign` with `args` (after the subcommand) and returns what to print.
 * @throws {UsageError} for missing or malformed options or secret.
 */
export async function runSign(
  args: string[],
  env: Record<string, string | undefined>,
  nowMs: number = Date.now(),
): Promise<string> {
  let values;
  try {
    ({values} = parseArgs({
      args,
      options: {
        amount: {type: 'string'},
        description: {type: 'string'},
        reference: {type: 'string'},
        contract: {type: 'string'},
        expires: {type: 'string'},
        'expires-in': {type: 'string'},
        json: {type: 'boolean'},
      },
      strict: true,
    }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${usage}`);
  }
  const secret = env.PALOMMA_SIGNING_SECRET?.trim();
  if (!secret) throw new UsageError('Set PALOMMA_SIGNING_SECRET to the secret the proxy uses.');
  if (
    values.amount === undefined ||
    values.description === undefined ||
    values.reference === undefined
  ) {
    throw new UsageError(`--amount, --description and --reference are required.\n${usage}`);
  }
  if (values.expires !== undefined && values['expires-in'] !== undefined) {
    throw new UsageError('Give --expires or --expires-in, not both.');
  }
  const whole = (name: string, raw: string): number => {
    if (!/^\d+$/.test(raw)) throw new UsageError(`--${name} must be a whole number, got "${raw}"`);
    return Number(raw);
  };
  const expires =
    values.expires !== undefined
      ? whole('expires', values.expires)
      : Math.floor(nowMs / 1000) + whole('expires-in', values['expires-in'] ?? '3600');
  const fields: SignedFields = {
    amount: whole('amount', values.amount.replace(/[._]/g, '')),
    description: values.description.trim(),
    reference: values.reference,
    ...(values.contract !== undefined ? {contract: values.contract.trim()} : {}),
    expires,
  };
  let signature: string;
  try {
    signature = await signCheckout(fields, secret);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.json) return JSON.stringify({...fields, signature});
  const attributes = Object.entries({...fields, signature})
    .map(
      ([name, value]) =>
        `${name}="${String(value).replace(/&/g, '&amp;').replace(/"/g, '&quot;')}"`,
    )
    .join(' ');
  return `<palomma-pay ${attributes}></palomma-pay>`;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command !== 'sign') {
    console.error(usage);
    return 1;
  }
  try {
    console.log(await runSign(rest, process.env));
    return 0;
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`palomma-pay sign: ${error.message}`);
    return 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2));
}
