from django.db.models import QuerySet

from partners.models import Budget, PartnershipTier


def tier_list() -> QuerySet[PartnershipTier]:
    return PartnershipTier.objects.all()


def current_budget() -> Budget | None:
    return Budget.objects.order_by("-start_year").first()
