export * from './audit';
export * from './auth';
export * from './errors';
export * from './health';
export * from './permissions';
export * from './roles';
export * from './users';
