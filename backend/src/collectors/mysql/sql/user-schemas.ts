/** The server's own schemas: never reported as user tables (a fragment of SQL text, not a query). */
export const SYSTEM_SCHEMAS = `('mysql', 'sys', 'information_schema', 'performance_schema')`;
