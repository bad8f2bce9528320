from pathlib import Path

from centre.models import MemberParliament
from centre.services.seed import read_seed_file, translated, upsert
from hubs.models import Hub

SEED_FILE = Path(__file__).resolve().parent / "data" / "seed.json"


def seed() -> dict[str, int]:
    """The four hubs of the founding letter, with their host parliaments."""
    written = 0
    for data in read_seed_file(SEED_FILE)["hubs"]:
        host = MemberParliament.objects.get(code=data["host"])
        _hub, changed = upsert(
            Hub,
            {"slug": data["slug"]},
            {
                "kind": data["kind"],
                "host_parliament": host,
                "order": data["order"],
                **translated("name", data["name"]),
                **translated("region", data["region"]),
                **translated("summary", data["summary"]),
                **translated("participation_rule", data["participation_rule"]),
            },
        )
        written += changed
    return {"hubs written": written}
