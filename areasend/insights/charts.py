"""The statistics page's charts and the tables beside them, built from the same rows so a chart
and its table always show the same figures; charts drawn with matplotlib and served as SVG.

Why SVG files behind <img> and not inline: matplotlib's SVG carries a <style> element and style
attributes, which the site's CSP (`style-src 'self'`) would block in the page. An SVG loaded by
<img> is an image, with no scripts and no access to the page.
"""

from __future__ import annotations

import hashlib
import io
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any
from xml.sax.saxutils import escape

import matplotlib

matplotlib.use("Agg")

from matplotlib import rc_context
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from areasend.framework.outcomes import Outcome

from . import stats

# The Government Analysis Function's categorical palette, in its recommended order (chosen so
# neighbouring colours stay distinct for colour-blind readers); hatching and numbers on the bars
# mean colour is never the only cue.
DARK_BLUE, TURQUOISE, DARK_PINK = "#12436d", "#28a197", "#801650"
TEXT, GREY, LIGHT_GREY = "#0b0c0c", "#505a5f", "#b1b4b6"
OUTCOME_NAMES = {
    Outcome.POSITIVE: "Outcome 1 (positive)",
    Outcome.INCONSISTENT: "Outcome 2 (inconsistent)",
    Outcome.SYSTEMIC_FAILINGS: "Outcome 3 (widespread or systemic failings)",
}
ESTIMATED_NOTE = "* Includes inspections whose start date was estimated from the report's publication date."


@dataclass(frozen=True)
class Series:
    label: str
    values: tuple[int, ...]
    colour: str
    hatch: str
    text_colour: str


@dataclass(frozen=True)
class ChartSpec:
    """Everything a chart shows. Frozen and made of tuples, so it is its own cache key: the same
    figures and words give the same SVG."""

    name: str
    title: str
    description: str
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    stacked: bool
    horizontal: bool
    value_label: str
    note: str = ""

    @property
    def fingerprint(self) -> str:
        return hashlib.sha256(repr(self).encode()).hexdigest()[:20]


@dataclass(frozen=True)
class Panel:
    """One chart and the table of the same figures, shown side by side on the page."""

    id: str
    heading: str
    chart: ChartSpec
    caption: str
    row_header: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, tuple[int, ...]], ...]
    notes: tuple[str, ...] = field(default=())


# --- words ---------------------------------------------------------------------------------


def join_words(items: Sequence[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def year_label(year: int, *, estimated: int, current_year: int) -> str:
    label = f"{year}*" if estimated else str(year)
    return f"{label} (to date)" if year >= current_year else label


def _extremes(names: Sequence[str], values: Sequence[int]) -> tuple[str, str, str, str]:
    """The names with the highest and lowest value, ties joined ("A and B"), and the values in
    words ("7", or "7 each" for a tie)."""
    top, low = max(values), min(values)
    tops = [n for n, v in zip(names, values, strict=True) if v == top]
    lows = [n for n, v in zip(names, values, strict=True) if v == low]
    return (join_words(tops), f"{top} each" if len(tops) > 1 else str(top),
            join_words(lows), f"{low} each" if len(lows) > 1 else str(low))


def _percent(part: int, whole: int) -> int:
    return round(100 * part / whole) if whole else 0


def _most_common_outcome(row: dict[str, Any]) -> str:
    values = {o: row[f"outcome_{o.value}"] for o in Outcome}
    top = max(values.values())
    winners = [OUTCOME_NAMES[o].lower() for o, v in values.items() if v == top]
    return join_words(winners) + (" (equal)" if len(winners) > 1 else "")


def describe_2023_by_year(rows: Sequence[dict[str, Any]], labels: Sequence[str]) -> str:
    if not rows:
        return "No full inspections under the 2023 framework have been recorded yet."
    counts = join_words([f"{r['inspections']} in {label.replace('*', '')}"
                         for r, label in zip(rows, labels, strict=True)])
    common = [_most_common_outcome(r) for r in rows]
    if len(set(common)) == 1:
        trend = f"In every year the most common result was {common[0]}."
    else:
        trend = "The most common result was " + join_words(
            [f"{c} in {r['year']}" for r, c in zip(rows, common, strict=True)]) + "."
    return (f"Bar chart of full inspections under the 2023 framework by the year they started, "
            f"split by outcome: {counts}. {trend}")


def describe_2016_by_year(rows: Sequence[dict[str, Any]]) -> str:
    if not rows:
        return "No inspections under the 2016 framework have been recorded."
    years = [str(r["year"]) for r in rows]
    most, top, fewest, low = _extremes(years, [r["inspections"] for r in rows])
    total, wsoa = sum(r["inspections"] for r in rows), sum(r["wsoa"] for r in rows)
    text = (f"Bar chart of inspections under the 2016 framework by the year they started, with "
            f"written statements of action and revisits. Most inspections started in {most} ({top}) "
            f"and fewest in {fewest} ({low}). {wsoa} of {total} inspections "
            f"({_percent(wsoa, total)}%) needed a written statement of action.")
    revisit_years = [r for r in rows if r["revisits"]]
    if revisit_years:
        peak, n, _, _ = _extremes([str(r["year"]) for r in revisit_years],
                                  [r["revisits"] for r in revisit_years])
        text += f" Revisits began in {revisit_years[0]['year']} and were most frequent in {peak} ({n})."
    return text


def describe_2023_by_region(rows: Sequence[dict[str, Any]]) -> str:
    if not rows:
        return "No full inspections under the 2023 framework have been recorded yet."
    names = [r["region"] for r in rows]
    most, top, fewest, low = _extremes(names, [r["inspections"] for r in rows])
    worst, n3, _, _ = _extremes(names, [r["outcome_3"] for r in rows])
    return (f"Bar chart of full inspections under the 2023 framework by region, split by outcome. "
            f"{most} had the most ({top}) and {fewest} the fewest ({low}). "
            f"Outcome 3 was given most often in {worst} ({n3}).")


def describe_2016_by_region(rows: Sequence[dict[str, Any]]) -> str:
    if not rows:
        return "No inspections under the 2016 framework have been recorded."
    names = [r["region"] for r in rows]
    most, top, fewest, low = _extremes(names, [r["inspections"] for r in rows])
    shares = [_percent(r["wsoa"], r["inspections"]) for r in rows]
    high_share, _, low_share, _ = _extremes(names, shares)
    high, lowest = max(shares), min(shares)
    return (f"Bar chart of inspections under the 2016 framework by region, with how many needed a "
            f"written statement of action. {most} had the most inspections ({top}) and {fewest} the "
            f"fewest ({low}). The share needing a written statement of action ranged from "
            f"{lowest}% in {low_share} to {high}% in {high_share}.")


# --- panels: a chart spec and its table from the same rows ----------------------------------


def _outcome_series(rows: Sequence[dict[str, Any]]) -> tuple[Series, ...]:
    styles = {Outcome.POSITIVE: (DARK_BLUE, "", "#ffffff"),
              Outcome.INCONSISTENT: (TURQUOISE, "///", TEXT),
              Outcome.SYSTEMIC_FAILINGS: (DARK_PINK, "x", "#ffffff")}
    return tuple(
        Series(OUTCOME_NAMES[o], tuple(r[f"outcome_{o.value}"] for r in rows), *styles[o])
        for o in Outcome
    )


def _with_estimates(panel: Panel, rows: Sequence[dict[str, Any]]) -> Panel:
    """Row labels without the chart's asterisk and, where any start date in the table was
    estimated, a column saying how many in each year."""
    labelled = tuple((label.replace("*", ""), cells) for label, cells in panel.rows)
    if not any(r.get("estimated") for r in rows):
        return replace(panel, rows=labelled)
    return replace(
        panel, columns=(*panel.columns, "Start date estimated"),
        rows=tuple((label, (*cells, r.get("estimated", 0)))
                   for (label, cells), r in zip(labelled, rows, strict=True)),
        notes=(*panel.notes, "Start date estimated: how many inspections that year had no "
               "published start date, so the start was estimated from the publication date."),
    )


def panel_2023_by_year(rows: Sequence[dict[str, Any]], current_year: int) -> Panel:
    labels = [year_label(r["year"], estimated=r["estimated"], current_year=current_year) for r in rows]
    chart = ChartSpec(
        name="2023-by-year", title="Full inspections under the 2023 framework, by year started",
        description=describe_2023_by_year(rows, labels), categories=tuple(labels),
        series=_outcome_series(rows), stacked=True, horizontal=False,
        value_label="Full inspections",
        note=ESTIMATED_NOTE if any(r["estimated"] for r in rows) else "",
    )
    return _with_estimates(Panel(
        id="2023-by-year", heading="By year", chart=chart,
        caption="Full inspections under the 2023 framework, by year started",
        row_header="Year started",
        columns=("Full inspections", *OUTCOME_NAMES.values()),
        rows=tuple((label, (r["inspections"], *(r[f"outcome_{o.value}"] for o in Outcome)))
                   for r, label in zip(rows, labels, strict=True)),
    ), rows)


def panel_2016_by_year(rows: Sequence[dict[str, Any]], current_year: int) -> Panel:
    labels = [year_label(r["year"], estimated=r.get("estimated", 0), current_year=current_year)
              for r in rows]
    chart = ChartSpec(
        name="2016-by-year", title="Inspections under the 2016 framework, by year started",
        description=describe_2016_by_year(rows), categories=tuple(labels),
        series=(
            Series("Inspections", tuple(r["inspections"] for r in rows), DARK_BLUE, "", "#ffffff"),
            Series("Written statement of action required", tuple(r["wsoa"] for r in rows),
                   TURQUOISE, "///", TEXT),
            Series("Revisits", tuple(r["revisits"] for r in rows), DARK_PINK, "x", "#ffffff"),
        ),
        stacked=False, horizontal=False, value_label="Number",
        note=ESTIMATED_NOTE if any(r.get("estimated") for r in rows) else "",
    )
    return _with_estimates(Panel(
        id="2016-by-year", heading="By year", chart=chart,
        caption="Inspections and revisits under the 2016 framework, by year started",
        row_header="Year started",
        columns=("Inspections", "Written statement of action required", "Revisits",
                 "Revisit: progress on all weaknesses", "Revisit: progress on some",
                 "Revisit: progress on none"),
        rows=tuple((label, (r["inspections"], r["wsoa"], r["revisits"], r["revisit_all"],
                            r["revisit_some"], r["revisit_none"]))
                   for r, label in zip(rows, labels, strict=True)),
    ), rows)


def panel_2023_by_region(rows: Sequence[dict[str, Any]]) -> Panel:
    chart = ChartSpec(
        name="2023-by-region", title="Full inspections under the 2023 framework, by region",
        description=describe_2023_by_region(rows), categories=tuple(r["region"] for r in rows),
        series=_outcome_series(rows), stacked=True, horizontal=True,
        value_label="Full inspections",
    )
    return Panel(
        id="2023-by-region", heading="By region", chart=chart,
        caption="Full inspections under the 2023 framework, by region", row_header="Region",
        columns=("Full inspections", *OUTCOME_NAMES.values()),
        rows=tuple((r["region"], (r["inspections"], *(r[f"outcome_{o.value}"] for o in Outcome)))
                   for r in rows),
    )


def panel_2016_by_region(rows: Sequence[dict[str, Any]]) -> Panel:
    chart = ChartSpec(
        name="2016-by-region", title="Inspections under the 2016 framework, by region",
        description=describe_2016_by_region(rows), categories=tuple(r["region"] for r in rows),
        series=(
            Series("Inspections", tuple(r["inspections"] for r in rows), DARK_BLUE, "", "#ffffff"),
            Series("Written statement of action required", tuple(r["wsoa"] for r in rows),
                   TURQUOISE, "///", TEXT),
        ),
        stacked=False, horizontal=True, value_label="Inspections",
    )
    return Panel(
        id="2016-by-region", heading="By region", chart=chart,
        caption="Inspections under the 2016 framework, by region", row_header="Region",
        columns=("Inspections", "Written statement of action required"),
        rows=tuple((r["region"], (r["inspections"], r["wsoa"])) for r in rows),
    )


def years_2016_with_estimates() -> list[dict[str, Any]]:
    estimated = stats.estimated_starts_by_year("2016")
    return [{**r, "estimated": estimated.get(r["year"], 0)} for r in stats.by_year_2016()]


def publication_delay_chart(_year: int) -> ChartSpec:
    """Median days from the end of the on-site week to publication, by year (insights.national)."""
    from .national import delay_chart_rows, describe_delays

    years = delay_chart_rows()
    return ChartSpec(
        name="publication-delay", title="Median days from the end of the on-site week to publication",
        description=describe_delays(years), categories=tuple(y.label for y in years),
        series=(Series("Median days", tuple(round(y.median_days) for y in years), DARK_BLUE, "", "#ffffff"),),
        stacked=False, horizontal=False, value_label="Days",
    )


# What each chart URL draws: the rows are read fresh, the drawing comes from the cache.
CHARTS: dict[str, Callable[[int], ChartSpec]] = {
    "publication-delay": publication_delay_chart,
    "2023-by-year": lambda year: panel_2023_by_year(stats.by_year_2023(), year).chart,
    "2016-by-year": lambda year: panel_2016_by_year(years_2016_with_estimates(), year).chart,
    "2023-by-region": lambda _year: panel_2023_by_region(stats.by_region("2023")).chart,
    "2016-by-region": lambda _year: panel_2016_by_region(stats.by_region("2016")).chart,
}


# --- drawing --------------------------------------------------------------------------------

RC: dict[str, Any] = {
    "svg.hashsalt": "areasend",  # stable element ids: the same figures give byte-identical SVG
    "font.size": 11, "text.color": TEXT, "axes.labelcolor": TEXT,
    "axes.edgecolor": GREY, "xtick.color": TEXT, "ytick.color": TEXT,
    "hatch.linewidth": 1.2,
}
_cache: dict[ChartSpec, str] = {}
_lock = threading.Lock()  # rc_context changes matplotlib's global settings while drawing
CACHE_LIMIT = 64


def render_svg(spec: ChartSpec) -> str:
    """The chart as an SVG document, drawn once per distinct spec in this process."""
    with _lock:
        svg = _cache.get(spec)
        if svg is None:
            if len(_cache) >= CACHE_LIMIT:
                _cache.clear()
            svg = _cache[spec] = _draw(spec)
    return svg


def _bars(ax: Axes, spec: ChartSpec) -> None:
    n, k = len(spec.categories), len(spec.series)
    base = [0] * n
    width = 0.7 if spec.stacked else 0.8 / k
    for i, s in enumerate(spec.series):
        pos: list[float] = list(range(n)) if spec.stacked else [p - 0.4 + width * (i + 0.5) for p in range(n)]
        style: dict[str, Any] = {"color": s.colour, "hatch": s.hatch, "edgecolor": "#ffffff",
                                 "hatchcolor": "#ffffff", "linewidth": 1, "label": s.label}
        if spec.horizontal:
            bars = ax.barh(pos, s.values, width, left=base if spec.stacked else None, **style)
        else:
            bars = ax.bar(pos, s.values, width, bottom=base if spec.stacked else None, **style)
        if spec.stacked:
            # The count on each segment sits on a patch of the segment's own colour, so the
            # hatching does not run through the digits.
            ax.bar_label(bars, labels=[str(v) if v else "" for v in s.values], label_type="center",
                         color=s.text_colour, fontsize=10, fontweight="bold",
                         bbox={"boxstyle": "round,pad=0.2", "fc": s.colour, "ec": "none"})
            base = [b + v for b, v in zip(base, s.values, strict=True)]
        else:
            ax.bar_label(bars, padding=2, fontsize=9)
    if spec.stacked:
        ax.bar_label(bars, labels=[f"Total {t}" for t in base], padding=3, fontsize=10)


def _axes(ax: Axes, spec: ChartSpec) -> None:
    ticks = list(range(len(spec.categories)))
    value_axis = ax.xaxis if spec.horizontal else ax.yaxis
    if spec.horizontal:
        ax.set_yticks(ticks, labels=list(spec.categories))
        ax.invert_yaxis()
        ax.set_xlabel(spec.value_label)
        ax.margins(x=0.12)
    else:
        ax.set_xticks(ticks, labels=list(spec.categories))
        ax.set_ylabel(spec.value_label)
        ax.margins(y=0.12)
    value_axis.set_major_locator(MaxNLocator(integer=True))
    value_axis.grid(True, color=LIGHT_GREY, linewidth=0.6)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)


def _draw(spec: ChartSpec) -> str:
    with rc_context(RC):  # type: ignore[arg-type]  # the stubs want literal rc keys
        fig = Figure(figsize=(9, 5.4 if spec.horizontal else 4.8), layout="constrained")
        ax = fig.add_subplot()
        if spec.categories:
            _bars(ax, spec)
            _axes(ax, spec)
            fig.legend(loc="outside upper left", ncols=min(3, len(spec.series)), frameon=False,
                       fontsize=10)
        else:
            ax.set_axis_off()
            ax.text(0.5, 0.5, "No inspections recorded yet", ha="center", va="center",
                    transform=ax.transAxes)
        if spec.note:
            fig.text(0.01, 0.005, spec.note, fontsize=9, color=GREY, ha="left", va="bottom")
            fig.get_layout_engine().set(rect=(0, 0.05, 1, 0.95))  # type: ignore[union-attr,call-arg]
        buffer = io.StringIO()
        fig.savefig(buffer, format="svg", metadata={"Date": None, "Title": spec.title})
    return _with_title(buffer.getvalue(), spec)


def _with_title(svg: str, spec: ChartSpec) -> str:
    """A <title> and <desc> as the first children of the root: what a screen reader announces
    when the SVG is opened on its own (on the page, the <img> alt text says the same)."""
    start = svg.index("<svg")
    end = svg.index(">", start)
    return (
        f'{svg[:end]} role="img" aria-labelledby="chart-title chart-desc">\n'
        f' <title id="chart-title">{escape(spec.title)}</title>\n'
        f' <desc id="chart-desc">{escape(spec.description)}</desc>'
        f"{svg[end + 1:]}"
    )

