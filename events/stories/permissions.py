"""Who may do what to a story (django-rules). Seeing is decided by the selectors."""

import rules

from events.enums import StoryStatus


@rules.predicate
def is_story_agency_staff(user, story):
    return bool(user.is_agency_staff and story.agency_id == user.organisation_id)


@rules.predicate
def is_story_centre_editor(user, story):
    return bool(user.is_editor and story.centre_id == user.organisation_id)


@rules.predicate
def is_editable_by_agency(user, story):
    return story.status in (StoryStatus.DRAFT, StoryStatus.RETURNED)


@rules.predicate
def is_under_review(user, story):
    return story.status in (StoryStatus.SUBMITTED, StoryStatus.IN_REVIEW)


@rules.predicate
def is_publishable(user, story):
    return story.status in (StoryStatus.APPROVED, StoryStatus.PUBLISHED)


@rules.predicate
def can_write_stories(user):
    return bool(user.is_agency_staff and user.organisation_id)


rules.add_perm("events.add_story", can_write_stories)
rules.add_perm("events.change_story", is_story_agency_staff & is_editable_by_agency)
rules.add_perm("events.review_story", is_story_centre_editor & is_under_review)
rules.add_perm("events.publish_story", is_story_centre_editor & is_publishable)
