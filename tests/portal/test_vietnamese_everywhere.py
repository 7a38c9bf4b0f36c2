"""Nothing in the Vietnamese interface or back office reads in English: every enum label,
every model and app name (ours and the third parties' the admin shows), every field
label of ours and every choice."""

import importlib

import pytest
from django.apps import apps
from django.contrib import admin
from django.db import models
from django.utils import translation

OUR_APPS = ("portal", "contacts", "events", "newsroom", "campaigns", "intake", "privacy")
# Not words: the same in both languages.
SAME_IN_BOTH = {"ID", "SMS", "PDF", "DOCX", "JPEG", "PNG", "WebP", "XLSX", "CSV", "Excel", "vCard"}


def in_both(text):
    with translation.override("en"):
        english = str(text)
    with translation.override("vi"):
        vietnamese = str(text)
    return english, vietnamese


def untranslated(texts):
    found = []
    for where, text in texts:
        english, vietnamese = in_both(text)
        if (
            english == vietnamese
            and english not in SAME_IN_BOTH
            and any(c.isalpha() for c in english)
        ):
            found.append((where, english))
    return found


def _all_choices():
    for app in OUR_APPS:
        for module in (f"{app}.enums",):
            importlib.import_module(module)
    stack, seen = list(models.Choices.__subclasses__()), []
    while stack:
        cls = stack.pop()
        stack.extend(cls.__subclasses__())
        if cls.__module__.split(".")[0] in OUR_APPS:
            seen.append(cls)
    return seen


def test_every_enum_label_of_ours_is_translated():
    enums = _all_choices()
    assert len(enums) > 20
    labels = [(f"{cls.__module__}.{cls.__name__}.{m.name}", m.label) for cls in enums for m in cls]
    assert untranslated(labels) == []


def _admin_models():
    return [model for model in admin.site._registry if model._meta.app_label != "auth"]


def test_every_model_and_app_the_admin_shows_has_a_vietnamese_name():
    texts = []
    for model in _admin_models():
        meta = model._meta
        texts += [
            (f"{meta.label} (plural)", meta.verbose_name_plural),
            (f"{meta.label}", meta.verbose_name),
            (f"app {meta.app_label}", apps.get_app_config(meta.app_label).verbose_name),
        ]
    assert untranslated(texts) == []


def test_every_field_label_of_ours_and_every_choice_the_admin_offers_is_vietnamese():
    texts = []
    for model in _admin_models():
        meta = model._meta
        for field in meta.get_fields():
            if not getattr(field, "concrete", False):
                continue
            if meta.app_label in OUR_APPS:
                texts.append((f"{meta.label}.{field.name}", field.verbose_name))
            if field.choices and field.name != "timezone":  # time-zone names are names
                texts += [
                    (f"{meta.label}.{field.name}={v}", label) for v, label in field.flatchoices
                ]
    assert untranslated(texts) == []


@pytest.mark.django_db
def test_the_admin_index_reads_in_vietnamese(client_for, django_user_model):
    admin_user = django_user_model.objects.create_superuser("quantri", "q@example.vn", "x")
    page = client_for(admin_user).get("/admin/").content.decode()
    for english in ("Access attempts", "Periodic tasks", "Crontabs", "Task results"):
        assert english not in page
    assert "Lượt đăng nhập" in page
