import datetime
from pathlib import Path

from bulletin.models import Bulletin
from centre.services.seed import read_seed_file, translated, upsert

SEED_FILE = Path(__file__).resolve().parent / "data" / "seed.json"


def seed() -> dict[str, int]:
    """The bulletin's schedule: first issue on 31 March 2019, then every three months."""
    data = read_seed_file(SEED_FILE)["bulletin"]
    _bulletin, changed = upsert(
        Bulletin,
        {"first_issue_date": datetime.date.fromisoformat(data["first_issue_date"])},
        {
            "months_between_issues": data["months_between_issues"],
            **translated("name", data["name"]),
            **translated("description", data["description"]),
        },
    )
    return {"bulletin facts written": int(changed)}
