/** Column conventions shared by every table group. */

/** 0 or 1: SQLite has no boolean type, and one representation keeps one code path. */
export type Flag = 0 | 1;
