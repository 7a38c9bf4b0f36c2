"""The centre's cars, cameras and kits: what is booked, booking and blocking them."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from newsroom.forms.resources import AssignmentBookingForm, BookingForm, ResourceForm
from newsroom.selectors.assignments import get_assignment_for
from newsroom.selectors.resources import get_booking_for, get_resource_for, resource_page
from newsroom.services import resources as services
from portal.idempotency import submit_once
from portal.scoping import scope_for


@require_http_methods(["GET", "HEAD", "POST"])
@submit_once
def resource_list(request):
    user = request.user
    if not user.has_perm("newsroom.view_resources"):
        raise PermissionDenied
    can_manage = user.has_perm("newsroom.manage_resources")
    form = ResourceForm(request.POST or None)
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.add_resource(user.organisation, **form.cleaned_data)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("Resource added."))
                return redirect("newsroom:resources")
    return _page(request, form, status=400 if form.is_bound else 200)


def _page(request, form, *, refused_booking=None, refused_pk=None, status=200):
    """The resources page; a refused booking comes back in its own resource's form,
    open, with what was typed and the reason next to the fields."""
    return render(
        request,
        "newsroom/resources.html",
        {
            "resources": resource_page(request.user),
            "form": form,
            "booking_form": BookingForm(),
            "refused_booking": refused_booking,
            "refused_pk": refused_pk,
            "can_manage": request.user.has_perm("newsroom.manage_resources"),
        },
        status=status,
    )


@require_POST
def resource_book(request, pk):
    resource = get_resource_for(request.user, pk, perm="newsroom.manage_resources")
    form = BookingForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.book_alone(
                resource,
                by=request.user,
                starts_at=data["starts_at"],
                ends_at=data["ends_at"],
                purpose=data["purpose"],
                blocked=data["blocked"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("%(name)s booked.") % {"name": resource.name})
            return redirect("newsroom:resources")
    return _page(request, ResourceForm(), refused_booking=form, refused_pk=resource.pk, status=400)


@require_POST
def booking_cancel(request, pk):
    booking = get_booking_for(request.user, pk, perm="newsroom.manage_resources")
    services.cancel_booking(booking)
    messages.success(request, _("Booking cancelled."))
    if booking.assignment_id and scope_for(request.user).is_editor:
        return redirect("newsroom:notice", pk=booking.assignment.notice_id)
    return redirect("newsroom:resources")


@require_POST
def assignment_book(request, pk):
    """Book a resource for an assignment from the triage page (404 for another centre's
    resource or assignment)."""
    assignment = get_assignment_for(request.user, pk, perm="newsroom.manage_assignment")
    form = AssignmentBookingForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a resource."))
    else:
        resource = get_resource_for(
            request.user, form.cleaned_data["resource"], perm="newsroom.manage_resources"
        )
        try:
            services.book_for_assignment(resource, assignment, by=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("%(name)s booked.") % {"name": resource.name})
    return redirect("newsroom:notice", pk=assignment.notice_id)
