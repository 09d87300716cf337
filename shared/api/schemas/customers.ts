/** The customer-analytics response shapes, defined beside their read model. */
export * from '../../customers/schemas';
