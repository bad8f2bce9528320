"""RSS 2.0 and Atom feeds of the published stories: all, per area, per parliament."""

import datetime

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _

from bulletin import selectors
from bulletin.models import Area
from centre.models import MemberParliament

FEED_LENGTH = 30


class StoriesRssFeed(Feed):
    feed_type = Rss201rev2Feed

    def title(self, obj=None):
        return _("Innovation Bulletin: innovation stories")

    def description(self, obj=None):
        return _("New innovations introduced by parliaments, from the IPU's Innovation Bulletin.")

    subtitle = description

    def link(self, obj=None):
        return reverse("bulletin:stories")

    def stories(self, obj):
        return selectors.public_stories()

    def items(self, obj=None):
        return list(self.stories(obj)[:FEED_LENGTH])

    def item_title(self, story):
        return story.title

    def item_description(self, story):
        return story.summary

    def item_link(self, story):
        return story.get_absolute_url()

    def item_guid(self, story):
        return f"bulletin-story-{story.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, story):
        date = story.issue.publication_date
        return datetime.datetime(date.year, date.month, date.day, tzinfo=datetime.UTC)

    def item_updateddate(self, story):
        return story.updated_at or timezone.now()

    def item_categories(self, story):
        return [story.get_area_display()]

    def item_author_name(self, story):
        return ", ".join(parliament.name for parliament in story.parliaments.all())


class StoriesAtomFeed(StoriesRssFeed):
    feed_type = Atom1Feed


class AreaRssFeed(StoriesRssFeed):
    def get_object(self, request, area):
        labels = dict(Area.choices)
        if area not in labels:
            raise Http404(_("No such area of work."))
        return (area, labels[area])

    def title(self, obj=None):
        return _("Innovation Bulletin: %(area)s") % {"area": obj[1]}

    def link(self, obj=None):
        return reverse("bulletin:stories_by_area", kwargs={"area": obj[0]})

    def stories(self, obj):
        return selectors.public_stories().filter(area=obj[0])


class AreaAtomFeed(AreaRssFeed):
    feed_type = Atom1Feed


class ParliamentRssFeed(StoriesRssFeed):
    def get_object(self, request, code):
        return get_object_or_404(MemberParliament, code__iexact=code)

    def title(self, obj=None):
        return _("Innovation Bulletin: %(parliament)s") % {"parliament": obj.name}

    def link(self, obj=None):
        return reverse("bulletin:stories_by_parliament", kwargs={"code": obj.code.lower()})

    def stories(self, obj):
        return selectors.stories_filtered(parliament=obj.code)


class ParliamentAtomFeed(ParliamentRssFeed):
    feed_type = Atom1Feed
