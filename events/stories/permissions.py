"""Who may do what to a story (django-rules). Seeing is decided by the selectors."""

import rules

from events.enums import StoryStatus
from events.permissions import reads_notices
from portal.predicates import is_agency_staff, is_agency_staff_of, is_editor_of


@rules.predicate
def is_story_agency_staff(user, story):
    return is_agency_staff_of(user, story.agency_id)


@rules.predicate
def is_story_centre_editor(user, story):
    return is_editor_of(user, story.centre_id)


@rules.predicate
def is_editable_by_agency(user, story):
    return story.status in (StoryStatus.DRAFT, StoryStatus.RETURNED)


@rules.predicate
def is_under_review(user, story):
    return story.status in (StoryStatus.SUBMITTED, StoryStatus.IN_REVIEW)


@rules.predicate
def is_publishable(user, story):
    return story.status in (StoryStatus.APPROVED, StoryStatus.PUBLISHED)


rules.add_perm("events.view_stories", reads_notices)
rules.add_perm("events.add_story", is_agency_staff)
rules.add_perm("events.change_story", is_story_agency_staff & is_editable_by_agency)
rules.add_perm("events.review_story", is_story_centre_editor & is_under_review)
rules.add_perm("events.publish_story", is_story_centre_editor & is_publishable)
