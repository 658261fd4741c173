"""Helpers for the browser tests: run the CLI, watch a page, and a corpus of hostile text."""
from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LOCAL_SCHEMES = ("file:", "data:", "about:", "blob:")  # blob: is the page's own export, built in memory


@dataclass
class Watch:
    """What a page did that a report page must not do, collected while the test runs."""
    requests: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def assert_quiet(self):
        assert self.outside == [], f"requests left the page: {self.outside}"
        assert self.dialogs == [], f"dialogs opened: {self.dialogs}"
        assert self.page_errors == [], f"script errors: {self.page_errors}"
        assert self.console_errors == [], f"console errors: {self.console_errors}"


def factcheck(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    """Run the CLI as a user would; the report paths are relative to cwd."""
    return subprocess.run([sys.executable, "-m", "factcheck", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=300)


def check_report(paths: list[str], out: Path, cwd: Path = ROOT) -> tuple[Path, dict, int]:
    """`factcheck check PATHS` written as HTML and JSON by one run: (html path, report data, exit code)."""
    html, js = out / "report.html", out / "report.json"
    r = factcheck("check", *paths, "--no-report", "-q", "--output", str(js), "--output", str(html), cwd=cwd)
    assert r.returncode in (0, 1), r.stderr
    return html, json.loads(js.read_text(encoding="utf-8")), r.returncode


# Every string a reader controls carries markup or a trick: file names, front-matter titles and
# sources, and the article text. Each article still states the flood's death toll, 41 against 47,
# so the engine pairs them into a conflict and the finding view shows both texts.
HOSTILE_TITLE = '</script><script>window.__pwned = "title"</script><!--'
HOSTILE_FILES = {
    '"><img src=x onerror=window.__pwned=1>.md': (
        "---\n"
        f"title: '{HOSTILE_TITLE}'\n"
        "source: '<b onmouseover=window.__pwned=2>Wire</b>'\n"
        "published: 2024-05-03\n"
        "---\n"
        "<script>window.__pwned = 3</script>\n"
        "The flood killed 41 people in Lusana on Friday, officials said.\n"
        "See [the map](javascript:window.__pwned=4) and <a href=\"javascript:alert(5)\">this</a>.\n"
    ),
    "report\u202eatad.txt": (
        "\U0001F30A\U0001F30A The flood killed 47 people in Lusana on Friday, the governor said.\n"
        "Reversed: \u202egnirts desrever\u202c and isolated \u2067text\u2069 end. <!-- </script> \u2028\n"
        "\"><img src=x onerror=\"window.__pwned=6\"><svg onload=window.__pwned=7>\n"
    ),
}


def write_hostile(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in HOSTILE_FILES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder
