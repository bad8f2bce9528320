import json

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from centre.models import GeopoliticalGroup, MemberParliament
from centre.services.parliaments import REGISTRY_FILE, parliaments_load_registry
from tests.factories import ChamberFactory, HubFactory, MemberParliamentFactory

pytestmark = pytest.mark.django_db


def test_registry_file_lists_the_180_members_and_the_associate_members():
    entries = json.loads(REGISTRY_FILE.read_text(encoding="utf-8"))["parliaments"]
    members = [e for e in entries if e["membership"] == "member"]
    associates = [e for e in entries if e["membership"] == "associate"]
    assert len(members) == 180
    assert len(associates) >= 10
    assert len({e["code"] for e in entries}) == len(entries)
    for entry in entries:
        assert all(entry["name"][code] for code in ("en", "fr", "es", "ar")), entry["code"]


def test_loading_the_registry_creates_every_parliament_with_its_chambers():
    result = parliaments_load_registry()
    assert result.created == MemberParliament.objects.count() >= 190
    assert MemberParliament.objects.filter(membership="member").count() == 180
    brazil = MemberParliament.objects.get(code="BR")
    assert brazil.country.code == "BR"
    assert brazil.structure == "bicameral"
    assert sorted(brazil.chambers.values_list("kind", flat=True)) == ["lower", "upper"]
    assert brazil.region == GeopoliticalGroup.LATIN_AMERICA_CARIBBEAN
    assert brazil.correspondence_language == "es" or brazil.correspondence_language in {
        "en",
        "fr",
        "es",
        "ar",
    }
    assert MemberParliament.objects.get(code="EP").membership == "associate"


def test_loading_the_registry_twice_changes_nothing():
    parliaments_load_registry()
    again = parliaments_load_registry()
    assert (again.created, again.updated, again.deactivated) == (0, 0, 0)
    assert again.unchanged == MemberParliament.objects.count()


def test_a_parliament_dropped_from_the_file_is_deactivated_not_deleted(tmp_path):
    data = json.loads(REGISTRY_FILE.read_text(encoding="utf-8"))
    parliaments_load_registry()
    data["parliaments"] = [e for e in data["parliaments"] if e["code"] != "ZM"]
    smaller = tmp_path / "registry.json"
    smaller.write_text(json.dumps(data), encoding="utf-8")
    result = parliaments_load_registry(path=smaller)
    assert result.deactivated == 1
    assert MemberParliament.objects.get(code="ZM").is_active is False


def test_a_changed_name_is_updated(tmp_path):
    data = json.loads(REGISTRY_FILE.read_text(encoding="utf-8"))
    parliaments_load_registry()
    entry = next(e for e in data["parliaments"] if e["code"] == "CL")
    entry["name"]["fr"] = "Congrès national du Chili (nouveau nom)"
    changed = tmp_path / "registry.json"
    changed.write_text(json.dumps(data), encoding="utf-8")
    assert parliaments_load_registry(path=changed).updated == 1
    assert (
        MemberParliament.objects.get(code="CL").name_fr == "Congrès national du Chili (nouveau nom)"
    )


def test_an_invalid_entry_is_refused_and_nothing_is_loaded(tmp_path):
    data = json.loads(REGISTRY_FILE.read_text(encoding="utf-8"))
    data["parliaments"][3]["region"] = "atlantis"
    broken = tmp_path / "registry.json"
    broken.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ValidationError, match="atlantis"):
        parliaments_load_registry(path=broken)
    assert MemberParliament.objects.count() == 0


def test_load_parliaments_command_reports_what_it_did(capsys):
    call_command("load_parliaments")
    assert "created" in capsys.readouterr().out


def test_parliament_list_groups_by_region_in_the_readers_language(client):
    parliaments_load_registry()
    content = client.get("/fr/parliaments/").content.decode()
    assert "Groupe africain" in content or "Africa" in content
    assert MemberParliament.objects.get(code="BR").name_fr in content


def test_parliament_page_shows_chambers_and_hosted_hubs(client):
    parliaments_load_registry()
    zambia = MemberParliament.objects.get(code="ZM")
    HubFactory(host_parliament=zambia, name_en="Southern Africa regional hub")
    response = client.get("/en/parliaments/zm/")
    assert response.status_code == 200
    content = response.content.decode()
    assert zambia.name_en in content
    assert zambia.chambers.get().name_en in content
    assert "Southern Africa regional hub" in content


def test_unknown_or_inactive_parliament_answers_404(client):
    MemberParliamentFactory(code="XK", country="XK", is_active=False)
    assert client.get("/en/parliaments/xk/").status_code == 404
    assert client.get("/en/parliaments/nowhere/").status_code == 404


def test_parliament_list_query_count_does_not_grow_with_rows(client, django_assert_max_num_queries):
    parliament = MemberParliamentFactory(code="FR")
    ChamberFactory(parliament=parliament)
    with django_assert_max_num_queries(3):
        client.get("/en/parliaments/")
    parliaments_load_registry()
    with django_assert_max_num_queries(3):
        assert client.get("/en/parliaments/?all").status_code == 200


def test_parliament_detail_query_count_is_fixed(client, django_assert_max_num_queries):
    parliaments_load_registry()
    with django_assert_max_num_queries(4):
        client.get("/en/parliaments/de/")
