import io

import pytest
from django.core.management import call_command

from hubs import seed as hubs_seed
from partners import seed as partners_seed
from partners.models import Contribution, Partner, Project

pytestmark = pytest.mark.django_db


def test_seed_loads_the_social_media_guide_project_and_no_invented_partner():
    call_command("seed_centre", stdout=io.StringIO())
    project = Project.objects.get(slug="social-media-guide")
    assert project.title_fr == (
        "Guide des réseaux sociaux à l'intention des parlements et des parlementaires"
    )
    assert not Partner.objects.exists()
    assert not Contribution.objects.exists()


def test_seeding_twice_writes_nothing_the_second_time(django_assert_max_num_queries):
    call_command("seed_centre", stdout=io.StringIO())
    assert partners_seed.seed() == {"partnership facts written": 0}
    assert hubs_seed.seed() == {"hubs written": 0}
