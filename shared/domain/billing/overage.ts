/**
 * AI overage per ledger entry. Entries are taken in ledger order (time, then id); each is charged
 * for the part of its cost that lies past the month's included budget. The split is a function of
 * the entries alone, so a re-run computes the same amounts for the same entries.
 */
export interface LedgerCost {
  id: string;
  at: string;
  costMicros: number;
}

export interface EntryOverage {
  id: string;
  at: string;
  overageMicros: number;
}

export function overageByEntry(entries: readonly LedgerCost[], includedMicros: number): EntryOverage[] {
  const ordered = [...entries].sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
  let before = 0;
  const out: EntryOverage[] = [];
  for (const e of ordered) {
    const after = before + e.costMicros;
    const overageMicros = Math.max(0, after - Math.max(includedMicros, before));
    if (overageMicros > 0) out.push({ id: e.id, at: e.at, overageMicros });
    before = after;
  }
  return out;
}

/** The overage's price to the tenant, in USD micros, rounded half up. */
export function overagePriceMicros(overageMicros: number, markupBps: number): number {
  return Math.round((overageMicros * markupBps) / 10_000);
}
