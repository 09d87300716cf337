export * from './actions';
export * from './ai-usage';
export * from './api-key';
export * from './brand';
export * from './catalog';
export * from './integration';
export * from './records';
export * from './tenant';
