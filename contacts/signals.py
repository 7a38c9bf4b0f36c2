"""Signals of the organisation tree, for the apps above `contacts` (which it never imports).

organisations_merged   sender=Organisation; successor, source_ids, merge; sent by
                       `contacts.services.merges.apply_merge` inside its transaction,
                       after every record has moved and the former names are kept
"""

from django.dispatch import Signal

organisations_merged = Signal()
