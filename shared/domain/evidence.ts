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

/** Key → what a merchant reads beside its value ("Daily spend at half the curve's ceiling"). */
export type EvidenceLabels = Readonly<Record<string, string>>;
export const evidenceLabelsSchema = z.record(z.string(), z.string());

/**
 * What one evidence key is: its unit, and its label in the merchant's words, written by the rule's
 * author. The same key may be labelled differently by different rules.
 */
export interface EvidenceKey {
  unit: ToolUnit;
  label: string;
}

/** A rule's declaration of its evidence: every key it writes, with its unit and label. */
export type EvidenceDeclaration = Readonly<Record<string, EvidenceKey>>;

/** An evidence map with the declared unit and label of each of its keys. */
export interface DeclaredEvidence {
  evidence: Evidence;
  evidenceUnits: Record<string, ToolUnit>;
  evidenceLabels: Record<string, string>;
}

/** The values a declaration allows: any of its keys, and no other (an extra key must be `never`). */
type Declared<U extends EvidenceDeclaration, T> = T & { [K in Exclude<keyof T, keyof U>]: never };

/**
 * Evidence written against its declaration: a key the declaration does not name does not compile,
 * and a declaration without a unit and a label for a key does not either, so a new number cannot
 * reach a merchant without saying what it is. The units and labels kept are those of the keys
 * present.
 */
export function declareEvidence<
  const U extends EvidenceDeclaration,
  T extends { [K in keyof U]?: EvidenceValue },
>(declaration: U, values: Declared<U, T>): DeclaredEvidence {
  const evidence: Evidence = {};
  const evidenceUnits: Record<string, ToolUnit> = {};
  const evidenceLabels: Record<string, string> = {};
  for (const [key, value] of Object.entries(values as Record<string, EvidenceValue | undefined>)) {
    if (value === undefined) continue;
    evidence[key] = value;
    const declared = declaration[key];
    if (!declared) continue;
    evidenceUnits[key] = declared.unit;
    evidenceLabels[key] = declared.label;
  }
  return { evidence, evidenceUnits, evidenceLabels };
}

/** The units of a declaration, key → unit: what records store as `evidenceUnits`. */
export function unitsOfDeclaration(declaration: EvidenceDeclaration): EvidenceUnits {
  return Object.fromEntries(Object.entries(declaration).map(([key, d]) => [key, d.unit]));
}

/** The labels of a declaration, key → label: what records store as `evidenceLabels`. */
export function labelsOfDeclaration(declaration: EvidenceDeclaration): EvidenceLabels {
  return Object.fromEntries(Object.entries(declaration).map(([key, d]) => [key, d.label]));
}

/**
 * The declaration to show a record stored without its own units or labels by, from the rules that
 * write its type: the rule that declares most of its keys first (a low-cover cut's
 * `spend_window_minor` is spend on the product, a below-target cut's is the campaign's), a key it
 * lacks from the next.
 */
export function declarationFor(
  evidence: Evidence,
  rules: readonly EvidenceDeclaration[],
): EvidenceDeclaration {
  const keys = Object.keys(evidence);
  const covered = (d: EvidenceDeclaration) => keys.filter((key) => key in d).length;
  const ranked = [...rules].sort((a, b) => covered(b) - covered(a));
  return Object.assign({}, ...ranked.reverse());
}

/** Units of several record types merged: a key declared twice must agree on its unit. */
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
export function undeclaredEvidence(
  evidence: Evidence,
  declared: EvidenceUnits | EvidenceDeclaration,
): string[] {
  return Object.keys(evidence).filter((key) => !(key in declared));
}

/** The entries of `current` for the keys `evidence` has. */
function forKeys<V>(evidence: Evidence, current: Readonly<Record<string, V>>): Record<string, V> {
  return Object.fromEntries(
    Object.keys(evidence).flatMap((key) => (current[key] !== undefined ? [[key, current[key]]] : [])),
  );
}

/**
 * The units to show a stored evidence map by: the ones stored with it, else (a record made before
 * declarations) its producing rule's current ones, restricted to the keys it has.
 */
export function evidenceUnitsOf(
  evidence: Evidence,
  stored: EvidenceUnits | undefined,
  current: EvidenceDeclaration,
): Record<string, ToolUnit> {
  if (stored) return { ...stored };
  return forKeys(evidence, unitsOfDeclaration(current));
}

/**
 * The labels to show a stored evidence map by: the ones stored with it, else (a record made before
 * labels) its type's current declaration's, for the keys it has. A key nobody declares any more
 * has none; the web shows it by its name in words.
 */
export function evidenceLabelsOf(
  evidence: Evidence,
  stored: EvidenceLabels | undefined,
  current: EvidenceDeclaration,
): Record<string, string> {
  if (stored) return { ...stored };
  return forKeys(evidence, labelsOfDeclaration(current));
}
