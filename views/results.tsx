import { raw } from 'hono/html';
import { escapeHtml } from './escape-html.ts';
import type { EntityNames, FacetName, HitView, ResultsView } from '../src/web/view-models.ts';
import { countNoun, formatDate, formatNumber, NOUNS, searchUrl, toggle, type SearchState } from './format.ts';
import { FilterInputs } from './search-form.tsx';
import { boosted, Pagination } from './pagination.tsx';

const FACET_LABEL: Record<FacetName, string> = { region: 'المناطق', actor: 'الفاعلون' };
const FACETS_SHOWN = 8;
const CHIPS_SHOWN = 8;

/** People and organisations, and places, taken in turn: a story naming many places keeps its actors in the chips. */
function alternate<T>(first: readonly T[], second: readonly T[]): T[] {
  const out: T[] = [];
  for (let i = 0; i < Math.max(first.length, second.length); i++) out.push(...(i < first.length ? [first[i] as T] : []), ...(i < second.length ? [second[i] as T] : []));
  return out;
}

function stateOf(result: ResultsView): SearchState {
  return { q: result.query, regions: result.filters.region, actors: result.filters.actor, page: result.page };
}

/** The results fragment: what htmx swaps into #results, and what the full page includes. */
export function Results({ result, names }: { result: ResultsView; names: EntityNames }) {
  const state = stateOf(result);
  const pages = result.lastPage;
  return (
    <div class="results-layout">
      <FilterInputs state={state} />
      <aside class="facets" id="facets" aria-label="تصفية النتائج" {...boosted}>
        {(['region', 'actor'] as const).map((facet) => (
          <FacetList facet={facet} result={result} names={names} />
        ))}
      </aside>
      <section class="results" aria-labelledby="results-summary">
        <ResultsSummary result={result} names={names} />
        <ActiveFilters state={state} names={names} />
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
  const hasFacets = Object.keys(result.facets.region).length + Object.keys(result.facets.actor).length > 0;
  return (
    <div class="summary" id="results-summary">
      {hasFacets ? (
        <a class="to-facets" href="#facets">
          تصفية حسب المنطقة أو الفاعل ↓
        </a>
      ) : null}
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

function ActiveFilters({ state, names }: { state: SearchState; names: EntityNames }) {
  const chips = [
    ...state.regions.map((id) => ({ id, href: searchUrl({ ...state, page: 1, regions: toggle(state.regions, id) }) })),
    ...state.actors.map((id) => ({ id, href: searchUrl({ ...state, page: 1, actors: toggle(state.actors, id) }) })),
  ];
  if (chips.length === 0) return null;
  return (
    <ul class="active-filters" aria-label="المرشحات المفعّلة" {...boosted}>
      {chips.map((chip) => (
        <li>
          <a class="chip chip-active" href={chip.href} aria-label={`إزالة المرشح ${names(chip.id)?.name_ar ?? chip.id}`}>
            {names(chip.id)?.name_ar ?? chip.id} <span aria-hidden="true">×</span>
          </a>
        </li>
      ))}
    </ul>
  );
}

function FacetList({ facet, result, names }: { facet: FacetName; result: ResultsView; names: EntityNames }) {
  const state = stateOf(result);
  const selected = facet === 'region' ? state.regions : state.actors;
  const counts = result.facets[facet];
  const options = Object.entries(counts)
    .filter(([id]) => names(id) !== undefined)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  // Selected options stay visible even when the current query gives them no count.
  for (const id of selected) if (!(id in counts)) options.unshift([id, 0]);
  if (options.length === 0) return null;
  // Options are written as HTML strings, every value escaped: a list holds up to a few hundred,
  // and rendering each as JSX elements made the fragment far slower (docs/decisions.md#facet-options-as-strings).
  const item = ([id, count]: [string, number]): string => {
    const next = facet === 'region' ? { ...state, page: 1, regions: toggle(state.regions, id) } : { ...state, page: 1, actors: toggle(state.actors, id) };
    const isSelected = selected.includes(id);
    return (
      `<li><a class="facet-option${isSelected ? ' selected' : ''}" href="${escapeHtml(searchUrl(next))}"${isSelected ? ' aria-current="true"' : ''}>` +
      `<span class="check" aria-hidden="true"></span><span class="facet-name">${escapeHtml(names(id)?.name_ar ?? id)}</span>` +
      `<span class="count">${escapeHtml(formatNumber(count))}</span></a></li>`
    );
  };
  const listId = `facet-${facet}`;
  return (
    <nav class="facet" aria-labelledby={`${listId}-title`}>
      <h2 id={`${listId}-title`}>{FACET_LABEL[facet]}</h2>
      {options.length > FACETS_SHOWN ? (
        <input class="facet-filter" type="search" placeholder="تصفية القائمة" aria-label={`تصفية قائمة ${FACET_LABEL[facet]}`} data-filter-list={listId} dir="auto" />
      ) : null}
      <ul id={listId}>{raw(options.slice(0, FACETS_SHOWN).map(item).join(''))}</ul>
      {options.length > FACETS_SHOWN ? (
        <details class="facet-more">
          <summary>المزيد ({formatNumber(options.length - FACETS_SHOWN)})</summary>
          <ul data-list-of={listId}>{raw(options.slice(FACETS_SHOWN).map(item).join(''))}</ul>
        </details>
      ) : null}
    </nav>
  );
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
        {hit.source ? (
          <span class="source">
            <bdi>{hit.source}</bdi>
          </span>
        ) : null}
      </p>
      <p class="snippet">{raw(hit.snippet)}</p>
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
            const selected = facet === 'region' ? state.regions : state.actors;
            if (selected.includes(id) || !names(id)) return null;
            const next = facet === 'region' ? { ...state, page: 1, regions: [...state.regions, id] } : { ...state, page: 1, actors: [...state.actors, id] };
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
  const filtered = state.regions.length + state.actors.length > 0;
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
                <a href={searchUrl({ q: state.q, regions: [], actors: [] })}>ابحث دون المرشحات</a>
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
