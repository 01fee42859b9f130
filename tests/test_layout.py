"""The layout's rules, read from the source: index/ never imports qa/, and no module imports one
that imports it back (directly or round a longer loop), counting imports inside functions too."""

import ast
from pathlib import Path

from tests.conftest import ROOT

PACKAGES = ("index", "qa", "eval")


def _modules() -> dict[str, Path]:
    out = {"app": ROOT / "app.py"}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            parts = path.relative_to(ROOT).with_suffix("").parts
            out[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return out


def _imports(path: Path, modules: dict[str, Path]) -> set[str]:
    """The project modules ``path`` imports (``from qa import gazetteer`` is qa.gazetteer)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name in modules}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for a in node.names:
                sub = f"{node.module}.{a.name}"
                found.add(sub if sub in modules else node.module)
    return {m for m in found if m in modules}


def test_index_never_imports_qa():
    modules = _modules()
    offenders = {
        name: sorted(m for m in _imports(path, modules) if m.split(".")[0] == "qa")
        for name, path in modules.items()
        if name.split(".")[0] == "index"
    }
    assert not {k: v for k, v in offenders.items() if v}


def test_there_are_no_import_cycles():
    modules = _modules()
    graph = {name: _imports(path, modules) - {name} for name, path in modules.items()}
    # a package's __init__ that gathers its public names is not a dependency of its own modules
    for name in graph:
        graph[name] = {m for m in graph[name] if not name.startswith(m + ".")}
    cycles, state = [], {}

    def visit(node: str, stack: list[str]) -> None:
        state[node] = "open"
        for nxt in sorted(graph[node]):
            if state.get(nxt) == "open":
                cycles.append([*stack[stack.index(nxt) :], nxt])
            elif nxt not in state:
                visit(nxt, [*stack, nxt])
        state[node] = "done"

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])
    assert not cycles, "\n".join(" -> ".join(c) for c in cycles)
