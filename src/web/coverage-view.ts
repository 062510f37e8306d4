import type { Coverage } from '../search/coverage.ts';

/** The coverage chart: matching articles per period, and how many carry no date. */
export interface CoverageView extends Coverage {
  undated: number;
}

export const coverageView = (coverage: Coverage | null, total: number): CoverageView | null => (coverage ? { ...coverage, undated: Math.max(0, total - coverage.dated) } : null);
