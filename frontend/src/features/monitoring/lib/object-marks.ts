/** A label on a table or index row, e.g. "unused" from an open finding about it. */
export type ObjectMark = { label: string; title: string; severity: 'critical' | 'warning' | 'info' };

/** Marks by `schema.name` of the table or index. */
export type ObjectMarks = { tables: ReadonlyMap<string, ObjectMark[]>; indexes: ReadonlyMap<string, ObjectMark[]> };

export const NO_MARKS: ObjectMarks = { tables: new Map(), indexes: new Map() };
