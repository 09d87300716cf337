/** The customer-analytics response shapes, defined beside their read model. */

/** The customer list's query and page (shared/customers/list.ts). */
export * from '../../customers/list-schema';
export * from '../../customers/schemas';
