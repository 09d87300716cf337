/**
 * The GraphQL documents the connector sends. Every operation is named: the name keys the cost
 * estimate in the throttle and tells the sandbox what is being asked.
 */
const MONEY_BAG = 'shopMoney { amount currencyCode } presentmentMoney { amount currencyCode }';
const VISIT =
  'id occurredAt landingPage referrerUrl source utmParameters { source medium campaign content term }';

/** Order fields without connections (shared by paged queries and the bulk query). */
const ORDER_SCALARS = `id name createdAt updatedAt cancelledAt email
  customer { id firstName lastName }
  currencyCode presentmentCurrencyCode displayFinancialStatus displayFulfillmentStatus sourceName discountCodes
  subtotalPriceSet { ${MONEY_BAG} } totalDiscountsSet { ${MONEY_BAG} } totalShippingPriceSet { ${MONEY_BAG} }
  totalTaxSet { ${MONEY_BAG} } totalPriceSet { ${MONEY_BAG} } currentTotalPriceSet { ${MONEY_BAG} }
  shippingAddress { address1 address2 zip provinceCode province countryCodeV2 city }
  customerJourneySummary { firstVisit { ${VISIT} } lastVisit { ${VISIT} } }`;
const LINE_ITEM = `id title sku quantity variant { id product { id } }
  originalUnitPriceSet { ${MONEY_BAG} } totalDiscountSet { ${MONEY_BAG} }`;
const REFUND_SCALARS = `id createdAt totalRefundedSet { ${MONEY_BAG} }`;
const REFUND_LINE = `quantity lineItem { id } subtotalSet { ${MONEY_BAG} }`;

export const SHOP_QUERY = `query Shop { shop { id name myshopifyDomain currencyCode ianaTimezone } }`;

export const PRODUCTS_QUERY = `query Products($first: Int!, $after: String) {
  products(first: $first, after: $after) {
    pageInfo { hasNextPage endCursor }
    nodes { id title status updatedAt
      variants(first: 100) { nodes { id title sku price updatedAt inventoryItem { id unitCost { amount currencyCode } } } } }
  }
}`;

export const LOCATIONS_QUERY = `query Locations($first: Int!, $after: String) {
  locations(first: $first, after: $after) { pageInfo { hasNextPage endCursor } nodes { id name } }
}`;

export const INVENTORY_LEVELS_QUERY = `query InventoryLevels($locationId: ID!, $first: Int!, $after: String) {
  location(id: $locationId) {
    inventoryLevels(first: $first, after: $after) {
      pageInfo { hasNextPage endCursor }
      nodes { id updatedAt item { id variant { id } }
        quantities(names: ["available", "on_hand", "committed", "incoming"]) { name quantity } }
    }
  }
}`;

export const ORDERS_QUERY = `query Orders($first: Int!, $after: String, $query: String) {
  orders(first: $first, after: $after, query: $query, sortKey: UPDATED_AT) {
    pageInfo { hasNextPage endCursor }
    nodes { ${ORDER_SCALARS}
      lineItems(first: 100) { nodes { ${LINE_ITEM} } }
      refunds { ${REFUND_SCALARS} refundLineItems(first: 100) { nodes { ${REFUND_LINE} } } } }
  }
}`;

/** Bulk queries use edges/node; nested connections come back as JSONL lines with `__parentId`. */
export const ORDERS_BULK_QUERY = `{ orders { edges { node { ${ORDER_SCALARS}
  lineItems { edges { node { ${LINE_ITEM} } } }
  refunds { ${REFUND_SCALARS} refundLineItems { edges { node { ${REFUND_LINE} } } } } } } } }`;

const BULK_FIELDS = 'id status errorCode createdAt completedAt objectCount url partialDataUrl';

export const BULK_RUN_MUTATION = `mutation BulkOperationRunQuery($query: String!) {
  bulkOperationRunQuery(query: $query) { bulkOperation { ${BULK_FIELDS} } userErrors { field message } }
}`;

export const CURRENT_BULK_QUERY = `query CurrentBulkOperation { currentBulkOperation(type: QUERY) { ${BULK_FIELDS} } }`;

export const WEBHOOK_CREATE_MUTATION = `mutation WebhookSubscriptionCreate($topic: WebhookSubscriptionTopic!, $uri: URL!) {
  webhookSubscriptionCreate(topic: $topic, webhookSubscription: { uri: $uri, format: JSON }) {
    webhookSubscription { id topic } userErrors { field message }
  }
}`;
