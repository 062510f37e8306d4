export * from './dates.ts';
export * from './facets.ts';
export * from './ids.ts';
export * from './index-names.ts';
export * from './limits.ts';
export * from './links.ts';
export * from './section-document.ts';
export * from './term-stats.ts';
