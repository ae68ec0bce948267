"""Test that the codebase keeps the habits STYLE.md asks for and that the README tells the truth."""

import ast
import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _imports(path: Path) -> set[str]:
    """The top-level packages and modules a file imports (from its syntax tree, not from text)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found |= {node.module, *(f"{node.module}.{a.name}" for a in node.names)}
    return found


def _uses(imports: set[str], package: str) -> bool:
    return any(name == package or name.startswith(package + ".") for name in imports)


PAGE_FILES = [ROOT / "app.py", *sorted((ROOT / "pages").glob("*.py"))]


def test_only_the_web_layer_imports_streamlit():
    offenders = [p.relative_to(ROOT).as_posix() for p in (ROOT / "okdata").rglob("*.py")
                 if _uses(_imports(p), "streamlit") and not p.is_relative_to(ROOT / "okdata" / "web")]
    assert offenders == []
    assert _uses(_imports(ROOT / "okdata" / "web" / "page.py"), "streamlit")  # the check looks at real imports


def test_pages_reach_the_store_only_through_domain_functions():
    """Pages import no database layer (sqlalchemy, sqlmodel, okdata.db, okdata.models): every read and write
    goes through a domain function called by the web layer's access.read / access.write."""
    for p in PAGE_FILES:
        imports = _imports(p)
        for forbidden in ("sqlalchemy", "sqlmodel", "okdata.db", "okdata.models"):
            assert not _uses(imports, forbidden), f"{p.name} imports {forbidden}"


def test_every_page_sets_itself_up_through_page_frame_first():
    for p in PAGE_FILES:
        body = [n for n in ast.parse(p.read_text(encoding="utf-8")).body
                if not isinstance(n, (ast.Import, ast.ImportFrom))
                and not (isinstance(n, ast.Expr) and isinstance(n.value, ast.Constant))]
        # the whole page runs in the frame's block (its readers share one read transaction, access.begin_reads)
        assert len(body) == 1 and isinstance(body[0], ast.With), f"{p.name}: not one `with page.frame(…)` block"
        first = ast.unparse(body[0].items[0])
        assert re.match(r"^page\.frame\(.*\) as ctx$", first), f"{p.name}: the block opens with {first!r}"


def test_pages_hold_no_sql():
    for p in PAGE_FILES:
        assert not re.search(r"\b(select|insert|update|delete)\b.*\b(from|into|set)\b",
                             p.read_text(encoding="utf-8"), re.I), p.name


def test_the_automatic_page_list_is_hidden_and_magic_is_off():
    cfg = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert cfg["client"]["showSidebarNavigation"] is False
    assert cfg["runner"]["magicEnabled"] is False
    # Above our own limit (20 MB, refused in Swedish) and low enough that no upload can fill the server's memory.
    assert 20 < cfg["server"]["maxUploadSize"] <= 100


def test_the_docs_document_every_cli_command_and_the_readme_both_setup_commands():
    """Test that docs/inrapportering.md documents every command and the README both setup commands and that page."""
    from okdata.__main__ import build_parser

    contract = (ROOT / "docs" / "inrapportering.md").read_text(encoding="utf-8")
    commands = build_parser()._subparsers._group_actions[0].choices
    for name in commands:
        assert f"python -m okdata {name}" in contract, f"docs/inrapportering.md lacks `python -m okdata {name}`"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "bash run.sh app" in readme and "bash run.sh test" in readme
    assert "[docs/inrapportering.md](docs/inrapportering.md" in readme


def _slug(heading: str) -> str:
    """A heading's anchor as GitHub makes it: lower case, punctuation dropped, spaces as hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def test_the_documentation_links_only_to_files_and_headings_inside_the_repository():
    """Test that every link in the README and docs/ points at a file or heading inside the repository."""
    for doc in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        text = doc.read_text(encoding="utf-8")
        for path in re.findall(r"(?:\.\./)+[\w./-]*", text):  # any relative path, linked or written out
            there = (doc.parent / path).resolve()
            assert there.is_relative_to(ROOT) and there.exists(), f"{doc.name} refers outside: {path}"
        prose = re.sub(r"`[^`\n]*`", "", re.sub(r"^```.*?^```", "", text, flags=re.M | re.S))
        for target in re.findall(r"\]\(([^)\s]+)\)", prose):
            assert not re.match(r"[a-z]+:", target), f"{doc.name} links outside the repository: {target}"
            path, _, anchor = target.partition("#")
            linked = (doc.parent / path).resolve() if path else doc
            assert linked.is_relative_to(ROOT) and linked.exists(), f"{doc.name}: no such file {target}"
            if anchor:
                headings = re.findall(r"^#+ (.+)$", linked.read_text(encoding="utf-8"), re.M)
                assert anchor in {_slug(h) for h in headings}, f"{doc.name}: no heading #{anchor} in {path}"


def test_every_page_is_in_the_menu():
    from okdata.web.page import PAGES

    paths = {p.path for p in PAGES}
    assert {"app.py", *(f"pages/{p.name}" for p in (ROOT / "pages").glob("*.py"))} == paths


def test_every_problem_code_is_documented():
    from okdata import texts

    doc = (ROOT / "docs" / "felkoder.md").read_text(encoding="utf-8")
    documented = re.findall(r"^\| `([A-Z_]+)` \|", doc, re.M)
    assert documented == list(texts.PROBLEMS)


def test_the_readme_module_table_names_every_module_and_only_modules_that_exist():
    """Test that the README's table of where things are names every module of okdata/ (a new one must be added)
    and that every path it names exists."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("## Var saker finns"):]
    table = table[:table.index("\n## ", 1)]
    named = set(re.findall(r"`((?:okdata|tests|benchmarks|pages|sample_data)[\w/.]*|[\w]+\.py)`", table))
    for path in named:
        if path.startswith("sample_data"):
            continue  # made by `bash run.sh app`, not checked in
        assert any((ROOT / d / path).exists() for d in ("", "okdata", "okdata/web")), f"README names {path}, not there"
    modules = {p.relative_to(ROOT).as_posix() for p in (ROOT / "okdata").glob("*.py") if p.name != "__init__.py"}
    web = {"page.py", "access.py", "widgets.py", "signin.py"}
    missing = {m for m in modules if m not in named} | {f"okdata/web/{w}" for w in web if w not in named}
    assert not missing, f"README's table lacks {sorted(missing)}"
