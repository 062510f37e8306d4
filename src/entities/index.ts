export { DEFAULT_GAZETTEER_PATH, GazetteerError, loadGazetteer } from './gazetteer.ts';
export type { Alias, Entity, EntityType, Gazetteer } from './gazetteer.ts';
export { resolveQueryEntities, tagArticle, tagText } from './tagger.ts';
export type { ArticleTags, Mention, QueryEntity, Tags, TextTags } from './tagger.ts';
