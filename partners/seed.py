from decimal import Decimal
from pathlib import Path

from centre.services.seed import read_seed_file, translated, upsert
from partners.models import Budget, PartnershipTier, Project

SEED_FILE = Path(__file__).resolve().parent / "data" / "seed.json"


def seed() -> dict[str, int]:
    """The four partnership tiers, the 2019-2021 budget and the Centre's current project of
    the founding letter (the social-media practical guide). No partner or contribution: the
    letter names none."""
    facts = read_seed_file(SEED_FILE)
    written = 0
    for data in facts["tiers"]:
        amount = data["requested_annual_contribution_chf"]
        _tier, changed = upsert(
            PartnershipTier,
            {"code": data["code"]},
            {
                "order": data["order"],
                "requested_annual_contribution_chf": Decimal(amount) if amount else None,
                **translated("name", data["name"]),
                **translated("description", data["description"]),
                **translated("governance_role", data["governance_role"]),
            },
        )
        written += changed
    for data in facts["budgets"]:
        _budget, changed = upsert(
            Budget,
            {"start_year": data["start_year"], "end_year": data["end_year"]},
            {"amount_chf": Decimal(data["amount_chf"]), **translated("scope", data["scope"])},
        )
        written += changed
    for data in facts.get("projects", []):
        _project, changed = upsert(
            Project,
            {"slug": data["slug"]},
            {
                "order": data["order"],
                **translated("title", data["title"]),
                **translated("summary", data["summary"]),
            },
        )
        written += changed
    return {"partnership facts written": written}
