"""``python -m tools.render_report``: look at a markdown report as a reader would.

Renders a stuckscan markdown report (or the report of a log) to HTML with its Mermaid
charts drawn by Mermaid itself, in headless Chromium, and saves a screenshot. Mermaid
syntax errors are printed and make the exit code 1.

Not part of the test suite: it needs two things the project does not depend on,

- Chromium (Debian: ``apt-get install -y chromium``), found as ``chromium``,
  ``chromium-browser`` or ``google-chrome`` on PATH, or given with ``--chromium``;
- Mermaid's browser bundle from the npm registry (``npm install mermaid`` in a scratch
  directory outside the repository), given with ``--mermaid .../node_modules/mermaid/dist/mermaid.min.js``
  or ``$MERMAID_JS``.

Examples::

    python -m tools.render_report sample_logs/openclaw-2026-05-21.log --out /tmp/render
    python -m tools.render_report report.md --charts-only --out /tmp/render

A ``.md`` argument is rendered as it is; anything else is scanned first
(``stuckscan report``). The HTML uses GitHub-like widths, so a chart that is illegible
here is illegible in an issue or a job summary too.
"""

from __future__ import annotations

import argparse
import html
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from markdown_it import MarkdownIt

PAGE_WIDTH = 1012  # GitHub's markdown body width on a wide screen
MAX_HEIGHT = 16000
BROWSERS = ("chromium", "chromium-browser", "google-chrome")
HEIGHT_MARK = re.compile(r'data-height="(\d+)"')
ERROR_MARK = re.compile(r'<div class="mermaid-error">(.*?)</div>', re.S)

PAGE = """<!doctype html>
<html><head><meta charset="utf-8"><title>{title}</title>
<style>
body {{ font: 14px/1.5 -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; width: {width}px;
       margin: 16px auto; color: #1f2328; }}
table {{ border-collapse: collapse; }} td, th {{ border: 1px solid #d0d7de; padding: 4px 10px; }}
pre {{ background: #f6f8fa; padding: 12px; overflow: auto; font-size: 12px; }}
code {{ background: #eff1f3; padding: 0 3px; }} pre code {{ background: none; }}
pre.mermaid {{ background: none; }}
.mermaid-error {{ color: #b00; font-weight: bold; white-space: pre-wrap; }}
</style></head>
<body>{body}
<script src="{mermaid}"></script>
<script>
(async () => {{
  mermaid.initialize({{ startOnLoad: false, securityLevel: "strict", theme: "default" }});
  for (const block of document.querySelectorAll("pre.mermaid")) {{
    try {{ await mermaid.parse(block.textContent); }}
    catch (error) {{
      const note = document.createElement("div");
      note.className = "mermaid-error";
      note.textContent = String(error && error.message || error);
      block.after(note);
    }}
  }}
  try {{ await mermaid.run({{ querySelector: "pre.mermaid", suppressErrors: true }}); }} catch (error) {{}}
  document.body.setAttribute("data-height", String(document.documentElement.scrollHeight));
}})();
</script></body></html>
"""


def report_markdown(source: Path) -> str:
    """The markdown to render: the file itself, or the report of a log."""
    if source.suffix == ".md":
        return source.read_text(encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "stuckscan", "report", str(source), "--fail-on", "never"],
                            capture_output=True, text=True, check=False)
    if result.returncode not in (0, 1):
        raise SystemExit(f"render_report: stuckscan report {source} failed: {result.stderr.strip()}")
    return result.stdout


def to_html(markdown: str, mermaid_js: Path, title: str, charts_only: bool) -> str:
    parser = MarkdownIt("commonmark").enable("table")
    tokens = parser.parse(markdown)
    if charts_only:
        tokens = [token for token in tokens if token.type == "fence" and token.info == "mermaid"]
    parts: list[str] = []
    for token in tokens:
        if token.type == "fence" and token.info == "mermaid":
            parts.append(f'<pre class="mermaid">{html.escape(token.content)}</pre>')
        elif not charts_only:
            parts.append(parser.renderer.render([token], parser.options, {}))
    return PAGE.format(title=html.escape(title), width=PAGE_WIDTH, body="".join(parts), mermaid=mermaid_js.as_uri())


def find_browser(given: str | None) -> str:
    for name in (given,) if given else BROWSERS:
        found = shutil.which(name) if name else None
        if found:
            return found
    raise SystemExit("render_report: no Chromium found (apt-get install -y chromium, or --chromium PATH)")


def browse(browser: str, page: Path, *extra: str) -> str:
    command = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--allow-file-access-from-files", "--virtual-time-budget=15000", *extra, page.as_uri()]
    result = subprocess.run(command, capture_output=True, text=True, timeout=180, check=False)
    return result.stdout


def output_name(source: Path, charts_only: bool) -> str:
    return source.name.replace(".", "_") + ("_charts" if charts_only else "")


def render(source: Path, out_dir: Path, mermaid_js: Path, browser: str, charts_only: bool) -> list[str]:
    """Writes ``<name>.html`` and ``<name>.png`` into ``out_dir``; returns Mermaid's errors."""
    out_dir.mkdir(parents=True, exist_ok=True)
    name = output_name(source, charts_only)
    page = out_dir / f"{name}.html"
    page.write_text(to_html(report_markdown(source), mermaid_js, source.name, charts_only), encoding="utf-8")
    dom = browse(browser, page, "--dump-dom")
    errors = [html.unescape(error) for error in ERROR_MARK.findall(dom)]
    height_match = HEIGHT_MARK.search(dom)
    height = min(int(height_match.group(1)) + 40, MAX_HEIGHT) if height_match else 2000
    with tempfile.TemporaryDirectory() as profile:
        browse(browser, page, f"--user-data-dir={profile}", f"--window-size={PAGE_WIDTH + 80},{height}",
               f"--screenshot={out_dir / (name + '.png')}")
    return errors


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.render_report", description=__doc__.split("\n\n")[0])
    parser.add_argument("sources", nargs="+", type=Path, help="markdown reports (.md) or logs to report on")
    parser.add_argument("--out", type=Path, default=Path("render-check"), help="where the HTML and PNG go")
    parser.add_argument("--mermaid", type=Path, default=os.environ.get("MERMAID_JS"),
                        help="mermaid.min.js from the npm package (default: $MERMAID_JS)")
    parser.add_argument("--chromium", default=None, help="the Chromium binary")
    parser.add_argument("--charts-only", action="store_true", help="render only the Mermaid charts")
    args = parser.parse_args(argv)
    if args.mermaid is None or not args.mermaid.is_file():
        parser.error("give --mermaid PATH/TO/mermaid.min.js (npm install mermaid) or set $MERMAID_JS")
    missing = [str(source) for source in args.sources if not source.is_file()]
    if missing:
        parser.error(f"no such file: {', '.join(missing)}")
    browser = find_browser(args.chromium)
    failed = False
    for source in args.sources:
        errors = render(source, args.out, args.mermaid.resolve(), browser, args.charts_only)
        for error in errors:
            print(f"{source}: mermaid: {error}", file=sys.stderr)
        failed = failed or bool(errors)
        print(f"{source}: {args.out / output_name(source, args.charts_only)}.png")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
