"""A unit's dashboard: its commanders (and the agency's HR managers and
auditors) see the figures of the unit and of the units inside it; a
commander is refused every other unit, the agency and the portal; the
commanders' role on a unit gives nothing but the dashboard."""

from plone import api
import pytest
import requests
from sirhp.content.indicators import api as indicators
from sirhp.content.permissions import ViewIndicators
from sirhp.policy.setuphandlers.demo import REFERENCE_DATE

AT = REFERENCE_DATE
CITY = "police-nationale/dr-bamako/commissariat-1"  # commander.pn's
KAYES = "police-nationale/dr-kayes/commissariat-kayes"  # commander2.pn's
REGION = "police-nationale/dr-bamako"


def _headcount(context, login):
    with api.env.adopt_user(username=login):
        report = indicators.indicators(context=context, at=AT)
    (figure,) = [f for f in report["figures"] if f["id"] == "headcount_agency"]
    return figure["total"]["count"]


def _in_service_below(portal, unit):
    """Validated files whose unit is ``unit`` or inside it, walked."""
    inside = "/".join(unit.getPhysicalPath())
    count = 0
    for file in portal["police-nationale"].objectValues():
        if file.portal_type != "PersonnelFile":
            continue
        target = file.unit.to_object if file.unit and not file.unit.isBroken() else None
        if target is None or api.content.get_state(file) != "validated":
            continue
        path = "/".join(target.getPhysicalPath())
        if path == inside or path.startswith(inside + "/"):
            count += 1
    return count


def test_commanders_see_their_units_figures(portal, testdata):
    city, kayes = portal.unrestrictedTraverse(CITY), portal.unrestrictedTraverse(KAYES)
    assert _in_service_below(portal, city) >= 1
    assert _headcount(city, "commander.pn") == _in_service_below(portal, city)
    assert _headcount(kayes, "commander2.pn") == _in_service_below(portal, kayes)
    region = portal.unrestrictedTraverse(REGION)
    assert _headcount(region, "hrmanager.pn") == _in_service_below(portal, region)
    assert _headcount(portal["police-nationale"], "hrmanager.pn") > _headcount(
        city, "hrmanager.pn"
    )


@pytest.mark.parametrize(
    "login, path, allowed",
    [
        ("commander.pn", CITY, True),
        ("commander.pn", KAYES, False),
        ("commander.pn", "police-nationale", False),
        ("commander2.pn", KAYES, True),
        ("commander2.pn", CITY, False),
        ("hrmanager.pn", CITY, True),
        ("auditor", KAYES, True),
        ("hrmanager.ocs", CITY, False),
        ("clerk.pn", CITY, False),
        ("reviewer.pn", CITY, False),
    ],
)
def test_who_may_view_a_units_dashboard(portal, login, path, allowed):
    obj = portal.unrestrictedTraverse(path)
    assert api.user.has_permission(ViewIndicators, username=login, obj=obj) is allowed


def test_the_commanders_role_on_a_unit_gives_nothing_else(portal):
    city = portal.unrestrictedTraverse(CITY)
    for permission in ("View", "Modify portal content", "Add portal content"):
        assert not api.user.has_permission(
            permission, username="commander.pn", obj=city
        )
    with api.env.adopt_roles(["Manager"]):
        new = api.content.create(
            container=city, type="Unit", id="poste-1", title="Poste 1"
        )
    roles = dict(new.get_local_roles())
    assert any("UnitCommander" in r for r in roles.values())  # its own group
    # the commanders of the unit above inherit it: a sub-unit's dashboard
    assert api.user.has_permission(ViewIndicators, username="commander.pn", obj=new)


@pytest.mark.parametrize(
    "login, path, status",
    [
        ("commander.pn", CITY, 200),
        ("commander.pn", KAYES, 403),
        ("commander.pn", "police-nationale", 403),
        ("commander2.pn", KAYES, 200),
        (None, CITY, 401),
    ],
)
def test_over_http(functional, testdata, login, path, status):
    url = f"{functional['portal'].absolute_url()}/{path}"
    auth = (login, testdata.PASSWORD) if login else None
    rest = requests.get(
        f"{url}/@indicators",
        auth=auth,
        params={"at": AT.isoformat()},
        headers={"Accept": "application/json"},
        timeout=60,
    )
    if status == 200:
        assert rest.status_code == 200, rest.text[:300]
    else:  # plone.restapi answers 401 to a logged-in user without the right
        assert rest.status_code in (401, 403), rest.text[:300]
    page = requests.get(
        f"{url}/@@tableau-de-bord", auth=auth, timeout=60, allow_redirects=False
    )
    xlsx = requests.get(
        f"{url}/@@tableau-de-bord.xlsx", auth=auth, timeout=60, allow_redirects=False
    )
    if status == 200:
        assert page.status_code == xlsx.status_code == 200
        assert "tableau" in page.text.lower() or "dashboard" in page.text.lower()
    else:
        assert page.status_code in (302, 401, 403)
        assert xlsx.status_code in (302, 401, 403)
