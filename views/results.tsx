import { raw } from 'hono/html';
import type { EntityNames, FacetName, HitView, ResultsView } from '../src/web/view-models.ts';
import { CoverageChart } from './coverage-chart.tsx';
import { DateFilter, SortChoice } from './date-filter.tsx';
import { CiteThis, ResultTools } from './desk-tools.tsx';
import { FacetList, facetValueName } from './facet-list.tsx';
import { countNoun, formatDate, formatNumber, NOUNS, searchUrl, selectedIn, toggled, type SearchState } from './format.ts';
import { FilterInputs } from './search-form.tsx';
import { boosted, Pagination } from './pagination.tsx';

const CHIPS_SHOWN = 8;

/** People and organisations, and places, taken in turn: a story naming many places keeps its actors in the chips. */
function alternate<T>(first: readonly T[], second: readonly T[]): T[] {
  const out: T[] = [];
  for (let i = 0; i < Math.max(first.length, second.length); i++) out.push(...(i < first.length ? [first[i] as T] : []), ...(i < second.length ? [second[i] as T] : []));
  return out;
}

export function stateOf(result: ResultsView): SearchState {
  const { region, actor, source } = result.filters;
  return { q: result.query, regions: region, actors: actor, sources: source, with: result.with, ...result.range, sort: result.sort, page: result.page };
}

/** The results fragment: what htmx swaps into #results, and what the full page includes; `expanded` shows one facet list whole. */
export function Results({ result, names, expanded = null }: { result: ResultsView; names: EntityNames; expanded?: FacetName | null }) {
  const state = stateOf(result);
  const pages = result.lastPage;
  return (
    <div class="results-layout">
      <FilterInputs state={state} />
      <aside class="facets" id="facets" aria-label="تصفية النتائج" {...boosted}>
        <DateFilter result={result} state={state} />
        {(['region', 'actor', 'source'] as const).map((facet) => (
          <FacetList facet={facet} result={result} names={names} state={state} expanded={facet === expanded} />
        ))}
      </aside>
      <section class="results" aria-labelledby="results-summary">
        <ResultsSummary result={result} names={names} />
        <ActiveFilters result={result} state={state} names={names} />
        {result.nothingSearchable ? null : <ResultTools state={state} total={result.total} exportRows={result.exportRows} />}
        {result.coverage ? <CoverageChart coverage={result.coverage} linkTo={({ from, to }) => searchUrl({ ...state, page: 1, from, to })} inResults /> : null}
        {result.hits.length > 0 ? (
          <ol class="hits" start={(result.page - 1) * result.pageSize + 1}>
            {result.hits.map((hit) => (
              <Hit hit={hit} names={names} state={state} />
            ))}
          </ol>
        ) : (
          <NoResults result={result} state={state} />
        )}
        {pages > 1 ? <Pagination state={state} pages={pages} /> : null}
      </section>
    </div>
  );
}

function ResultsSummary({ result, names }: { result: ResultsView; names: EntityNames }) {
  return (
    <div class="summary" id="results-summary">
      <a class="to-facets" href="#facets">
        تصفية حسب التاريخ أو المنطقة أو الفاعل أو المصدر ↓
      </a>
      {result.hits.length > 1 ? <SortChoice result={result} state={stateOf(result)} /> : null}
      {result.hits.length > 0 ? (
        <p>
          <strong>{formatNumber(result.total)}</strong> {countNoun(result.total, NOUNS.article)}
          {result.query.trim() !== '' ? (
            <>
              {' '}
              لـ <bdi class="query">{result.query}</bdi>
            </>
          ) : null}
        </p>
      ) : null}
      {result.recognized.length > 0 ? (
        <p class="notice">
          تعرّفنا في بحثك على:{' '}
          {result.recognized.map((mention) => (
            <span class="chip">
              <bdi>{mention.surface}</bdi> ← {names(mention.id)?.name_ar ?? mention.id}
            </span>
          ))}
        </p>
      ) : null}
      {result.notices.map((notice) => (
        <p class="notice">{notice}</p>
      ))}
    </div>
  );
}

function ActiveFilters({ result, state, names }: { result: ResultsView; state: SearchState; names: EntityNames }) {
  const chips = (['region', 'actor', 'source'] as const).flatMap((facet: FacetName) =>
    selectedIn(state, facet).map((id) => ({ label: facetValueName(facet, id, result, names) ?? id, href: searchUrl(toggled(state, facet, id)) })),
  );
  for (const id of result.with) chips.push({ label: `يذكر ${names(id)?.name_ar ?? id}`, href: searchUrl({ ...state, page: 1, with: result.with.filter((other) => other !== id) }) });
  const { from, to } = result.range;
  if (from || to) chips.unshift({ label: dateRangeLabel(from, to), href: searchUrl({ ...state, page: 1, from: null, to: null }) });
  if (chips.length === 0) return null;
  return (
    <ul class="active-filters" aria-label="المرشحات المفعّلة" {...boosted}>
      {chips.map((chip) => (
        <li>
          <a class="chip chip-active" href={chip.href} aria-label={`إزالة المرشح ${chip.label}`}>
            {chip.label} <span aria-hidden="true">×</span>
          </a>
        </li>
      ))}
    </ul>
  );
}

function dateRangeLabel(from: string | null, to: string | null): string {
  const shown = (date: string | null) => formatDate(date)?.gregorian ?? '';
  if (from && to) return from === to ? `يوم ${shown(from)}` : `من ${shown(from)} إلى ${shown(to)}`;
  return from ? `منذ ${shown(from)}` : `حتى ${shown(to)}`;
}

function Hit({ hit, names, state }: { hit: HitView; names: EntityNames; state: SearchState }) {
  const date = formatDate(hit.date);
  const tags = alternate<{ id: string; facet: FacetName }>(
    hit.actors.map((id) => ({ id, facet: 'actor' })),
    hit.regions.map((id) => ({ id, facet: 'region' })),
  );
  return (
    <li class="hit" data-hit>
      <h3 class="hit-title">
        <a href={hit.url} data-hit-link>
          {raw(hit.titleHtml)}
        </a>
      </h3>
      {hit.heading ? <p class="hit-heading">{hit.heading}</p> : null}
      <p class="meta">
        {date ? (
          <time datetime={hit.date ?? undefined}>
            {date.gregorian} <span class="hijri">({date.hijri})</span>
          </time>
        ) : null}
        {hit.sourceName ? (
          <span class="source">
            <bdi>{hit.sourceName.name_ar}</bdi>
          </span>
        ) : null}
      </p>
      <p class="snippet">{raw(hit.snippet)}</p>
      <CiteThis citation={hit.citation} id={`cite-${hit.id}`} />
      {hit.otherSections.length > 0 ? (
        <details class="other-sections">
          <summary>
            {formatNumber(hit.otherSections.length)} {countNoun(hit.otherSections.length, NOUNS.section)} أخرى في المقال نفسه
          </summary>
          <ul>
            {hit.otherSections.map((section) => (
              <li>
                <a href={section.url}>{section.heading ?? `المقطع ${formatNumber(section.n)}`}</a>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      {tags.length > 0 ? (
        <ul class="tags" aria-label="الجهات المذكورة" {...boosted}>
          {tags.slice(0, CHIPS_SHOWN).map(({ id, facet }) => {
            if (selectedIn(state, facet).includes(id) || !names(id)) return null;
            const next = toggled(state, facet, id);
            return (
              <li>
                <a class={`chip chip-${facet}`} href={searchUrl(next)} title="أضف هذا المرشح">
                  {names(id)?.name_ar}
                </a>
              </li>
            );
          })}
        </ul>
      ) : null}
    </li>
  );
}

function NoResults({ result, state }: { result: ResultsView; state: SearchState }) {
  const filtered = state.regions.length + state.actors.length + (state.sources?.length ?? 0) + (state.with?.length ?? 0) > 0 || state.from || state.to;
  return (
    <div class="empty-state" role="status">
      {result.nothingSearchable ? (
        <>
          <h2>لا كلمات يمكن البحث بها</h2>
          <p>
            الاستعلام <bdi class="query">{result.query}</bdi> لا يحتوي إلا على كلمات شائعة أو علامات ترقيم لا يُبحث بها (مثل «في» و«من» و«التي»). أضف كلمة ذات معنى، كاسم شخص أو مكان أو موضوع.
          </p>
        </>
      ) : (
        <>
          <h2>
            لا نتائج لـ <bdi class="query">{result.query}</bdi>
          </h2>
          <ul {...boosted}>
            {result.suggestion ? (
              <li>
                هل تقصد:{' '}
                <a href={searchUrl({ ...state, page: 1, q: result.suggestion })}>
                  <bdi>{result.suggestion}</bdi>
                </a>
                ؟
              </li>
            ) : null}
            {filtered ? (
              <li>
                <a href={searchUrl({ q: state.q, regions: [], actors: [], sort: state.sort })}>ابحث دون المرشحات</a>
              </li>
            ) : null}
            {result.analyzed ? (
              <li>
                بحثنا عن الصيغة المحللة: <bdi class="analyzed">{result.analyzed}</bdi>. جرّب كلمة أقل أو صيغة أخرى.
              </li>
            ) : null}
            <li>تحقق من الإملاء، أو ابحث بجزء من الاسم.</li>
          </ul>
        </>
      )}
    </div>
  );
}
