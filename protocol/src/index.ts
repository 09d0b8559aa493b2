export * from './domain';
export * from './identity';
export * from './signature';
export * from './errors';
export * from './secret';
