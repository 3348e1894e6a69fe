/**
 * A boolean the database computed (`exists (…)`, a comparison) read back from a row: SQLite answers
 * 0 or 1, PostgreSQL true or false. The one reading of both, so no caller checks only one of them.
 */
export const sqlBool = (value: unknown): boolean => value === true || Number(value) === 1;
