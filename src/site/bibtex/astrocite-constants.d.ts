/** The LaTeX tables astrocite-bibtex's parser uses, which its own type declarations leave out. */
declare module "astrocite-bibtex/lib/constants.js" {
  /** Accent commands (`\'`, `\"`, `\c`, …) and the combining marks they put on their letter. */
  export const DICRATICS: Map<string, string>;
}
