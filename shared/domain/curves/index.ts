export * from './bootstrap';
export * from './censor';
export * from './fit';
export * from './hill';
export * from './optimise';
export * from './pooled';
export * from './qualify';
export * from './unplaced';
