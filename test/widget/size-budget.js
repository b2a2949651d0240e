// A script-tag bundle is what every shopper downloads before the button (or the return page) works: each must stay
// within 15 KB gzip (zlib level 9), everything included. Prints gzip and brotli bytes of each built script; exits 1
// when a script-tag bundle is over budget.
import {readFileSync, readdirSync} from 'node:fs';
import {join} from 'node:path';
import {brotliCompressSync, constants, gzipSync} from 'node:zlib';

const dist = 'dist';
const budgeted = ['palomma-pay.iife.js', 'palomma-pay-status.iife.js'];
// 15 KB read the strict way: 15,000 bytes, not 15 KiB.
const budget = 15_000;

let files;
try {
  files = readdirSync(dist).filter((name) => name.endsWith('.js'));
} catch {
  console.error('No dist/: run `npm run build` first.');
  process.exit(1);
}
for (const name of budgeted) {
  if (!files.includes(name)) {
    console.error(`dist/${name} is missing: run \`npm run build\` first.`);
    process.exit(1);
  }
}

let over = false;
for (const name of files.sort()) {
  const bytes = readFileSync(join(dist, name));
  const gzip = gzipSync(bytes, {level: 9}).length;
  const brotli = brotliCompressSync(bytes, {
    params: {[constants.BROTLI_PARAM_QUALITY]: 11},
  }).length;
  const line = `${name.padEnd(27)} ${String(bytes.length).padStart(7)} B  gzip ${String(gzip).padStart(6)} B  brotli ${String(brotli).padStart(6)} B`;
  if (budgeted.includes(name)) {
    const verdict = gzip <= budget ? 'within' : 'OVER';
    console.log(`${line}  (${verdict} the ${budget} B gzip budget)`);
    over ||= gzip > budget;
  } else {
    console.log(line);
  }
}
process.exit(over ? 1 : 0);
