/** The parts of citation-js (which ships no types) that src/publish/citation.ts uses. */
declare module "@citation-js/core" {
  export class Cite {
    constructor(data: unknown);
    format(format: string, options?: Record<string, unknown>): string;
    data: unknown[];
  }
  export const plugins: { config: { get(name: string): unknown } };
}
declare module "@citation-js/plugin-bibtex";
declare module "@citation-js/plugin-csl";
declare module "@citation-js/plugin-ris";
