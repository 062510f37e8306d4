// Measures the entity tagger against hand-annotated corpus paragraphs.
//   npm run tagging-eval -- --corpus NEWS.ndjson.gz [--annotations FILE]
// The annotations hold ids only (the corpus licence forbids copying its text), so the corpus is
// streamed to find the annotated articles. Each paragraph is tagged with tagArticle over all the
// paragraphs of its article, as the indexer does, so that ambiguous names see the whole article.
// Scores are micro precision and recall over (paragraph, entity) pairs; the last line is JSON.
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { decodeEntities } from '../articles/decode.ts';
import { readNdjsonLines } from '../articles/ndjson-lines.ts';
import { splitParagraphs } from '../articles/sections.ts';
import { runCli } from '../cli/run.ts';
import { loadGazetteer, tagArticle } from '../entities/index.ts';
import { projectPath } from '../project-root.ts';

const round = (value: number): number => Math.round(value * 1000) / 1000;

interface Annotation {
  articleId: string;
  paragraph: number;
  regions: string[];
  actors: string[];
}

const DEFAULT_ANNOTATIONS = projectPath('tests/fixtures/tagging/annotations.json');

/** Paragraphs of the wanted articles, read line by line so the corpus is never held whole. */
async function paragraphsOf(corpus: string, wanted: ReadonlySet<string>): Promise<Map<string, string[]>> {
  const found = new Map<string, string[]>();
  for await (const line of readNdjsonLines(corpus)) {
    if (found.size === wanted.size) break;
    // Cheap filter before parsing: the id sits in the line as a JSON string.
    const id = /"id":\s*"([^"]+)"/u.exec(line.text)?.[1];
    if (id === undefined || !wanted.has(id)) continue;
    const record = JSON.parse(line.text) as { body: string };
    found.set(id, splitParagraphs(decodeEntities(record.body)));
  }
  return found;
}

await runCli(async () => {
  const { values } = parseArgs({ options: { corpus: { type: 'string' }, annotations: { type: 'string' } } });
  if (values.corpus === undefined) {
    console.error('usage: npm run tagging-eval -- --corpus NEWS.ndjson.gz [--annotations FILE]');
    return 2;
  }
  const annotations = JSON.parse(await readFile(values.annotations ?? DEFAULT_ANNOTATIONS, 'utf8')) as Annotation[];
  const gaz = loadGazetteer();
  const articles = await paragraphsOf(values.corpus, new Set(annotations.map((a) => a.articleId)));

  let truePositives = 0;
  let falsePositives = 0;
  let misses = 0;
  const tagsByArticle = new Map<string, ReturnType<typeof tagArticle>>();
  for (const annotation of annotations) {
    const where = `${annotation.articleId}#${annotation.paragraph}`;
    const paragraphs = articles.get(annotation.articleId);
    const text = paragraphs?.[annotation.paragraph];
    if (paragraphs === undefined || text === undefined) {
      console.error(`error: ${where} is not in the corpus`);
      return 1;
    }
    let tags = tagsByArticle.get(annotation.articleId);
    if (!tags) tagsByArticle.set(annotation.articleId, (tags = tagArticle(gaz, paragraphs)));
    const section = tags.sections[annotation.paragraph]!;
    const got = new Set([...section.regions, ...section.actors]);
    const expected = new Set([...annotation.regions, ...annotation.actors]);
    const missed = [...expected].filter((id) => !got.has(id));
    const extra = [...got].filter((id) => !expected.has(id));
    truePositives += expected.size - missed.length;
    misses += missed.length;
    falsePositives += extra.length;
    if (missed.length > 0 || extra.length > 0) {
      console.log(`${where}  missed: ${missed.join(' ') || '-'}  false: ${extra.join(' ') || '-'}`);
      console.log(`    ${text.slice(0, 300)}`);
    }
  }
  const precision = truePositives / Math.max(1, truePositives + falsePositives);
  const recall = truePositives / Math.max(1, truePositives + misses);
  console.log(`${annotations.length} paragraphs: ${truePositives} correct, ${misses} missed, ${falsePositives} false`);
  console.log(JSON.stringify({ sections: annotations.length, precision: round(precision), recall: round(recall) }));
  return 0;
});
