from django.shortcuts import render

from bulletin import selectors
from centre.cache import public_page


@public_page
def issue_archive(request):
    return render(
        request,
        "bulletin/issue_archive.html",
        {"bulletin": selectors.bulletin(), "issues": selectors.published_issues()},
    )
