export * from './enums';
export * from './common';
export * from './identity';
export * from './field';
export * from './enrollment';
export * from './audit';
export * from './operations';
export * from './telemetry';
