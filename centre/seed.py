from centre.services.parliaments import parliaments_load_registry


def seed() -> dict[str, int]:
    """The registry of Member Parliaments: every other app's facts point at it."""
    result = parliaments_load_registry()
    return {"parliaments created": result.created, "parliaments updated": result.updated}
