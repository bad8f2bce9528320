from django.shortcuts import render

from centre.cache import public_page
from partners import selectors


@public_page
def partner_index(request):
    return render(
        request,
        "partners/partner_index.html",
        {"tiers": selectors.tier_list(), "budget": selectors.current_budget()},
    )
