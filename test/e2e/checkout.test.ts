import assert from 'node:assert/strict';
import {after, before, describe, it} from 'node:test';
import type {Browser, Page} from 'playwright-core';
import {startDemo} from '../../demo/start.js';
import {launchBrowser} from './browser.js';

type Demo = Awaited<ReturnType<typeof startDemo>>;

let demo: Demo;
let browser: Browser;

before(async () => {
  demo = await startDemo({port: 0, env: {PALOMMA_LOG: 'silent'}});
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await demo?.close();
});

/** Content-Security-Policy violations seen by any page, with where they happened. */
const violations: string[] = [];

async function openDemo(): Promise<Page> {
  const page = await browser.newPage();
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text()))
      violations.push(`${page.url()}: ${message.text()}`);
  });
  // Everything runs on loopback: a step that takes longer than this is a failure, not a slow machine.
  page.setDefaultTimeout(10_000);
  await page.goto(`${demo.url}/`);
  return page;
}

// Each flow is a different shopper: the proxy rightly hands one shopper's repeated checkout the same invoice.
let shoppers = 0;
function nextDocumentNumber(): string {
  shoppers += 1;
  return String(1020304000 + shoppers);
}

/** Fills the rent scenario (fixed amount) as a shopper would, and submits it. */
async function payRent(page: Page): Promise<void> {
  const rent = page.locator('#rent');
  await rent.getByLabel('Tipo de documento').selectOption('cc');
  await rent.getByLabel('Número de documento').fill(nextDocumentNumber());
  await rent.getByRole('button', {name: /^Pagar/}).click();
}

async function statusOf(reference: string): Promise<{status: string; paymentMethod?: string}> {
  const response = await fetch(`${demo.url}/api/palomma/status/${reference}`);
  assert.equal(response.status, 200);
  return (await response.json()) as {status: string; paymentMethod?: string};
}

describe('a shopper paying the rent', () => {
  const methods = [
    {label: 'PSE', code: 'pse'},
    {label: 'Nequi', code: 'nequiButton'},
    {label: 'Botón Bancolombia', code: 'bancolombiaButton'},
    {label: 'Bre-B', code: 'breb'},
    {label: 'Tarjeta', code: 'card'},
  ];

  for (const method of methods) {
    it(`pays with ${method.label} on the sandbox page and sees it confirmed`, async () => {
      const page = await openDemo();

      await payRent(page);
      await page.waitForURL(`${demo.sandboxOrigin}/pay/**`);
      await assert.doesNotReject(page.getByText('1.850.000').first().waitFor());
      await page.getByLabel(method.label, {exact: true}).check();
      await page.getByRole('button', {name: 'Pagar', exact: true}).click();
      await page.waitForURL(`${demo.url}/return.html?reference=*`);

      await page.getByText('Pago recibido').waitFor();
      const reference = new URL(page.url()).searchParams.get('reference')!;
      const truth = await statusOf(reference);
      assert.equal(truth.status, 'paid');
      assert.equal(truth.paymentMethod, method.code);
      await page.close();
    });
  }

  it('declines on the sandbox page and is told the payment did not go through', async () => {
    const page = await openDemo();

    await payRent(page);
    await page.waitForURL(`${demo.sandboxOrigin}/pay/**`);
    await page.getByLabel('PSE', {exact: true}).check();
    await page.getByRole('button', {name: 'Rechazar pago'}).click();
    await page.waitForURL(`${demo.url}/return.html?reference=*`);

    const reference = new URL(page.url()).searchParams.get('reference')!;
    assert.notEqual((await statusOf(reference)).status, 'paid');
    await assert.rejects(page.getByText('Pago recibido').waitFor({timeout: 1500}));
    await page.close();
  });
});

describe('a shopper typing the amount', () => {
  it('is stopped in the form below the minimum and goes to Palomma once it is fixed', async () => {
    const page = await openDemo();
    const open = page.locator('#open');
    await open.getByLabel('Tipo de documento').selectOption('cc');
    await open.getByLabel('Número de documento').fill(nextDocumentNumber());
    await open.getByLabel('Monto').fill('1000');

    await open.getByRole('button', {name: /^Pagar/}).click();
    await open.getByText(/mínimo/).waitFor();
    assert.equal(new URL(page.url()).origin, demo.url);

    await open.getByLabel('Monto').fill('250000');
    await open.getByRole('button', {name: /^Pagar/}).click();
    await page.waitForURL(`${demo.sandboxOrigin}/pay/**`);
    await page.getByText('250.000').first().waitFor();
    await page.close();
  });
});

describe('the demo under its strict Content-Security-Policy', () => {
  it('served every flow above without a single violation', async () => {
    const response = await fetch(`${demo.url}/`);

    assert.match(response.headers.get('content-security-policy') ?? '', /script-src 'self'/);
    assert.deepEqual(violations, []);
  });
});
