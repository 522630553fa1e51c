import type { VFile } from "vfile";
import type { DocumentOptions } from "../html/lesson-document.js";
import type { ProjectLayout } from "../project/layout.js";
import type { readBibliography, readGlossary, readHome, RootPage } from "../site/shared-documents.js";

/** The home page, glossary, bibliography and root pages after the document stage. */
export interface SharedDocuments {
  home: { file: VFile | undefined; value: Awaited<ReturnType<typeof readHome>>["value"] };
  glossary: Awaited<ReturnType<typeof readGlossary>>;
  bibliography: Awaited<ReturnType<typeof readBibliography>>;
  pages: { file: VFile; value: RootPage }[];
}

/** Read the home page, glossary, bibliography and root pages through the document stage. */
export async function readSharedDocuments(layout: ProjectLayout, options: DocumentOptions): Promise<SharedDocuments> {
  const { readBibliography, readGlossary, readHome, readRootPage } = await import("../site/shared-documents.js");
  const shared: SharedDocuments = {
    home: await readHome(layout, options),
    glossary: await readGlossary(layout, options),
    bibliography: await readBibliography(layout, options),
    pages: [],
  };
  for (const page of layout.pages) shared.pages.push(await readRootPage(layout, page, options));
  for (const page of layout.pagesWhenLinked) shared.pages.push(await readRootPage(layout, page, options, true));
  return shared;
}

/** Every file the shared documents were read from. */
export function sharedFiles(shared: SharedDocuments): VFile[] {
  return [shared.home.file, shared.glossary.file, shared.bibliography.file, ...shared.pages.map((page) => page.file)].filter(
    (file): file is VFile => file !== undefined,
  );
}
