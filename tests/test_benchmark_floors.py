"""The two floors make bench and in_process.py measure pages against."""

import pytest
from django.test import override_settings

pytestmark = [pytest.mark.django_db, pytest.mark.urls("benchmarks.urls")]


def test_baseline_is_a_fixed_page_of_about_five_kilobytes(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/bench/baseline/")
    assert response.status_code == 200
    assert 4500 < len(response.content) < 5500


@override_settings(PUBLIC_PAGE_CACHE_SECONDS=0)
def test_layout_renders_the_portal_layout_around_the_same_paragraphs_without_a_query(
    client, django_assert_num_queries
):
    with django_assert_num_queries(0):
        response = client.get("/bench/layout/", HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 200
    page = response.content.decode()
    assert '<html lang="fr" dir="ltr">' in page
    assert 'class="skip-link"' in page and "<footer" in page
    assert page.count("The Centre for Innovation in Parliament supports parliaments") == 19
