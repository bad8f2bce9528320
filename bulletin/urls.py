from django.urls import path

from bulletin import feeds, views

app_name = "bulletin"
urlpatterns = [
    path("", views.issue_archive, name="archive"),
    path("issues/<int:number>/", views.issue_detail, name="issue"),
    path("issues/<int:number>/pdf/", views.issue_pdf, name="issue_pdf"),
    path("stories/", views.story_list, name="stories"),
    path("stories/area/<slug:area>/", views.stories_by_area, name="stories_by_area"),
    path("stories/region/<slug:region>/", views.stories_by_region, name="stories_by_region"),
    path(
        "stories/parliament/<str:code>/",
        views.stories_by_parliament,
        name="stories_by_parliament",
    ),
    path("stories/hub/<slug:slug>/", views.stories_by_hub, name="stories_by_hub"),
    path("stories/<slug:slug>/", views.story_detail, name="story"),
    path("subscribe/", views.subscribe, name="subscribe"),
    path("subscribe/sent/", views.subscribe_sent, name="subscribe_sent"),
    path("subscribe/confirm/<str:token>/", views.subscribe_confirm, name="subscribe_confirm"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("report/", views.report, name="report"),
    path("report/verify/<str:token>/", views.report_verify, name="report_verify"),
    path("feeds/rss/", feeds.StoriesRssFeed(), name="feed_rss"),
    path("feeds/atom/", feeds.StoriesAtomFeed(), name="feed_atom"),
    path("feeds/area/<slug:area>/rss/", feeds.AreaRssFeed(), name="feed_area_rss"),
    path("feeds/area/<slug:area>/atom/", feeds.AreaAtomFeed(), name="feed_area_atom"),
    path(
        "feeds/parliament/<str:code>/rss/",
        feeds.ParliamentRssFeed(),
        name="feed_parliament_rss",
    ),
    path(
        "feeds/parliament/<str:code>/atom/",
        feeds.ParliamentAtomFeed(),
        name="feed_parliament_atom",
    ),
]
