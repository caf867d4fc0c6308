"""``scripts/print_accounts.py`` (what ``make start`` prints): every demo
staff account is listed with what it does, none is forgotten."""

from pathlib import Path
from sirhp.policy.setuphandlers.demo.people import STAFF_USERS
from tests.scripts import load_script

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "print_accounts.py"


def _script():
    return load_script(SCRIPT, "print_accounts")


def test_every_staff_account_is_printed_with_its_role():
    script = _script()
    text = "\n".join(script.lines("chef.si", "mot-de-passe-admin", "pw-demo"))
    for login, _fullname, _groups in STAFF_USERS:
        assert f"  {login} " in text, login
        assert script.ROLES[login] in text, login  # a role, not a name
    assert "recruiter.pn" in text and "recruitment officer" in text
    assert "chef.si (Zope manager)" in text and "mot-de-passe-admin" in text
    assert text.count("pw-demo") == len(STAFF_USERS)


def test_a_role_for_every_account_and_no_stale_one():
    assert set(_script().ROLES) == {login for login, _n, _g in STAFF_USERS}
