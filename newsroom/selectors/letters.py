from django.db.models import BooleanField, ExpressionWrapper, Q, QuerySet

from newsroom.models import AgencyLetter
from portal.scoping import get_for, scope_for


def letters_for(user) -> QuerySet[AgencyLetter]:
    """Directors and editors: their centre's letters; agency staff: the letters to their
    agency; the provincial reviewer: every centre's of their province."""
    letters = AgencyLetter.objects.select_related("agency", "centre")
    return scope_for(user).filter(letters, editor="centre_id", agency="agency_id", across="centre")


def get_letter_for(user, pk: int) -> AgencyLetter:
    return get_for(user, letters_for(user), pk)


def letter_archive_for(user) -> QuerySet[AgencyLetter]:
    """The archive list: the files stay in the database until downloaded."""
    has_pdf = ExpressionWrapper(Q(pdf__isnull=False), output_field=BooleanField())
    return letters_for(user).defer("docx", "pdf", "data").annotate(has_pdf=has_pdf)
