import type { SectionDocument } from '../archive-index/index.ts';
import type { SectionIndex } from '../engine/index-store.ts';
import type { TaskPipeline } from './task-pipeline.ts';

export interface SectionWriterOptions {
  sections: Pick<SectionIndex, 'addSections' | 'deleteSections'>;
  pipeline: TaskPipeline;
  /** Sections per engine request. */
  batchSize: number;
  /** Done, and acknowledged by the engine, before the first section changes. */
  beforeFirstChange: () => Promise<void>;
}

/** Sends sections in batches of `batchSize` and deletes sections, through the run's task pipeline. */
export interface SectionWriter {
  /** Sections to add, and ids of sections to delete; a full batch is sent before this returns. */
  write(sections: SectionDocument[], staleIds: readonly string[]): Promise<void>;
  /** Ids of sections to delete with the next batch. */
  remove(staleIds: readonly string[]): void;
  /** Sends what is left. */
  flush(): Promise<void>;
  /** Sections handed to the engine so far. */
  readonly sectionsSent: number;
  /** True once any section was sent or deleted. */
  readonly changedSections: boolean;
}

export function createSectionWriter(options: SectionWriterOptions): SectionWriter {
  const { sections, pipeline, batchSize } = options;
  let batch: SectionDocument[] = [];
  let staleIds: string[] = [];
  let sectionsSent = 0;
  let changedSections = false;

  const flush = async (): Promise<void> => {
    if (batch.length === 0 && staleIds.length === 0) return;
    if (!changedSections) {
      await options.beforeFirstChange();
      changedSections = true;
    }
    if (batch.length > 0) {
      const added = sections.addSections(batch);
      const what = `${batch.length} sections`;
      sectionsSent += batch.length;
      batch = [];
      await pipeline.hand(added, what);
    }
    if (staleIds.length > 0) {
      pipeline.follow(sections.deleteSections(staleIds), `deleting ${staleIds.length} sections`);
      staleIds = [];
    }
    await pipeline.makeRoom();
  };

  return {
    async write(documents, ids) {
      batch.push(...documents);
      staleIds.push(...ids);
      if (batch.length >= batchSize) await flush();
    },
    remove(ids) {
      staleIds.push(...ids);
    },
    flush,
    get sectionsSent() {
      return sectionsSent;
    },
    get changedSections() {
      return changedSections;
    },
  };
}
