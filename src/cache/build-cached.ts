import type { VFileMessage } from "vfile-message";
import { sortMessages } from "../diagnostics/sort.js";
import { builtinTemplates } from "../project/layout.js";
import type { OutputFile } from "../render/output.js";
import { buildSite, withLintChoice, type BuildOptions, type BuildResult } from "../pipeline/build-site.js";
import type { BuildMemo } from "../pipeline/memo.js";
import { readProject } from "../pipeline/project-stage.js";
import { htmlUrlStore } from "./html-url-store.js";
import { publishedKey, sharedKey, siteKey, templatesKey } from "./keys.js";
import { lessonInputs, lessonMemo } from "./lesson-memo.js";
import { pageMemo } from "./page-memo.js";
import { searchPartStore } from "./search-part-store.js";
import { sharedMemo } from "./shared-memo.js";
import { replaySite, storeSite } from "./site-entry.js";
import type { BuildCache } from "./store.js";

/**
 * Build a site with the persistent cache (see `store.ts`; the CLI opens the
 * folder `defaultCacheDir` gives): every input is hashed first, and a site
 * whose key the cache holds is replayed without loading unified, shiki or
 * the templates; else `buildSite` runs with the cache as its memo (lessons
 * whose inputs are unchanged are not read again, pages whose inputs are
 * unchanged are not rendered again), and the result is stored. The output
 * is the same bytes either way. Without a cache, a plain `buildSite`.
 */
export async function buildCached(options: BuildOptions, cache: BuildCache | undefined): Promise<BuildResult> {
  if (!cache) return buildSite(options);
  const { timings } = options;
  const time = <T>(stage: string, work: () => T): T => (timings ? timings.time(stage, work) : work());
  options.progress?.("reading the project");
  const project = await readProject(options.root, { exclude: [cache.dir], timings });
  const { layout, sharedDefinitions } = project;
  if (layout.lessons.length === 0) return buildSite(options, undefined, project);
  cache.beginBuild();
  const { inputs, keys } = time("cache: hash inputs", () => ({
    inputs: lessonInputs(cache, layout.lessons, layout.root, sharedDefinitions),
    keys: {
      shared: sharedKey(cache, layout, sharedDefinitions),
      templates: templatesKey(cache, [layout.templates, builtinTemplates], options.markErrors ?? false),
      published: publishedKey(cache, project.published),
    },
  }));
  const siteKeyOf = (lessons: (string | undefined)[]) => siteKey(cache, project, { ...keys, lessons });
  const replayKey = siteKeyOf(inputs.map((input) => input.cached));
  const replayed = replayKey === undefined ? undefined : time("cache: replay site", () => replaySite(cache, replayKey, layout.root));
  if (replayed) {
    cache.saveFileHashes();
    return withLintChoice({ layout, files: replayed.files, messages: sortMessages(replayed.messages) }, options);
  }
  const lessons = lessonMemo(cache, inputs);
  const shared = sharedMemo(cache, keys.shared, layout.root);
  const memo: BuildMemo = {
    lessons,
    shared,
    pages: pageMemo(cache, keys.templates, (slug) => lessons.outcomeKey(slug)),
    search: searchPartStore(cache),
    htmlUrls: htmlUrlStore(cache),
  };
  const result = await buildSite({ ...options, withoutLints: false }, memo, project);
  const store = (search: { files: OutputFile[]; messages: VFileMessage[] }) => {
    const key = shared.kept ? siteKeyOf(layout.lessons.map((folder) => lessons.outcomeKey(folder.slug))) : undefined;
    if (key !== undefined) {
      const build = { files: [...result.files, ...search.files], messages: [...result.messages, ...search.messages] };
      time("cache: store site", () => storeSite(cache, key, build));
    }
    cache.saveFileHashes();
  };
  if (!result.search) {
    store({ files: [], messages: [] });
    return withLintChoice(result, options);
  }
  const search = result.search.then((built) => {
    store(built);
    return built;
  });
  return withLintChoice({ ...result, search }, options);
}
