export * from './account';
export * from './catalog';
export * from './limits';
export * from './overage';
export * from './plans';
export * from './subscription';
