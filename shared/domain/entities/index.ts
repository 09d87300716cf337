export * from './actions';
export * from './brand';
export * from './catalog';
export * from './integration';
export * from './records';
export * from './tenant';
