import { z } from 'zod';
import { type ToolUnit, toolUnitSchema } from './tool-units';

/**
 * The numbers and words a recommendation or alert keeps as its evidence, and what each measures.
 * Units are the vocabulary the assistant's tools declare theirs in (shared/domain/tool-units.ts):
 * money is in the brand's currency unless the map has a field declared `currency`.
 */
export type EvidenceValue = number | string | null;
export type Evidence = Record<string, EvidenceValue>;
export const evidenceSchema = z.record(z.string(), z.union([z.number(), z.string(), z.null()]));

export type EvidenceUnits = Readonly<Record<string, ToolUnit>>;
export const evidenceUnitsSchema = z.record(z.string(), toolUnitSchema);

/** An evidence map with the declared unit of each of its keys. */
export interface DeclaredEvidence {
  evidence: Evidence;
  evidenceUnits: Record<string, ToolUnit>;
}

/** The values a declaration allows: any of its keys, and no other (an extra key must be `never`). */
type Declared<U extends EvidenceUnits, T> = T & { [K in Exclude<keyof T, keyof U>]: never };

/**
 * Evidence written against its declaration: a key the declaration does not name does not compile,
 * so a new number cannot reach a merchant without saying what it is. The declaration kept is
 * that of the keys present.
 */
export function declareEvidence<const U extends EvidenceUnits, T extends { [K in keyof U]?: EvidenceValue }>(
  units: U,
  values: Declared<U, T>,
): DeclaredEvidence {
  const evidence: Evidence = {};
  const evidenceUnits: Record<string, ToolUnit> = {};
  for (const [key, value] of Object.entries(values as Record<string, EvidenceValue | undefined>)) {
    if (value === undefined) continue;
    evidence[key] = value;
    const unit = units[key];
    if (unit) evidenceUnits[key] = unit;
  }
  return { evidence, evidenceUnits };
}

/** Declarations of rules that share a record type, merged; a key declared twice must agree. */
export function mergeEvidenceUnits(...parts: readonly EvidenceUnits[]): EvidenceUnits {
  const out: Record<string, ToolUnit> = {};
  for (const part of parts) {
    for (const [key, unit] of Object.entries(part)) {
      if (out[key] && out[key] !== unit)
        throw new Error(`evidence key ${key} is declared ${out[key]} and ${unit}`);
      out[key] = unit;
    }
  }
  return out;
}

/** Keys of an evidence map its declaration does not name (a rule changed without its declaration). */
export function undeclaredEvidence(evidence: Evidence, units: EvidenceUnits): string[] {
  return Object.keys(evidence).filter((key) => !(key in units));
}

/**
 * The declaration to show a stored evidence map by: the one stored with it, else (a record made
 * before declarations) its producing rule's current one, restricted to the keys it has.
 */
export function evidenceUnitsOf(
  evidence: Evidence,
  stored: EvidenceUnits | undefined,
  current: EvidenceUnits,
): Record<string, ToolUnit> {
  if (stored) return { ...stored };
  return Object.fromEntries(
    Object.keys(evidence).flatMap((key) => (current[key] ? [[key, current[key]]] : [])),
  );
}
