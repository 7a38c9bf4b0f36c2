from django.urls import path

from newsroom.views import (
    answers,
    assignments,
    availability,
    calendar,
    channels,
    compliance,
    letters,
    monitoring,
    plan,
    publications,
    queued,
    reports,
    resources,
    travel,
    triage,
    week,
)
from newsroom.views import story_publications as views_story_publications

app_name = "newsroom"
urlpatterns = [
    # issue 3: triage, assignments, calendar, publications, compliance, plan
    path("", triage.triage, name="triage"),
    path("notices/<int:pk>/", triage.notice_triage, name="notice"),
    path("notices/<int:pk>/decline/", triage.notice_decline, name="decline"),
    path("notices/<int:pk>/reclassify/", triage.notice_reclassify, name="reclassify"),
    path("notices/<int:pk>/assign/", assignments.assign, name="assign"),
    path("notices/<int:pk>/publish/", publications.publication_create, name="publish"),
    path("publications/", publications.publication_list, name="publication_list"),
    path("assignments/", assignments.assignment_list, name="my_assignments"),
    path("assignments/<int:pk>/reassign/", assignments.reassign, name="reassign"),
    path("assignments/<int:pk>/unassign/", assignments.unassign, name="unassign"),
    path(
        "assignments/<int:pk>/keep-double-booking/",
        assignments.keep_double_booking,
        name="keep_double_booking",
    ),
    path(
        "assignments/<int:pk>/confirm/",
        assignments.assignment_action,
        {"action": "confirm"},
        name="confirm",
    ),
    path(
        "assignments/<int:pk>/covered/",
        assignments.assignment_action,
        {"action": "covered"},
        name="covered",
    ),
    path(
        "assignments/<int:pk>/note/", assignments.assignment_action, {"action": "note"}, name="note"
    ),
    path(
        "assignments/<int:pk>/decline/",
        assignments.assignment_action,
        {"action": "decline"},
        name="decline_assignment",
    ),
    path("assignments/<int:pk>/queued/", queued.queued_action, name="queued_action"),
    path("answer/<str:token>/", answers.answer, name="assignment_answer"),
    path("calendar/<str:token>.ics", calendar.calendar_feed, name="calendar_feed"),
    path("calendar/regenerate/", calendar.calendar_regenerate, name="calendar_regenerate"),
    path("compliance/", compliance.compliance_view, name="compliance"),
    path("compliance/export.xlsx", compliance.compliance_export, name="compliance_export"),
    path("compliance/letters/", letters.letter_list, name="letter_list"),
    path("compliance/letters/preview/", letters.letter_preview, name="letter_preview"),
    path("compliance/letters/send/", letters.letter_send, name="letter_send"),
    path("compliance/letters/<int:pk>/word/", letters.letter_word, name="letter_word"),
    path("compliance/letters/<int:pk>/pdf/", letters.letter_pdf, name="letter_pdf"),
    path("plan/", plan.plan, name="plan"),
    path("plan/<int:pk>/", plan.plan_item, name="plan_item"),
    path("plan/<int:pk>/unlink/<int:publication_pk>/", plan.plan_item_unlink, name="plan_unlink"),
    # end issue 3
    # Weekly reports (issue 6)
    path("reports/", reports.report_list, name="report_list"),
    path("reports/generate/", reports.report_generate, name="report_generate"),
    path("reports/<int:pk>/", reports.report_detail, name="report_detail"),
    path("reports/<int:pk>/excel/", reports.report_excel, name="report_excel"),
    path("reports/<int:pk>/word/", reports.report_word, name="report_word"),
    path("reports/<int:pk>/pdf/", reports.report_pdf, name="report_pdf"),
    path("reports/<int:pk>/regenerate/", reports.report_regenerate, name="report_regenerate"),
    path("reports/<int:pk>/commentary/", reports.report_commentary, name="report_commentary"),
    path("reports/<int:pk>/send/", reports.report_send, name="report_send"),
    path("reports/<int:pk>/correct/", reports.report_correct, name="report_correct"),
    path("reports/settings/", reports.report_settings, name="report_settings"),
    # Press monitoring (issue 6)
    path("monitoring/", monitoring.item_list, name="monitoring_list"),
    path("monitoring/new/", monitoring.item_create, name="monitoring_create"),
    path("monitoring/<int:pk>/", monitoring.item_detail, name="monitoring_detail"),
    path("monitoring/<int:pk>/edit/", monitoring.item_edit, name="monitoring_edit"),
    path("monitoring/<int:pk>/respond/", monitoring.item_respond, name="monitoring_respond"),
    # The centre's week (issue 13)
    path("week/", week.week, name="week"),
    path("week/print/", week.week_print, name="week_print"),
    path("week/word/", week.week_docx, name="week_docx"),
    # Availability (issue 16)
    path("availability/", availability.availability, name="availability"),
    path("availability/<int:pk>/approve/", availability.absence_approve, name="absence_approve"),
    path("availability/<int:pk>/reject/", availability.absence_reject, name="absence_reject"),
    path("availability/<int:pk>/cancel/", availability.absence_cancel, name="absence_cancel"),
    path("resources/", resources.resource_list, name="resources"),
    path("assignments/<int:pk>/book/", resources.assignment_book, name="assignment_book"),
    path("resources/<int:pk>/book/", resources.resource_book, name="resource_book"),
    path("resources/bookings/<int:pk>/cancel/", resources.booking_cancel, name="booking_cancel"),
    # The centre's publication channels (issue 17)
    path("channels/", channels.channel_list, name="channels"),
    path("channels/<int:pk>/edit/", channels.channel_edit, name="channel_edit"),
    path("channels/<int:pk>/retire/", channels.channel_retire, name="channel_retire"),
    path("channels/<int:pk>/reactivate/", channels.channel_reactivate, name="channel_reactivate"),
    path("channels/<int:pk>/remove/", channels.channel_remove, name="channel_remove"),
    path("travel/", travel.travel_times, name="travel_times"),
    path("travel/<int:pk>/remove/", travel.travel_time_remove, name="travel_time_remove"),
    # Story publications (issue 4)
    path(
        "stories/<int:story_pk>/publications/new/",
        views_story_publications.story_publication_new,
        name="story_publication_new",
    ),
]
