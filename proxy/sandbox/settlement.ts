/**
 * Settlement cycles. Palomma settles five times a day, at 11, 13, 16, 18 and 20 h Colombian time (UTC−5, no daylight
 * saving). A payment is expected in the first cycle strictly after it, on the next day after the 20 h cycle.
 */

/** The hours of the day's settlement cycles, Colombian time. */
export const settlementCycleHours: readonly number[] = [11, 13, 16, 18, 20];

const bogotaOffsetMs = -5 * 60 * 60 * 1000;

/** The settlement a payment made at `paidAtMs` is expected in: `settlementDate` and `settlementTime` (`"16:00"`). */
export function expectedSettlement(paidAtMs: number): {date: string; time: string; hour: number} {
  const local = new Date(paidAtMs + bogotaOffsetMs);
  const minutes = local.getUTCHours() * 60 + local.getUTCMinutes();
  let hour = settlementCycleHours.find((h) => h * 60 > minutes);
  if (hour === undefined) {
    local.setUTCDate(local.getUTCDate() + 1);
    hour = settlementCycleHours[0]!;
  }
  return {date: local.toISOString().slice(0, 10), time: formatCycle(hour), hour};
}

/** The settlement time written on an invoice for a cycle hour (`16` → `"16:00"`). */
export function formatCycle(hour: number): string {
  return `${String(hour).padStart(2, '0')}:00`;
}

/** The instant (epoch ms) a cycle of a Colombian date closes. */
export function cycleInstant(date: string, hour: number): number {
  return new Date(`${date}T${String(hour).padStart(2, '0')}:00:00.000Z`).getTime() - bogotaOffsetMs;
}

/** The date in Colombia (YYYY-MM-DD) at `ms`. */
export function bogotaDate(ms: number): string {
  return new Date(ms + bogotaOffsetMs).toISOString().slice(0, 10);
}

/** One invoice's line in a settlement. */
export interface SettlementLine {
  invoiceId: string;
  reference: string;
  paymentId: string;
  status: 'paid' | 'chargeback';
  paymentAmount: number;
  fee: number;
}

/** `GET /settlements/{date}/{cycle}`: what a cycle collected, its fees, chargeback adjustments and the net. */
export interface SettlementReport {
  date: string;
  cycle: string;
  status: 'scheduled' | 'settled';
  settledAt: string;
  currency: 'COP';
  invoiceCount: number;
  collected: number;
  fees: number;
  adjustments: number;
  net: number;
  invoices: SettlementLine[];
}

/** Sums the invoices expected in one cycle. `feeRate` is the share of each payment kept as fee (sandbox setting). */
export function settlementReport(
  invoices: Iterable<{
    id: string;
    reference: string;
    status: string;
    payment?: {
      paymentId: string;
      paymentAmount: number;
      settlementDate: string;
      settlementTime: string;
    };
  }>,
  date: string,
  hour: number,
  nowMs: number,
  feeRate: number,
): SettlementReport {
  const cycle = formatCycle(hour);
  const lines: SettlementLine[] = [];
  let collected = 0;
  let fees = 0;
  let adjustments = 0;
  for (const invoice of invoices) {
    const p = invoice.payment;
    if (!p || p.settlementDate !== date || p.settlementTime !== cycle) continue;
    if (invoice.status !== 'paid' && invoice.status !== 'chargeback') continue;
    const fee = Math.round(p.paymentAmount * feeRate);
    collected += p.paymentAmount;
    fees += fee;
    if (invoice.status === 'chargeback') adjustments -= p.paymentAmount;
    lines.push({
      invoiceId: invoice.id,
      reference: invoice.reference,
      paymentId: p.paymentId,
      status: invoice.status,
      paymentAmount: p.paymentAmount,
      fee,
    });
  }
  const settledAtMs = cycleInstant(date, hour);
  return {
    date,
    cycle,
    status: nowMs >= settledAtMs ? 'settled' : 'scheduled',
    settledAt: new Date(settledAtMs).toISOString(),
    currency: 'COP',
    invoiceCount: lines.length,
    collected,
    fees,
    adjustments,
    net: collected - fees + adjustments,
    invoices: lines,
  };
}

/** The cycles that closed after `fromMs` and up to `toMs`, oldest first (at most `limit`, the latest ones). */
export function cyclesBetween(
  fromMs: number,
  toMs: number,
  limit = 20,
): {date: string; hour: number}[] {
  const cycles: {date: string; hour: number}[] = [];
  if (toMs <= fromMs) return cycles;
  let day = bogotaDate(toMs);
  while (cycles.length < limit) {
    for (const hour of [...settlementCycleHours].reverse()) {
      const at = cycleInstant(day, hour);
      if (at <= fromMs) return cycles.reverse();
      if (at <= toMs && cycles.length < limit) cycles.push({date: day, hour});
    }
    day = bogotaDate(cycleInstant(day, settlementCycleHours[0]!) - 24 * 60 * 60 * 1000);
  }
  return cycles.reverse();
}
