"""Workflow comments are short text on every channel (issue 5 §4).

A comment is kept in the object's history forever: over 2000 characters,
or not text at all, the transition is refused with a French message and
nothing changes (REST ``@workflow``, the transition form, any script).
"""

from plone import api
from plone.app.testing import login
from Products.CMFCore.WorkflowCore import WorkflowException
import pytest
import requests

JSON = {"Accept": "application/json"}


@pytest.fixture
def draft_url(functional, testdata):
    return f"{functional['portal'].absolute_url()}/{testdata.path_of('pn_draft')}"


def _state(functional, testdata):
    import transaction

    transaction.begin()
    file = functional["portal"].unrestrictedTraverse(testdata.path_of("pn_draft"))
    return api.content.get_state(file), len(
        file.workflow_history["sirhp_record_workflow"]
    )


@pytest.mark.parametrize(
    "comment,words",
    [
        ("x" * 2001, "trop long"),
        ({"texte": "objet"}, "texte"),
        (["liste"], "texte"),
    ],
    ids=["too-long", "object", "list"],
)
def test_rest_comment_refused(functional, testdata, draft_url, comment, words):
    before = _state(functional, testdata)
    response = requests.post(
        f"{draft_url}/@workflow/submit",
        json={"comment": comment},
        headers=JSON,
        auth=("clerk.pn", testdata.PASSWORD),
        timeout=30,
    )
    assert response.status_code == 400, response.text[:300]
    assert words in response.json()["error"]["message"]
    assert _state(functional, testdata) == before


def test_rest_comment_at_the_limit_accepted(functional, testdata, draft_url):
    response = requests.post(
        f"{draft_url}/@workflow/submit",
        json={"comment": "é" * 2000},
        headers=JSON,
        auth=("clerk.pn", testdata.PASSWORD),
        timeout=30,
    )
    assert response.status_code == 200, response.text[:300]
    assert _state(functional, testdata)[0] == "pending"


def test_script_comment_refused(portal, testdata):
    """The rule is in the workflow event, not in one channel: a direct call
    (a script, another add-on) is refused too."""
    file = portal.unrestrictedTraverse(testdata.path_of("pn_draft"))
    login(portal, "clerk.pn")
    workflow = api.portal.get_tool("portal_workflow")
    with pytest.raises(WorkflowException, match="trop long"):
        workflow.doActionFor(file, "submit", comment="y" * 5000)
    assert api.content.get_state(file) == "draft"


def test_form_comment_refused(functional, testdata, draft_url):
    """The transition form: 400 with the message, the state unchanged."""
    session = requests.Session()
    session.auth = ("clerk.pn", testdata.PASSWORD)
    session.headers["Accept"] = "text/html"
    page = session.get(f"{draft_url}/@@sirhp-transition?transition=submit", timeout=30)
    assert page.status_code == 200, page.status_code
    import re

    token = re.search(r'name="_authenticator" value="([^"]+)"', page.text).group(1)
    before = _state(functional, testdata)
    response = session.post(
        f"{draft_url}/@@sirhp-transition",
        data={
            "transition": "submit",
            "comment": "z" * 2001,
            "_authenticator": token,
            "form.submitted": "1",
        },
        timeout=30,
        allow_redirects=False,
    )
    assert response.status_code == 400, response.status_code
    assert "trop long" in response.text
    assert _state(functional, testdata) == before
