/** How much of one kind of relation (tables, or indexes) a run kept: `kept` of the `total` the catalog holds. */
export interface CatalogCoverage {
  kept: number;
  total: number;
}

/**
 * Takes the catalog-wide count that every row of a bounded catalog read carries (`catalog_total`) off the rows and
 * into the run's facts: the snapshot rows stay as they were, and a reader can tell a complete list from a cut one.
 * Facts go with every run, so a catalog that shrank back under the bound clears the mark.
 */
export function withCatalogCoverage<Row extends { catalog_total: number }>(
  rows: readonly Row[],
): { rows: Omit<Row, 'catalog_total'>[]; facts: { catalog: CatalogCoverage } } {
  const kept = rows.map(({ catalog_total: _total, ...row }) => row);
  return { rows: kept, facts: { catalog: { kept: kept.length, total: rows[0]?.catalog_total ?? 0 } } };
}
