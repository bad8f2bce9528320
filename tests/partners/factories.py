from decimal import Decimal

import factory

from partners.models import Contribution, InKindContribution, Partner, Partnership, Project
from tests.factories import MemberParliamentFactory

# Everything these factories make is test data: no partner or contribution of the IPU's
# documents is real seed data.


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project

    slug = factory.Sequence(lambda n: f"project-{n}")
    title_en = factory.Sequence(lambda n: f"Project {n}")


class OrganisationPartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partner

    kind = Partner.Kind.ORGANISATION
    name = factory.Sequence(lambda n: f"Test organisation {n}")


class ParliamentPartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partner

    kind = Partner.Kind.PARLIAMENT
    parliament = factory.SubFactory(MemberParliamentFactory)


class PartnershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partnership

    partner = factory.SubFactory(OrganisationPartnerFactory)
    tier = "financial"
    start_year = 2019
    end_year = 2021


class ContributionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contribution

    partner = factory.SubFactory(OrganisationPartnerFactory)
    year = 2019
    pledged_chf = Decimal("10000")
    received_chf = Decimal("0")


class InKindContributionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InKindContribution

    partner = factory.SubFactory(OrganisationPartnerFactory)
    year = 2019
    description_en = "Seconded staff member"
    person = "A. Staff"
    days = 20
    value_chf = Decimal("12000")
