import JSON
import Risk

/// The constant parts of the HTML report: style sheet, the one script, and the colour palette.
/// Nothing here is derived from report data, so the script's CSP hash is fixed.
enum HTMLAssets {
    /// The colour of a category (bars, chips).
    static func color(_ c: Category) -> String {
        switch c {
        case .read: "#0e7490"
        case .write: "#1d4ed8"
        case .execute: "#c2410c"
        case .destructive: "#b91c1c"
        case .financial: "#7e22ce"
        }
    }

    /// The colour of a severity (bars, chips).
    static func color(_ s: Severity) -> String {
        switch s {
        case .critical: "#b91c1c"
        case .high: "#ea580c"
        case .medium: "#ca8a04"
        case .low: "#16a34a"
        }
    }

    /// Sorts a tools table when a header is clicked, reading only `data-*` attributes of its rows; marks
    /// the document `data-sortable="yes"` so a test can see that the CSP hash let it run.
    static let script = """
    document.documentElement.setAttribute('data-sortable', 'yes');
    document.querySelectorAll('table.tools th[data-sort]').forEach(function (th) {
      th.addEventListener('click', function () {
        var table = th.closest('table'), body = table.tBodies[0], key = th.getAttribute('data-sort');
        var dir = th.getAttribute('aria-sort') === 'descending' ? 1 : -1;
        table.querySelectorAll('th[data-sort]').forEach(function (h) { h.removeAttribute('aria-sort'); });
        th.setAttribute('aria-sort', dir === 1 ? 'ascending' : 'descending');
        Array.prototype.slice.call(body.rows).sort(function (a, b) {
          var x = a.getAttribute('data-' + key) || '', y = b.getAttribute('data-' + key) || '';
          var c = (isNaN(Number(x)) || isNaN(Number(y))) ? x.localeCompare(y) : Number(x) - Number(y);
          return c * dir;
        }).forEach(function (row) { body.appendChild(row); });
      });
    });
    """

    /// The Content-Security-Policy: nothing external, inline styles, only our script, data: images.
    static let contentSecurityPolicy: String =
        "default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-\(SHA256.base64(script))'; img-src data:; "
            + "base-uri 'none'; form-action 'none'"

    /// Category filter rules: a checked radio hides tool rows of other categories (works without script).
    static var filterCSS: String {
        Category.allCases.map { c in
            "body:has(#filter-\(c.rawValue):checked) tr.tool:not([data-cat=\"\(c.rawValue)\"]) { display: none; }"
        }.joined(separator: "\n")
    }

    /// The style sheet.
    static let css: String = {
        var chips = ""
        for c in Category.allCases { chips += ".cat-\(c.rawValue) { background: \(color(c)); }\n" }
        for s in Severity.allCases {
            chips += ".sev-\(s.rawValue) { background: \(color(s)); }\n.finding.f-\(s.rawValue) { border-left-color: \(color(s)); }\n"
        }
        return baseCSS + chips + filterCSS + "\n"
    }()

    private static let baseCSS = """
    :root { --ink: #0f172a; --muted: #64748b; --line: #e2e8f0; --paper: #ffffff; --bg: #f1f5f9; }
    * { box-sizing: border-box; }
    body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--ink); background: var(--bg); }
    code, pre, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; font-size: 13px; }
    header.top { background: linear-gradient(135deg, #0f172a, #1e293b); color: #f8fafc; padding: 28px 40px 24px; }
    header.top h1 { margin: 0 0 4px; font-size: 26px; letter-spacing: -0.02em; }
    header.top .meta { color: #cbd5e1; font-size: 14px; }
    .verdict { display: inline-block; margin-top: 14px; padding: 8px 16px; border-radius: 999px; font-weight: 700; font-size: 15px; }
    .verdict.incomplete { background: #f59e0b; color: #1c1917; }
    .verdict.fail, .verdict.critical { background: #dc2626; color: #fff; }
    .verdict.high { background: #ea580c; color: #fff; }
    .verdict.medium { background: #facc15; color: #1c1917; }
    .verdict.low, .verdict.none { background: #22c55e; color: #052e16; }
    main { max-width: 1180px; margin: 0 auto; padding: 24px 32px 48px; }
    .banner { border-radius: 12px; padding: 14px 18px; margin-bottom: 20px; font-weight: 600; }
    .banner.incomplete { background: #fef3c7; border: 2px solid #f59e0b; color: #78350f; }
    .banner.complete { background: #dcfce7; border: 1px solid #86efac; color: #14532d; }
    .banner ul { margin: 6px 0 0; font-weight: 400; }
    .grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(300px, 1fr)); gap: 16px; margin-bottom: 20px; }
    .card { background: var(--paper); border-radius: 12px; padding: 18px 20px; box-shadow: 0 1px 2px rgba(15,23,42,.06), 0 4px 12px rgba(15,23,42,.04); }
    .card h2, .card h3 { margin: 0 0 10px; font-size: 16px; }
    section.server h3 { margin: 22px 0 6px; font-size: 16px; }
    .stats { display: grid; grid-template-columns: 1fr 1fr; gap: 14px 18px; }
    .stat b { display: block; font-size: 28px; line-height: 1.1; }
    .stat span { color: var(--muted); font-size: 13px; }
    svg.chart { width: 100%; height: auto; display: block; }
    .chart-label { font-size: 13px; fill: #334155; }
    .chart-count { font-size: 13px; font-weight: 700; fill: #0f172a; }
    .chart-track { fill: #f1f5f9; }
    .filters { display: flex; gap: 8px; flex-wrap: wrap; align-items: center; margin: 0 0 18px; }
    .filters input { position: absolute; opacity: 0; }
    .filters label { padding: 5px 12px; border-radius: 999px; background: #e2e8f0; cursor: pointer; font-size: 13px; }
    .filters input:checked + label { background: var(--ink); color: #fff; }
    section.server { margin-bottom: 26px; }
    .server-head { display: flex; align-items: baseline; gap: 10px; flex-wrap: wrap; }
    .server-head h2 { font-size: 21px; margin: 0; word-break: break-word; }
    .badge { display: inline-block; padding: 2px 10px; border-radius: 999px; font-size: 12px; font-weight: 700; text-transform: uppercase; letter-spacing: .04em; }
    .status-complete { background: #dcfce7; color: #166534; }
    .status-partial { background: #fef3c7; color: #92400e; border: 1px solid #f59e0b; }
    .status-failed { background: #fee2e2; color: #991b1b; border: 1px solid #ef4444; }
    dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 2px 14px; margin: 12px 0; font-size: 14px; }
    dl.meta dt { color: var(--muted); }
    dl.meta dd { margin: 0; word-break: break-all; }
    .failure { background: #fef2f2; border-left: 5px solid #dc2626; border-radius: 8px; padding: 10px 14px; margin: 10px 0; }
    pre { background: #0f172a; color: #e2e8f0; padding: 12px 14px; border-radius: 8px; overflow-x: auto; white-space: pre-wrap; word-break: break-word; margin: 8px 0 0; }
    table.tools { width: 100%; border-collapse: collapse; margin-top: 10px; font-size: 14px; }
    table.tools th { text-align: left; font-size: 12px; text-transform: uppercase; letter-spacing: .05em; color: var(--muted); border-bottom: 2px solid var(--line); padding: 6px 8px; cursor: pointer; user-select: none; white-space: nowrap; }
    table.tools th[aria-sort=ascending]::after { content: " ▲"; }
    table.tools th[aria-sort=descending]::after { content: " ▼"; }
    table.tools { table-layout: fixed; }
    table.tools th:nth-child(1) { width: 36%; }
    table.tools th:nth-child(2) { width: 116px; }
    table.tools th:nth-child(3) { width: 96px; }
    table.tools th:nth-child(4) { width: 112px; }
    .why { font-size: 12px; color: var(--muted); font-weight: 400; margin: 2px 0 0 16px; word-break: break-word; }
    .counts .chip { margin-right: 4px; }
    table.tools td { border-bottom: 1px solid var(--line); padding: 7px 8px; vertical-align: top; }
    table.tools tr.tool:hover td { background: #f8fafc; }
    td.name { font-weight: 600; word-break: break-word; max-width: 420px; }
    .chip { display: inline-block; color: #fff; padding: 1px 9px; border-radius: 6px; font-size: 12px; font-weight: 700; }
    .signal { display: inline-block; background: #eef2ff; color: #3730a3; border-radius: 6px; padding: 1px 7px; margin: 1px 4px 1px 0; font-size: 12px; }
    details > summary { cursor: pointer; }
    details.tool-detail { font-weight: 400; }
    details.tool-detail > summary { font-weight: 600; }
    details.tool-detail ul { margin: 6px 0; padding-left: 18px; font-size: 13px; }
    .muted { color: var(--muted); }
    .finding { border-left: 5px solid; border-radius: 8px; padding: 10px 14px; margin: 10px 0; background: #fff7ed; }
    .finding.f-critical, .finding.f-high { background: #fef2f2; }
    .finding.f-medium { background: #fefce8; }
    .finding.f-low { background: #f0fdf4; }
    .finding .rule { font-weight: 700; }
    .finding .where { color: var(--muted); font-size: 13px; }
    .finding q { display: block; margin-top: 4px; font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 13px; background: rgba(15,23,42,.05); padding: 4px 8px; border-radius: 6px; word-break: break-word; }
    footer { text-align: center; color: var(--muted); font-size: 13px; padding: 20px; }

    """
}
