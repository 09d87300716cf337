import { z } from 'zod';
import { featuresProduct } from '../domain/engagement/featured';
import type { Clock } from '../ports/clock';
import type { DocumentDb } from '../ports/document-db';
import type { BrandScope } from '../ports/warehouse-rows';
import { automationSchema } from './automations';
import { campaignRunSchema, remainingOf, runIdFor, sentSoFar } from './campaign-runs';
import { campaignSchema } from './campaigns';
import { collectionPath, docPath } from './paths';

/** A product out of stock as the stockout pause sees it. */
export interface StockoutProduct {
  variantId: string;
  productId: string | null;
  title: string;
}

const pausedItemSchema = z.object({
  kind: z.enum(['automation', 'campaign']),
  id: z.string(),
  name: z.string(),
  /**
   * A campaign paused mid-send: messages that went out before the pause, and the customers of the
   * audience counted at the start that no batch had reached (null when the run did not count it).
   */
  midSend: z.object({ sent: z.number(), remaining: z.number().nullable() }).optional(),
});
export type PausedItem = z.infer<typeof pausedItemSchema>;

/** One stockout of one product: when it was first seen and what it paused then. */
export const stockoutSchema = z.object({
  variantId: z.string(),
  title: z.string(),
  since: z.string(),
  paused: z.array(pausedItemSchema),
});
export type Stockout = z.infer<typeof stockoutSchema>;

/**
 * Pauses the active automations and the draft or sending campaigns that feature a product that ran
 * out of stock, once per stockout: the first signal records the stockout with what it paused, and
 * every later signal finds that record and pauses nothing (so what the merchant resumes while the
 * product is still out stays resumed). Back in stock, the record goes and the next stockout starts
 * afresh. A sending campaign's remaining batches find it paused and send nothing (decision 950);
 * a sent one is left alone.
 */
export function createStockoutPause(deps: { db: DocumentDb; clock: Clock }) {
  return {
    async pauseFeaturing(
      scope: BrandScope,
      product: StockoutProduct,
    ): Promise<{ stockout: Stockout; paused: PausedItem[] }> {
      const markerPath = docPath(scope, 'stockouts', product.variantId);
      const [automations, campaigns] = await Promise.all([
        deps.db.query(collectionPath(scope, 'automations')),
        deps.db.query(collectionPath(scope, 'campaigns')),
      ]);
      const candidates = campaigns
        .map((doc) => campaignSchema.parse(doc.data))
        .filter((c) => ['draft', 'sending'].includes(c.status) && featuresProduct(c.productIds, product));
      return deps.db.runTransaction(async (tx) => {
        const known = await tx.get(markerPath);
        if (known) return { stockout: stockoutSchema.parse(known.data), paused: [] };
        // Every read before the first write (Firestore transactions): a sending campaign is read
        // again with its run, as a batch may have moved it on since the query.
        const current = [];
        for (const c of candidates) {
          const doc = await tx.get(docPath(scope, 'campaigns', c.id));
          const run = await tx.get(docPath(scope, 'campaignRuns', runIdFor(c.id)));
          if (doc)
            current.push({
              c: campaignSchema.parse(doc.data),
              run: run ? campaignRunSchema.parse(run.data) : null,
            });
        }
        const paused: PausedItem[] = [];
        for (const doc of automations) {
          const a = automationSchema.parse(doc.data);
          if (a.status !== 'active' || !featuresProduct(a.productIds, product)) continue;
          await tx.set(docPath(scope, 'automations', a.id), { ...a, status: 'paused' });
          paused.push({ kind: 'automation', id: a.id, name: a.name });
        }
        for (const { c, run } of current) {
          if (c.status !== 'draft' && c.status !== 'sending') continue;
          await tx.set(docPath(scope, 'campaigns', c.id), { ...c, status: 'paused' });
          const midSend =
            c.status === 'sending'
              ? { sent: run ? sentSoFar(run) : 0, remaining: run ? remainingOf(run) : null }
              : undefined;
          paused.push({ kind: 'campaign', id: c.id, name: c.name, ...(midSend ? { midSend } : {}) });
        }
        const stockout: Stockout = {
          variantId: product.variantId,
          title: product.title,
          since: deps.clock.now().toISOString(),
          paused,
        };
        await tx.set(markerPath, stockout);
        return { stockout, paused };
      });
    },
    /** The products back in stock: their stockout records go, so a later stockout pauses again. */
    async restocked(scope: BrandScope, variantIds: readonly string[]): Promise<number> {
      const open = await deps.db.query(collectionPath(scope, 'stockouts'));
      const back = new Set(variantIds);
      let ended = 0;
      for (const doc of open) {
        if (!back.has(stockoutSchema.parse(doc.data).variantId)) continue;
        await deps.db.delete(docPath(scope, 'stockouts', stockoutSchema.parse(doc.data).variantId));
        ended++;
      }
      return ended;
    },
  };
}
export type StockoutPause = ReturnType<typeof createStockoutPause>;
