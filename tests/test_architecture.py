"""Rules of the codebase that a reviewer should not have to check by eye."""

import ast
import re
from pathlib import Path

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

ROOT = Path(__file__).resolve().parent.parent
APPS = ["portal", "contacts", "events", "newsroom", "campaigns", "intake", "privacy"]  # lowest
# Views that answer without signing in.
PUBLIC_VIEW_NAMES = {
    "health",
    "web_manifest",
    "service_worker",
    "login",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
    "set_language",
    "public_list",
    "public_export",
    "calendar_feed",
    "assignment_answer",
    "public_events",
    "public_ics",
    "public_atom",
    "consent",
    "privacy_notice",
    "request_new",
    "request_verify",
}


def python_files(app):
    return [p for p in (ROOT / app).rglob("*.py") if "migrations" not in p.parts]


def imported_apps(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names & set(APPS)


@pytest.mark.parametrize("app", APPS)
def test_imports_point_one_way(app):
    """campaigns → newsroom → events → contacts → portal: an app never imports one above
    it."""
    higher = set(APPS[APPS.index(app) + 1 :])
    offenders = {
        str(path.relative_to(ROOT)): sorted(imported_apps(path) & higher)
        for path in python_files(app)
        if imported_apps(path) & higher
    }
    assert offenders == {}


def crispy_helper_imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        f"{path.relative_to(ROOT)}:{node.lineno}"
        for node in ast.walk(tree)
        if (isinstance(node, ast.ImportFrom) and (node.module or "").startswith("crispy_forms."))
        or (
            isinstance(node, ast.Import)
            and any(alias.name.startswith("crispy_forms.") for alias in node.names)
        )
    ]


def test_forms_are_laid_out_in_templates_with_crispy_filters_only():
    """One way to render a form: `{{ form|crispy }}` or `{{ form.field|as_crispy_field }}`
    in the template. No FormHelper or Layout in Python, no `{% crispy %}` tag."""
    imports = [
        hit for app in APPS for path in python_files(app) for hit in crispy_helper_imports(path)
    ]
    templates = [path for app in [*APPS, "templates"] for path in (ROOT / app).rglob("*.html")]
    tags = [
        str(path.relative_to(ROOT))
        for path in templates
        if re.search(r"{%\s*crispy\s", path.read_text(encoding="utf-8"))
    ]
    assert (imports, tags) == ([], [])


# The query parameters a view may read one by one; filters go through a FilterSet.
GET_PARAMETERS_READ_BY_HAND = {
    "page",  # Paginator.get_page
    "stories_page",  # the second Paginator of the compliance page (its stories table)
    "fields",  # contacts export: public or internal columns, not a filter
    "year",  # the plan's year switcher, not a queryset filter
    "next",  # where to go after the 2FA step (Django's redirect convention)
}


def get_parameters_read_by_hand(path: Path) -> list[str]:
    """`request.GET.get("x")` and `request.GET["x"]` with x not in the allowed set."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        key = None
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "get"
            and ast.unparse(node.func.value) == "request.GET"
            and node.args
        ):
            key = node.args[0]
        elif isinstance(node, ast.Subscript) and ast.unparse(node.value) == "request.GET":
            key = node.slice
        if key is not None:
            name = key.value if isinstance(key, ast.Constant) else ast.unparse(key)
            if name not in GET_PARAMETERS_READ_BY_HAND:
                found.append(f"{path.relative_to(ROOT)}:{node.lineno} {name}")
    return found


def test_list_filters_are_filtersets_not_hand_parsed_query_parameters():
    """Filters of a list page are a django-filter FilterSet in the app's filters.py,
    fed the scoped queryset; a view does not pick filter values out of request.GET."""
    offenders = [
        hit
        for app in APPS
        for path in python_files(app)
        for hit in get_parameters_read_by_hand(path)
    ]
    assert offenders == []


def view_modules():
    for app in APPS:
        for path in python_files(app):
            if path.name == "views.py" or "views" in path.parts:
                yield path


def test_views_never_query_models_directly():
    """Views load objects through scoped selectors, never Model.objects."""
    offenders = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in view_modules()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if ".objects." in line
    ]
    assert offenders == []


def all_patterns(resolver=None, prefix=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            namespace = f"{prefix}{entry.namespace}:" if entry.namespace else prefix
            if entry.app_name == "admin":
                continue  # Django admin has its own login
            yield from all_patterns(entry, namespace)
        elif isinstance(entry, URLPattern) and entry.name:
            yield prefix + entry.name, entry


def sample_url(name, pattern):
    kwargs = {}
    for key, converter in pattern.pattern.converters.items():
        kwargs[key] = {"int": 999999, "uuid": "00000000-0000-0000-0000-000000000000"}.get(
            type(converter).__name__.replace("Converter", "").lower(), "x"
        )
    return reverse(name, kwargs=kwargs)


@pytest.mark.django_db
def test_every_page_needs_a_login_unless_it_is_public(client):
    for name, pattern in all_patterns():
        url = sample_url(name, pattern)
        response = client.get(url)
        if name.split(":")[-1] in PUBLIC_VIEW_NAMES:
            assert not (response.status_code == 302 and "/accounts/login/" in response.url), url
        else:
            assert response.status_code == 302, (url, response.status_code)
            assert response.url.startswith("/accounts/login/"), url


# --- One way to scope ------------------------------------------------------------------------


def test_views_load_objects_through_the_one_getter():
    """No get_object_or_404 in views: portal.scoping.get_for answers 404 to outsiders and
    403 to read-only users, through the user's scoped queryset."""
    offenders = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in view_modules()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if "get_object_or_404" in line
    ]
    assert offenders == []


def selector_modules():
    for app in APPS:
        for path in python_files(app):
            if path.name == "selectors.py" or "selectors" in path.parts:
                yield path


def role_reads(path: Path) -> list[str]:
    """`<something>.is_agency_staff` / `.is_reporter` / … and `.role ==` / `.role in`."""
    roles = {"is_agency_staff", "is_reporter", "is_editor", "is_reviewer", "is_centre_staff"}
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Attribute) and node.attr in roles:
            is_scope = isinstance(node.value, ast.Name) and node.value.id == "scope"
            is_scope = is_scope or (
                isinstance(node.value, ast.Call)
                and getattr(node.value.func, "id", "") == "scope_for"
            )
            if not is_scope:
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
        elif isinstance(node, ast.Compare) and isinstance(node.left, ast.Attribute):
            if node.left.attr == "role":
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def test_selectors_scope_through_the_scope():
    """A selector names the column that ties a row to an agency, a centre or a person;
    the user's Scope decides which applies. No selector reads the user's role itself."""
    offenders = [hit for path in selector_modules() for hit in role_reads(path)]
    assert offenders == []


def test_every_scoped_selector_calls_the_scope():
    """Each `*_for(user)` selector either builds on the scope or on another `*_for`."""
    offenders = []
    for path in selector_modules():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for func in tree.body:
            if not (isinstance(func, ast.FunctionDef) and func.name.endswith("_for")):
                continue
            if not func.args.args or func.args.args[0].arg != "user":
                continue
            called = {
                getattr(node.func, "id", getattr(node.func, "attr", ""))
                for node in ast.walk(func)
                if isinstance(node, ast.Call)
            }
            if not any(name == "scope_for" or name.endswith("_for") for name in called):
                offenders.append(f"{path.relative_to(ROOT)}:{func.name}")
    assert offenders == []


def permission_modules():
    for app in APPS:
        for path in python_files(app):
            if path.name in ("permissions.py", "predicates.py"):
                yield path


def test_each_predicate_is_defined_once():
    """Base predicates live in portal/predicates.py; an app's permissions module defines
    only its own (no second is_centre_staff that disagrees with the first)."""
    defined: dict[str, list[str]] = {}
    for path in permission_modules():
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            names = []
            if isinstance(node, ast.FunctionDef):
                names = [node.name]
            elif isinstance(node, ast.Assign):
                names = [t.id for t in node.targets if isinstance(t, ast.Name)]
            for name in names:
                defined.setdefault(name, []).append(str(path.relative_to(ROOT)))
    assert {name: paths for name, paths in defined.items() if len(paths) > 1} == {}


def test_app_rules_read_roles_only_through_the_base_predicates():
    offenders = [
        hit
        for path in permission_modules()
        if path.name == "permissions.py"
        for hit in role_reads(path)
    ]
    assert offenders == []


# --- One notice lifecycle --------------------------------------------------------------------

NOTICE_STATUS_WRITER = ROOT / "events" / "services" / "notices.py"


def _names_in(node) -> set[str]:
    return {
        n.id if isinstance(n, ast.Name) else n.attr
        for n in ast.walk(node)
        if isinstance(n, ast.Name | ast.Attribute)
    }


def notice_status_writes(path: Path) -> list[int]:
    """Lines that set a notice's status: `<…notice>.status = …`, or an `.update(status=…)`
    on a query of `Notice`."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign | ast.AugAssign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                if (
                    isinstance(target, ast.Attribute)
                    and target.attr == "status"
                    and any("notice" in name.lower() for name in _names_in(target.value))
                ):
                    lines.append(node.lineno)
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "update"
            and any(k.arg == "status" for k in node.keywords)
            and "Notice" in _names_in(node.func.value)
        ):
            lines.append(node.lineno)
    return lines


def test_only_events_services_sets_a_notices_status():
    files = [p for app in APPS for p in python_files(app)] + list((ROOT / "scripts").glob("*.py"))
    offenders = {
        str(path.relative_to(ROOT)): notice_status_writes(path)
        for path in files
        if path != NOTICE_STATUS_WRITER and notice_status_writes(path)
    }
    assert offenders == {}
    assert notice_status_writes(NOTICE_STATUS_WRITER) != []  # the rule still sees the writer


def test_newsroom_follows_notices_through_domain_signals_not_post_save():
    for path in python_files("newsroom") + python_files("events"):
        source = path.read_text(encoding="utf-8")
        assert "post_save" not in source, path.relative_to(ROOT)


# Django writes field callables (upload_to=, default=) into migrations by import path and
# makemigrations insists on them; they name a function, they do not run app logic.
FIELD_CALLABLE_KEYWORDS = {"upload_to", "default"}


def app_code_used_by_migration(path: Path) -> list[str]:
    """App code a migration uses beyond field callables: `from newsroom.db import …`, or
    an app module (`newsroom.db.factory`) used anywhere but as an upload_to/default value."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    parents = {id(child): node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    used = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module.split(".")[0] in APPS:
                used.add(f"from {node.module} import …")
        elif isinstance(node, ast.Attribute) and not isinstance(
            parents.get(id(node)), ast.Attribute
        ):
            root = node
            while isinstance(root, ast.Attribute):
                root = root.value
            parent = parents.get(id(node))
            field_callable = (
                isinstance(parent, ast.keyword) and parent.arg in FIELD_CALLABLE_KEYWORDS
            )
            if isinstance(root, ast.Name) and root.id in APPS and not field_callable:
                used.add(ast.unparse(node))
    return sorted(used)


@pytest.mark.parametrize("app", APPS)
def test_no_migration_imports_app_code(app):
    """Migrations run against historical models; running live code (enums, constraint
    factories) would change what an old migration does. Frozen SQL and values instead."""
    offenders = {
        str(path.relative_to(ROOT)): app_code_used_by_migration(path)
        for path in (ROOT / app / "migrations").glob("*.py")
        if app_code_used_by_migration(path)
    }
    assert offenders == {}


# --- One layout for every app ------------------------------------------------------------------

LAYERS = ("models", "services", "selectors", "forms", "views")
FLAT_LAYER_MAX_LINES = 400  # past this a layer becomes a package, one module per feature


@pytest.mark.parametrize("app", APPS)
def test_every_app_has_one_layout_layers_by_feature_and_no_sub_apps(app):
    """A layer is a flat module (`portal/forms.py`) or a package with one module per
    feature (`events/services/stories.py`), never both, and never a feature folder with
    layers of its own (the old `events/stories/views.py`)."""
    offenders = []
    for layer in LAYERS:
        flat, package = ROOT / app / f"{layer}.py", ROOT / app / layer
        if flat.exists() and package.is_dir():
            offenders.append(f"{app}: both {layer}.py and {layer}/")
        if flat.exists() and len(flat.read_text(encoding="utf-8").splitlines()) > (
            FLAT_LAYER_MAX_LINES
        ):
            offenders.append(f"{flat.relative_to(ROOT)}: make it a package")
    for path in python_files(app):
        parts = path.relative_to(ROOT / app).parts
        if len(parts) > 1 and path.stem in LAYERS and parts[0] not in LAYERS:
            offenders.append(f"{path.relative_to(ROOT)}: a sub-app layer")
    assert offenders == []


def test_every_service_that_takes_by_records_it():
    """`by=` names who acted; a service that accepts it and ignores it loses the author."""
    ignored = []
    for app in APPS:
        for path in (
            (ROOT / app).glob("services*/**/*.py")
            if (ROOT / app / "services").is_dir()
            else [ROOT / app / "services.py"]
        ):
            if not path.exists():
                continue
            for fn in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if not isinstance(fn, ast.FunctionDef):
                    continue
                params = {a.arg for a in fn.args.args + fn.args.kwonlyargs}
                uses = any(isinstance(n, ast.Name) and n.id == "by" for n in ast.walk(fn))
                if "by" in params and not uses:
                    ignored.append(f"{path.relative_to(ROOT)}:{fn.name}")
    assert ignored == []
