import type { IndexSummary } from '../indexer/indexer.ts';

/** Ids of kept articles named per file; the rest are counted. */
const KEPT_IDS_SHOWN = 10;

/** The indexer's closing report: each problem with its place, then one line of counts (with the engine requests that had to be retried, if any). */
export function printSummary(summary: IndexSummary, retries = 0, out: NodeJS.WriteStream = process.stdout): void {
  for (const problem of summary.problems) {
    console.error(`skipped ${problem.file}${problem.line !== null ? `:${problem.line}` : ''}: ${problem.message}`);
  }
  for (const kept of summary.kept) {
    const shown = kept.articleIds.slice(0, KEPT_IDS_SHOWN).join(', ');
    const more = kept.articleIds.length > KEPT_IDS_SHOWN ? ` and ${kept.articleIds.length - KEPT_IDS_SHOWN} more` : '';
    console.error(`kept ${kept.articleIds.length} indexed articles of ${kept.file} not found in it, since it was not read whole (${kept.reason}): ${shown}${more}`);
  }
  for (const failure of summary.failures) console.error(`failed: ${failure}`);
  out.write(
    `Indexed ${summary.articles} articles (${summary.sections} sections): ${summary.changed} new or changed, ` +
      `${summary.unchanged} unchanged, ${summary.deleted} deleted; ${summary.sectionsSent} sections sent; ` +
      `${summary.problems.length} skipped, ${summary.failures.length} failed${retries > 0 ? `, ${retries} retried` : ''}; ${summary.seconds.toFixed(1)} s; ` +
      `peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB\n`,
  );
}
