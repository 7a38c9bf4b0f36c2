from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

from portal import views

urlpatterns = [
    path("", views.home, name="home"),
    path("health/", views.health_view, name="health"),
    path("notifications/", views.notification_list, name="notifications"),
    path("notifications/read/", views.notifications_mark_read, name="notifications_mark_read"),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/profile/", views.profile, name="profile"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    # The language switch works before signing in too.
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("events/", include("events.urls")),
    path("stories/", include("events.story_urls")),
    path("newsroom/", include("newsroom.urls")),
    path("contacts/", include("contacts.urls")),
    path("admin/", admin.site.urls),
]
