"""The Content-Security-Policy breaks nothing: busy pages load without a CSP violation."""

from tests.factories import AgencyFactory, AgencyStaffFactory, CentreFactory


def test_notice_form_with_htmx_runs_without_csp_violations(page, live_server, login):
    AgencyStaffFactory(username="agency", organisation=AgencyFactory(centre=CentreFactory()))
    violations = []
    page.on(
        "console",
        lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None,
    )
    login(page, live_server, "agency")
    for path in ("/", "/contacts/", "/events/new/"):
        page.goto(f"{live_server.url}{path}")
        page.wait_for_load_state("networkidle")
    assert page.evaluate("typeof window.htmx") == "object", "htmx runs under the policy"
    assert violations == []
