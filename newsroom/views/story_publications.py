from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from events.selectors.stories import get_story_for
from newsroom.forms.story_publications import StoryPublicationForm
from newsroom.services.story_publications import record_story_publication
from portal.idempotency import submit_once


@require_http_methods(["GET", "HEAD", "POST"])
@submit_once
def story_publication_new(request, story_pk):
    story = get_story_for(request.user, story_pk, perm="events.publish_story")
    form = StoryPublicationForm(request.POST or None, centre_id=story.centre_id)
    if request.method == "POST" and form.is_valid():
        try:
            record_story_publication(story, by=request.user, data=form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Publication recorded; the agency was told."))
        return redirect("stories:detail", pk=story.pk)
    return render(request, "newsroom/story_publication_form.html", {"form": form, "story": story})
