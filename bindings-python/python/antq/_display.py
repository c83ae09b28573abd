"""Notebook display (``_repr_html_``) of rule sets, unit results and evaluations.
Every text is HTML-escaped; tables are truncated."""

from __future__ import annotations

from html import escape
from typing import Any, Dict, Iterable, List, Optional

MAX_ROWS = 20

_STYLE = (
    "<style>.antq table{border-collapse:collapse;font-size:0.9em}"
    ".antq th,.antq td{border:1px solid #ccc;padding:2px 6px;text-align:left;vertical-align:top}"
    ".antq .met{color:#1a7f37}.antq .not_met{color:#cf222e}.antq .unknown{color:#9a6700}"
    ".antq small{color:#666}.antq td:first-child{white-space:nowrap}</style>"
)

_MARK = {"met": "✓", "not_met": "✗", "unknown": "?"}
#: A certainty's mark, as DOMAIN writes it.
_CERTAINTY_MARK = {"verified": "V", "partial": "P", "inferred": "I", "sample": "S"}


def _e(v: Any) -> str:
    return "" if v is None else escape(str(v))


def _table(header: Iterable[str], rows: Iterable[Iterable[str]]) -> str:
    """A table from already escaped cells."""
    head = "".join(f"<th>{h}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _basis(refs: Optional[List[Dict[str, Any]]]) -> str:
    out = []
    for r in refs or []:
        s = str(r.get("document", ""))
        if r.get("article"):
            s += f", art. {r['article']}"
        if r.get("clause"):
            s += f", cl. {r['clause']}"
        out.append(s)
    return _e("; ".join(out))


def _text(t: Optional[Dict[str, Any]]) -> str:
    if not t:
        return ""
    return f"{_e(t.get('en'))}<br><small>{_e(t.get('vi'))}</small>"


def rule_set_html(rs: Any) -> str:
    d = rs.to_dict()
    rows = []
    for c in d.get("criteria", []):
        test = c.get("test", {})
        rows.append(
            [
                f"<b>{_e(c.get('id'))}</b>",
                _e(", ".join(c.get("kinds", []))),
                _text(c.get("label")),
                _basis(c.get("legal_basis")),
                _e(c.get("certainty")),
                _e(c.get("wording")),
                "yes" if c.get("mandatory", True) else "no",
                _e(test.get("test") if isinstance(test, dict) else test),
            ]
        )
    sups = "".join(
        f"<li>supplement {_e(s.get('id'))} {_e(s.get('version'))} [{_e(s.get('certainty'))}]</li>"
        for s in d.get("applied_supplements", [])
    )
    return (
        f"{_STYLE}<div class='antq'><b>{_e(d.get('title', {}).get('en'))}</b>"
        f" <small>{_e(d.get('title', {}).get('vi'))}</small><br>"
        f"<code>{_e(d.get('id'))}</code> version {_e(d.get('version'))} · "
        f"sha256 <code>{_e(rs.content_hash[:16])}</code> · {_basis(d.get('legal_basis'))}"
        f"<ul>{sups}</ul>"
        + _table(
            ["id", "kinds", "criterion", "legal basis", "certainty", "wording", "mandatory", "test"],
            rows,
        )
        + "</div>"
    )


def unit_result_html(u: Any) -> str:
    d = u.to_dict()
    out = d.get("outcome", {})
    label_en, label_vi = u.label("en"), u.label("vi")
    head = (
        f"<b>{_e(d.get('unit'))}</b> — {_e(d.get('name'))} <small>({_e(d.get('kind'))}"
        f"{', ' + _e(d.get('subkind')) if d.get('subkind') else ''})</small><br>"
        f"<b>{_e(label_en)}</b> <small>{_e(label_vi)}</small> · met {_e(d.get('met'))}/{_e(d.get('of'))}"
        f" · window {_e(d['window']['start'])} – {_e(d['window']['end'])}"
    )
    rec = d.get("recognised_by")
    if rec:
        head += f" · recognised by {_e(rec['label']['en'])} [{_e(rec.get('certainty'))}]"
    score = d.get("score")
    if score:
        head += (
            f"<br>reviewed score {_e(score.get('reviewed', '–'))} / {_e(score.get('total'))}"
            f" (self {_e(score.get('self', '–'))}; known items max {_e(score.get('known_max'))})"
        )
    if out.get("status") == "out_of_scope":
        head += f"<br>{_text(out.get('reason'))} <small>({_e(out.get('code'))})</small>"
    rows = []
    for c in d.get("criteria", []):
        status = str(c.get("status"))
        checks = "<br>".join(
            f"{'&nbsp;' * 2 * int(k.get('depth', 0))}<span class='{_e(k.get('status'))}'>"
            f"{_MARK.get(str(k.get('status')), '')}</span> {_e(k['explanation']['en'])}"
            f" <small>[observed {_e(k.get('observed', '–'))}; needs {_e(k.get('threshold'))}]</small>"
            for k in c.get("checks", [])
        )
        rows.append(
            [
                f"<span class='{_e(status)}'>{_MARK.get(status, '')} {_e(status)}</span>",
                f"<b>{_e(c.get('id'))}</b>" + ("" if c.get("mandatory", True) else " <small>optional</small>"),
                _text(c.get("label")),
                _e(c.get("certainty")),
                _basis(c.get("legal_basis")),
                checks,
            ]
        )
    missing = "".join(
        f"<li>[{_e(m.get('criterion'))}] {_e(m['text']['en'])} <small>({_e(m.get('key'))})</small></li>"
        for m in d.get("missing", [])
    )
    illus = "".join(f"<li>{_e(i)}</li>" for i in d.get("illustrative", []))
    return (
        f"{_STYLE}<div class='antq'>{head}"
        + (
            _table(["status", "criterion", "label", "certainty", "legal basis", "observed vs threshold"], rows)
            if rows
            else ""
        )
        + (f"<b>Still missing</b><ul>{missing}</ul>" if missing else "")
        + (f"<b>Depends on illustrative defaults</b><ul>{illus}</ul>" if illus else "")
        + "</div>"
    )


def _cell(v: Any) -> Any:
    """A row's value for a table cell: a list joined by ``; ``."""
    return "; ".join(map(str, v)) if isinstance(v, list) else v


def evaluation_html(ev: Any) -> str:
    dec = ev.decision
    summary: Dict[str, Dict[str, int]] = ev.summary
    codes = sorted({c for by in summary.values() for c in by})
    srows = [[_e(k)] + [_e(by.get(c, "")) for c in codes] for k, by in summary.items()]
    n = len(ev)
    head_rows = ev._row_dicts(MAX_ROWS)
    cols = ["unit", "name", "kind", "parent", "outcome", "level", "met", "of", "failed", "missing", "score_reviewed"]
    # The `failed` and `missing` lists are shown joined by `; `, with room to wrap.
    trows = [[_e(_cell(r.get(c))) for c in cols] for r in head_rows]
    more = f"<small>… and {n - len(head_rows)} more units (use .rows() for all)</small>" if n > len(head_rows) else ""
    sups = "".join(
        f" + supplement {_e(s.get('id'))} {_e(s.get('version'))}" for s in dec.get("supplements", [])
    )
    illus = "".join(f"<li>{_e(i)}</li>" for i in dec.get("illustrative_defaults", []))
    # What the caller allowed beyond the law in force in the year (recorded in the decision).
    allowed = "".join(
        f"<br><b>{text} (allowed)</b>"
        for key, text in (
            ("outside_period", "rule set applied outside its period of application"),
            ("as_of_outside_year", "reference date outside the year's review"),
        )
        if dec.get(key)
    )
    # What it read but did not count, or could not review: shown with the result, not only
    # warned when it was made (a warning is shown once; the display every time).
    lints = ev.lints
    notes = "".join(f"<li><code>{_e(p.get('code'))}</code> {_e(p.get('message'))}</li>" for p in lints[:MAX_ROWS])
    if len(lints) > MAX_ROWS:
        notes += f"<li>… and {len(lints) - MAX_ROWS} more (.lints)</li>"
    return (
        f"{_STYLE}<div class='antq'><b>Evaluation</b> <code>{_e(dec['rule_set'])}</code> {_e(dec['version'])}"
        f"{sups} · year {_e(dec['year'])} · as of {_e(dec['as_of'])} · {n} units · "
        f"sha256 <code>{_e(str(dec['content_hash'])[:16])}</code>{allowed}"
        + (f"<br><small>illustrative defaults:</small><ul>{illus}</ul>" if illus else "<br>")
        + (f"<small>notes ({len(lints)}):</small><ul class='notes'>{notes}</ul>" if lints else "")
        + _table(["kind"] + [_e(c) for c in codes], srows)
        + "<br>"
        + _table([_e(c) for c in cols], trows)
        + more
        + "</div>"
    )


def table_html(t: Any) -> str:
    """An ``antq.Table``: its name and shape, then the first rows (escaped)."""
    cols: List[str] = t.columns
    head = t._head(MAX_ROWS)
    n = len(t)
    more = f"<small>… and {n - len(head)} more rows</small>" if n > len(head) else ""
    return (
        f"{_STYLE}<div class='antq'><b>{_e(t.name)}</b> <small>{n} rows × {len(cols)} columns</small>"
        + _table([_e(c) for c in cols], [[_e(v) for v in r] for r in head])
        + more
        + "</div>"
    )


def result_html(r: Any) -> str:
    """An analysis result (``WhatIf``, ``Impact``…): its summary line, then its table."""
    return f"{_STYLE}<div class='antq'><b>{_e(repr(r))}</b></div>" + table_html(r.table())


def dataset_html(ds: Any) -> str:
    """A dataset: title, counts, whether synthetic, and its first units."""
    counts: Dict[str, int] = ds.counts
    meta: Dict[str, Any] = ds.meta
    units = ds.to_frames(library="arrow")["units"]
    cols = [c for c in ("id", "name", "kind", "subkind", "parent") if c in units.columns]
    idx = [units.columns.index(c) for c in cols]
    rows = [[_e(r[i]) for i in idx] for r in units._head(MAX_ROWS)]
    more = f"<small>… and {len(units) - len(rows)} more units</small>" if len(units) > len(rows) else ""
    desc = f"<br><small>{_e(meta.get('description'))}</small>" if meta.get("description") else ""
    return (
        f"{_STYLE}<div class='antq'><b>Dataset</b> {_e(ds.title)}"
        + (" <small>(synthetic)</small>" if ds.synthetic else "")
        + desc
        + "<br>"
        + " · ".join(f"{n} {_e(k)}" for k, n in counts.items())
        + _table(cols, rows)
        + more
        + "</div>"
    )


def stats_html(st: Any) -> str:
    """Activity statistics: the year and window, the root's totals, then the first rows."""
    start, end = st.window
    totals: Dict[str, Any] = st.totals() if len(st) else {}
    # With no activity record counted, the figures are unknown, not counts of 0.
    recorded = totals.get("records", 0) > 0
    flat = [[_e(k), _e(v) if recorded or k == "records" else "–"] for k, v in totals.items() if not isinstance(v, list)]
    return (
        f"{_STYLE}<div class='antq'><b>Activity statistics</b> {_e(st.year)} · window {_e(start)} – {_e(end)}"
        f" [{_e(_CERTAINTY_MARK.get(st.window_certainty, st.window_certainty))}]"
        f" · {len(st)} units<br>"
        + (_table(["total (first root)", "count"], flat) if flat else "")
        + "<br>"
        + table_html(st.rows(library="arrow"))
        + "</div>"
    )


def supplement_html(s: Any) -> str:
    """A supplement: id, version, base, certainty, title, description and parameters."""
    d = s.to_dict()
    params = d.get("parameters") or {}
    prows = [[_e(k), _e(v.get("value") if isinstance(v, dict) else v)] for k, v in params.items()]
    return (
        f"{_STYLE}<div class='antq'><b>Supplement</b> <code>{_e(d.get('id'))}</code> {_e(d.get('version'))}"
        f" to <code>{_e(d.get('base'))}</code> [{_e(d.get('certainty'))}]<br>"
        f"{_text(d.get('title'))}"
        + (f"<br><small>{_e(d.get('description'))}</small>" if d.get("description") else "")
        + (_table(["parameter", "value"], prows) if prows else "")
        + "</div>"
    )
