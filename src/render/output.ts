/** A file of the generated site: text or bytes built in memory, or a copy of a source file. */
export type OutputFile = { path: string; contents: string | Uint8Array } | { path: string; source: string };
