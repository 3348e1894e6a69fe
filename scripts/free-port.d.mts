/** Types for free-port.mjs (plain JavaScript: the container smoke runs it without dev dependencies). */
export declare function freePort(host?: string): Promise<number>;
