#!/usr/bin/env python3
"""Draws the panels of tcp-gateway.json from a Prometheus's query_range results as an HTML page
of inline SVG charts, laid out on Grafana's 24-column grid (Grafana itself is not needed).

    render-preview.py PROMETHEUS_URL MINUTES RATE_INTERVAL OUT.html
"""
import html
import json
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

COLORS = ["#73bf69", "#f2cc0c", "#8ab8ff", "#ff780a", "#f2495c", "#5794f2", "#b877d9", "#705da0",
          "#37872d", "#fade2a", "#96d98d", "#ffb357"]
COLUMN, ROW = 1600 / 24, 34


def query_range(url, expr, start, end, step):
    params = urllib.parse.urlencode({"query": expr, "start": start, "end": end, "step": step})
    with urllib.request.urlopen(f"{url}/api/v1/query_range?{params}", timeout=30) as response:
        return json.load(response)["data"]["result"]


def legend(template, labels):
    text = template
    for key, value in labels.items():
        text = text.replace("{{" + key + "}}", value)
    return text


def number(value, unit):
    if unit == "percentunit":
        return f"{value * 100:.1f}%"
    suffix = {"cps": "/s", "Bps": " B/s", "bytes": " B", "s": " s"}.get(unit, "")
    if unit == "s" and 0 < abs(value) < 1:
        return f"{value * 1e6:.0f} µs" if abs(value) < 1e-3 else f"{value * 1e3:.1f} ms"
    for factor, prefix in ((1e9, "G"), (1e6, "M"), (1e3, "k")):
        if abs(value) >= factor:
            return f"{value / factor:.1f}{prefix}{suffix}"
    return f"{value:.3g}{suffix}"


def chart(series, width, height, unit, start, end):
    values = [v for _, points in series for _, v in points]
    low, high = min(values + [0]), max(values + [0])
    if unit == "percentunit":
        high = max(high, 0.01)
    high = high if high > low else low + 1
    x = lambda t: 50 + (t - start) / (end - start) * (width - 60)
    y = lambda v: 8 + (high - v) / (high - low) * (height - 24)
    parts = [f'<line x1="50" y1="{y(low)}" x2="{width - 10}" y2="{y(low)}" stroke="#444"/>',
             f'<text x="46" y="{y(high) + 4}" text-anchor="end">{number(high, unit)}</text>',
             f'<text x="46" y="{y(low) + 4}" text-anchor="end">{number(low, unit)}</text>',
             f'<text x="50" y="{height - 2}">-{round((end - start) / 60)}m</text>',
             f'<text x="{width - 10}" y="{height - 2}" text-anchor="end">now</text>']
    for index, (_, points) in enumerate(series):
        path = " ".join(f"{x(t):.1f},{y(v):.1f}" for t, v in points)
        parts.append(f'<polyline fill="none" stroke-width="1.5" stroke="{COLORS[index % len(COLORS)]}" '
                     f'points="{path}"/>')
    return f'<svg width="{width}" height="{height}">{"".join(parts)}</svg>'


def timeline(series, mappings, width, start, end, step):
    rows = []
    x = lambda t: 90 + (t - start) / (end - start) * (width - 100)
    for index, (name, points) in enumerate(series):
        top = 4 + index * 30
        rows.append(f'<text x="0" y="{top + 16}">{html.escape(name)}</text>')
        for t, v in points:
            color = mappings.get(str(int(v)), {}).get("color", "#5794f2")
            rows.append(f'<rect x="{x(t):.1f}" y="{top}" width="{x(t + step) - x(t) + 0.5:.1f}" height="24" '
                        f'fill="{color}"/>')
    rows.append(f'<text x="90" y="{8 + len(series) * 30 + 8}">-{round((end - start) / 60)}m</text>')
    rows.append(f'<text x="{width - 10}" y="{8 + len(series) * 30 + 8}" text-anchor="end">now</text>')
    return f'<svg width="{width}" height="{len(series) * 30 + 20}">{"".join(rows)}</svg>'


def stat(series, mappings):
    cells = []
    for name, points in series:
        last = str(int(points[-1][1])) if points else "-"
        mapped = mappings.get(last, {"text": last, "color": "#5794f2"})
        cells.append(f'<div class="stat" style="background:{mapped.get("color", "#5794f2")}">'
                     f'<small>{html.escape(name)}</small>{html.escape(mapped["text"])}</div>')
    return "".join(cells)


def main(url, minutes, rate_interval, out):
    dashboard = json.loads((Path(__file__).parent / "tcp-gateway.json").read_text())
    end = time.time()
    start = end - minutes * 60
    step = max(1, minutes * 60 // 150)
    boxes = []
    for panel in dashboard["panels"]:
        grid = panel["gridPos"]
        style = (f"left:{grid['x'] * COLUMN}px;top:{grid['y'] * ROW}px;"
                 f"width:{grid['w'] * COLUMN - 8}px;height:{grid['h'] * ROW - 8}px")
        if panel["type"] == "row":
            boxes.append(f'<div class="row" style="{style}">{html.escape(panel["title"])}</div>')
            continue
        series = []
        for target in panel["targets"]:
            expr = target["expr"].replace("$instance", ".*").replace("$__rate_interval", rate_interval)
            for result in query_range(url, expr, start, end, step):
                points = [(float(t), float(v)) for t, v in result["values"] if v not in ("NaN", "+Inf", "-Inf")]
                series.append((legend(target["legendFormat"], result["metric"]), points))
        defaults = panel["fieldConfig"]["defaults"]
        width, height = grid["w"] * COLUMN - 20, grid["h"] * ROW - 80
        mappings = {k: v for m in defaults.get("mappings", []) for k, v in m["options"].items()}
        if panel["type"] == "timeseries":
            body = chart(series, width, height, defaults.get("unit", "short"), start, end)
        elif panel["type"] == "state-timeline":
            body = timeline(series, mappings, width, start, end, step)
        else:
            body = stat(series, mappings)
        keys = "".join(f'<span style="color:{COLORS[i % len(COLORS)]}">&#9644; {html.escape(name)}</span>'
                       for i, (name, _) in enumerate(series) if panel["type"] == "timeseries")
        boxes.append(f'<div class="panel" style="{style}"><h3>{html.escape(panel["title"])}</h3>{body}'
                     f'<div class="keys">{keys}</div></div>')
    bottom = max(p["gridPos"]["y"] + p["gridPos"]["h"] for p in dashboard["panels"]) * ROW
    Path(out).write_text(f"""<!doctype html><meta charset="utf-8"><style>
body {{ margin: 0; background: #111217; color: #ccccdc; font: 12px sans-serif; }}
.panel, .row {{ position: absolute; box-sizing: border-box; overflow: hidden; }}
.panel {{ background: #181b1f; border: 1px solid #2c3235; border-radius: 3px; padding: 4px 8px; }}
.row {{ font-size: 15px; font-weight: bold; padding: 8px 4px; }}
h3 {{ margin: 2px 0 4px; font-size: 13px; }}
svg text {{ fill: #8e8e8e; font-size: 10px; }}
.keys span {{ margin-right: 10px; white-space: nowrap; font-size: 11px; }}
.stat {{ display: inline-block; margin: 4px; padding: 8px 14px; color: #fff; font-size: 22px; border-radius: 3px; }}
.stat small {{ display: block; font-size: 11px; }}
</style><div style="position:relative;height:{bottom}px">{"".join(boxes)}</div>""")
    print(bottom)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4])
