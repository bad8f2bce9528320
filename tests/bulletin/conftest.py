import pytest


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """PDF editions and uploads written by the tests land in a temporary folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
