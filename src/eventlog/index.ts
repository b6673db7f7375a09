export * from './types';
export * from './sources';
export * from './records';
export * from './render';
export * from './memory';
