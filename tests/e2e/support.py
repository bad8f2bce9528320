"""Helpers the browser tests share (fixtures live in conftest.py)."""

VIEWPORT = {"width": 1280, "height": 900}
SEVERE = {"serious", "critical"}


def severe(violations: list[dict]) -> list[dict]:
    """The axe-core violations of impact serious or critical."""
    return [violation for violation in violations if violation["impact"] in SEVERE]


def format_violations(violations: list[dict]) -> str:
    """One line per rule, then one per offending element: readable in an assertion message."""
    lines = []
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"]:
            target = " ".join(map(str, node["target"]))
            lines.append(f"    {target}: {node['html'][:200]}")
    return "\n".join(lines)
