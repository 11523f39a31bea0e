"""The architecture stays easy to see (README, Architecture): imports only go down the layers, and
functions stay small. Both are read from the source with `ast`, so a new module is checked the
moment it exists."""

from __future__ import annotations

import ast
import statistics
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "areasend"

# Lowest first. A module may import from its own layer or any layer below it, never above.
RULES = "framework"
REFERENCE = "reference"  # areas, accounts (users and the audit log), small shared helpers
LIVE = "live"  # the history and live work: inspections, data returns, the outbox
AROUND = "around"  # what builds on live work: follow-up, planning, insights, surveys, reports
POLICY = "policy"  # who may see and do what: reads every layer below the web
WEB = "web"  # views, URLs, forms, admin, API, commands, the demo
LAYERS = [RULES, REFERENCE, LIVE, AROUND, POLICY, WEB]

PACKAGE_LAYER = {
    "framework": RULES, "govuk": RULES, "caching": RULES, "exports": RULES,
    "areas": REFERENCE, "accounts": REFERENCE,
    "inspections": LIVE, "datareturns": LIVE, "notifications": LIVE,
    "followup": AROUND, "planning": AROUND, "insights": AROUND, "surveys": AROUND, "reports": AROUND,
    "policy": POLICY,
}
WEB_MODULES = {"views", "urls", "forms", "admin", "navigation", "demo", "testing", "settings", "wsgi",
               "asgi", "apps", "context_processors", "templatetags", "api", "management", "middleware"}

# Known exceptions, each with its reason (the closing note lists them).
ALLOWED_UPWARD = {
    # Team checks at notification read the inspector pool's declared conflicts of interest.
    ("inspections.workflow", "planning.models"),
    # Services that change follow-up and data-return records re-check the may-do rule in the one
    # policy at the point of change (the views check it first); the policy reads every app's
    # models, so it sits above them.
    ("datareturns.returns", "policy"),
    ("followup.meetings", "policy"),
    ("followup.plans", "policy"),
    ("followup.status", "policy"),
}


def _modules() -> list[tuple[str, Path]]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        if "migrations" in parts:
            continue
        found.append((".".join(p for p in parts if p != "__init__"), path))
    return found


def layer_of(module: str) -> str:
    parts = module.split(".")
    if any(p in WEB_MODULES or p.endswith(("_views", "_urls")) for p in parts) or not module:
        return WEB
    return PACKAGE_LAYER.get(parts[0], WEB)


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "areasend":
            names |= {a.name for a in node.names}  # from areasend import policy
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("areasend."):
            names.add(node.module.removeprefix("areasend."))
        elif isinstance(node, ast.Import):
            names |= {a.name.removeprefix("areasend.") for a in node.names if a.name.startswith("areasend.")}
    return names


def upward_imports() -> list[str]:
    wrong = []
    for module, path in _modules():
        here = LAYERS.index(layer_of(module))
        for target in _imports(path):
            there = LAYERS.index(layer_of(target))
            if there > here and (module, target) not in ALLOWED_UPWARD:
                wrong.append(f"{module} ({LAYERS[here]}) imports {target} ({LAYERS[there]})")
    return wrong


def test_imports_only_go_down_the_layers() -> None:
    assert upward_imports() == []


def test_the_layer_rules_catch_an_upward_import() -> None:
    assert layer_of("inspections.workflow") == LIVE and layer_of("planning.models") == AROUND
    assert layer_of("inspections.views") == WEB and layer_of("framework.calendar") == RULES
    assert LAYERS.index(layer_of("policy")) > LAYERS.index(layer_of("inspections.models"))


def function_lengths() -> list[int]:
    lengths = []
    for _, path in _modules():
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.end_lineno:
                lengths.append(node.end_lineno - node.lineno + 1)
    return lengths


def test_nine_functions_in_ten_are_under_20_lines() -> None:
    lengths = function_lengths()
    p90 = statistics.quantiles(lengths, n=10)[-1]
    assert p90 < 20, f"90th percentile of {len(lengths)} functions is {p90} lines"
