/** How much of one kind of relation (tables, or indexes) a run kept: `kept` of the `total` the catalog holds. */
export interface CatalogCoverage {
  kept: number;
  total: number;
}

/**
 * The run's facts for a bounded catalog read: how many rows it kept of how many the catalog holds, so a reader can
 * tell a complete list from a cut one. Facts go with every run, so a catalog that shrank back under the bound clears
 * the mark. The count is read just after the rows: a relation created in between must not make `total` < `kept`.
 */
export function catalogCoverage(kept: number, counted: { total: number } | undefined): { catalog: CatalogCoverage } {
  return { catalog: { kept, total: Math.max(kept, counted?.total ?? 0) } };
}
