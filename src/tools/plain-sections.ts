import { readArticles } from '../articles/read.ts';

/** A section as Meilisearch alone would be given it: the article's title and the section's text as written. */
export interface PlainSection extends Record<string, unknown> {
  id: string;
  articleId: string;
  title: string;
  text: string;
}

/** Every section of a corpus, in the units the product indexes, without its analysis. */
export async function* plainSections(corpus: string): AsyncGenerator<PlainSection> {
  for await (const result of readArticles([corpus])) {
    if (!('article' in result)) continue;
    const { article } = result;
    for (const section of article.sections) {
      yield { id: `${article.id}__${section.n}`, articleId: article.id, title: article.title, text: [section.heading ?? '', ...section.paragraphs].join('\n') };
    }
  }
}
