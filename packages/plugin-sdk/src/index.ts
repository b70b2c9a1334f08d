export * from './manifest';
export * from './plugin';
export * from './protocol';
