import type { CoveragePeriod, CoverageUnit, CoverageView } from '../src/web/view-models.ts';
import { countNoun, formatDate, formatNumber, NOUNS } from './format.ts';
import { DIGIT_SYSTEM } from './numbers.ts';
import { boosted } from './pagination.tsx';

const monthYear = new Intl.DateTimeFormat(`ar-u-nu-${DIGIT_SYSTEM}`, { month: 'long', year: 'numeric', calendar: 'gregory', timeZone: 'UTC' });
const yearOnly = new Intl.DateTimeFormat(`ar-u-nu-${DIGIT_SYSTEM}`, { year: 'numeric', calendar: 'gregory', timeZone: 'UTC' });
const time = (date: string) => Date.parse(`${date}T12:00:00Z`);
const day = (date: string) => formatDate(date)?.gregorian ?? date;

const EACH: Record<CoverageUnit, string> = { day: 'كل يوم', week: 'كل أسبوع (من السبت)', month: 'كل شهر', year: 'كل سنة' };

/** How a period is named: its day, its week's first and last days, its month or its year. */
function periodName(unit: CoverageUnit, period: { from: string; to: string }): string {
  if (unit === 'day') return day(period.from);
  if (unit === 'week') return `الأسبوع من ${day(period.from)} إلى ${day(period.to)}`;
  return (unit === 'month' ? monthYear : yearOnly).format(time(period.from));
}

interface ChartProps {
  coverage: CoverageView;
  /** The search narrowed to a period. */
  linkTo: (period: { from: string; to: string }) => string;
  id?: string;
  inResults?: boolean;
}

const articles = (count: number) => `${formatNumber(count)} ${countNoun(count, NOUNS.article)}`;

/** Width of one bar in the drawing's units; the drawing stretches to the width it is given. */
const BAR = 10;
const HEIGHT = 100;

/**
 * Coverage over time, drawn on the server: a bar per period, each a link that narrows the search to
 * its dates, the groups of bars (months, years) as links too, and the same numbers in a table. No
 * script needed; time runs from right to left, as the page reads.
 */
export function CoverageChart({ coverage, linkTo, id = 'coverage', inResults = false }: ChartProps) {
  const { unit, bars, spans } = coverage;
  // In the results fragment its links load into the results, as every other link there does.
  const boost = inResults ? boosted : {};
  const first = bars[0];
  const last = bars.at(-1);
  if (!first || !last) return null;
  const max = Math.max(1, ...bars.map((bar) => bar.count));
  return (
    <figure class="coverage" id={id} aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`}>
        <strong>التغطية عبر الزمن:</strong> عدد المقالات في {EACH[unit]} من {day(first.from)} إلى {day(last.to)}
        {coverage.undated > 0 ? `، و${articles(coverage.undated)} بلا تاريخ لا يشملها الرسم` : ''}.
      </figcaption>
      <a class="skip-chart" href={`#${id}-end`}>
        تجاوز أعمدة الرسم
      </a>
      <div class="coverage-plot">
        <span class="coverage-max" aria-hidden="true">
          {formatNumber(max)}
        </span>
        <svg class="coverage-bars" viewBox={`0 0 ${bars.length * BAR} ${HEIGHT}`} preserveAspectRatio="none" role="group" aria-label="أعمدة التغطية: اختر عمودًا لتضييق البحث إلى فترته">
          {bars.map((bar, i) =>
            bar.count > 0 ? (
              <Bar bar={bar} x={(bars.length - 1 - i) * BAR} height={Math.max(2, (bar.count / max) * HEIGHT)} label={`${periodName(unit, bar)}: ${articles(bar.count)}`} href={linkTo(bar)} />
            ) : null,
          )}
        </svg>
        <div class="coverage-axis" aria-hidden="true">
          <span>{day(first.from)}</span>
          <span>{day(last.to)}</span>
        </div>
      </div>
      <div id={`${id}-end`} class="coverage-more">
        {spans.length > 1 ? (
          <ul class="coverage-spans" aria-label={unit === 'month' ? 'تضييق إلى سنة' : 'تضييق إلى شهر'} {...boost}>
            {spans.map((span) => (
              <li>
                {span.count > 0 ? (
                  <a href={linkTo(span)}>{`${periodName(unit === 'month' ? 'year' : 'month', span)} (${formatNumber(span.count)})`}</a>
                ) : (
                  <span>{`${periodName(unit === 'month' ? 'year' : 'month', span)} (${formatNumber(0)})`}</span>
                )}
              </li>
            ))}
          </ul>
        ) : null}
        <CoverageTable coverage={coverage} linkTo={linkTo} boost={boost} />
      </div>
    </figure>
  );
}

function Bar({ bar, x, height, label, href }: { bar: CoveragePeriod; x: number; height: number; label: string; href: string }) {
  return (
    <a href={href} aria-label={label} data-period={`${bar.from}/${bar.to}`}>
      <title>{label}</title>
      <rect class="coverage-target" x={x} y={0} width={BAR} height={HEIGHT} />
      <rect class="coverage-bar" x={x + 1} y={HEIGHT - height} width={BAR - 2} height={height} />
    </a>
  );
}

/** The chart's numbers, for reading and for keyboards: every period with its count, a link where it holds articles. */
function CoverageTable({ coverage, linkTo, boost }: Pick<ChartProps, 'coverage' | 'linkTo'> & { boost: Partial<typeof boosted> }) {
  return (
    <details class="coverage-table">
      <summary>الأرقام في جدول</summary>
      <table {...boost}>
        <thead>
          <tr>
            <th scope="col">الفترة</th>
            <th scope="col">المقالات</th>
          </tr>
        </thead>
        <tbody>
          {coverage.bars.map((bar) => (
            <tr>
              <th scope="row">{bar.count > 0 ? <a href={linkTo(bar)}>{periodName(coverage.unit, bar)}</a> : periodName(coverage.unit, bar)}</th>
              <td>{formatNumber(bar.count)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
