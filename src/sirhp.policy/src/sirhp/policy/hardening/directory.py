"""No user directory and no mail to users through the portal.

Plone's ``author/<id>`` page shows any account's full name (across both
agencies; existing and unknown ids answered differently) with a form that
mails that user from the portal's address; ``contact-info`` mails the site
administrator and ``sendto_form`` any address. SIRHP staff have no use for
them (they may not list users: "List portal members" is administrators'
only). Here:

- those pages (and the templates of their mails) answer the same 404 as a
  missing page to whoever may not manage users (``Plone Site Setup: Users
  and Groups``: the portal's administrators), for existing and unknown ids
  alike, before anything is looked up;
- for administrators, no header injection: the single-line fields
  (``subject``, the sender's name and address) lose their line breaks, and
  the visitor's message, which opens the mail's text, can no longer be read
  as headers;
- no page links to them: the ``author`` links (head link, byline, history,
  lock information) are left out for the same users; the "Contact" site
  action is hidden (``profiles/default/actions.xml``) and "Allow sendto" is
  administrators' only (``rolemap.xml``).
"""

import os
from plone import api
from plone.app.layout.links.viewlets import AuthorViewlet as BaseAuthorViewlet
from plone.app.layout.viewlets import content
from plone.app.layout.viewlets.locking import LockInfoViewlet as BaseLockInfoViewlet
from Products.CMFPlone import browser as plone_browser
from Products.CMFPlone.browser.author import AuthorView as BaseAuthorView
from Products.CMFPlone.browser.contact_info import ContactForm as BaseContactForm
from Products.CMFPlone.browser.sendto import SendToForm as BaseSendToForm
from Products.Five import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from zExceptions import NotFound

DIRECTORY_PERMISSION = "Plone Site Setup: Users and Groups"
SENDTO_PERMISSION = "Allow sendto"
# Single-line fields of the mail forms (become mail headers or their parts)
HEADER_FIELDS = (
    "form.widgets.subject",
    "form.widgets.sender_fullname",
    "form.widgets.sender_from_address",
    "form.widgets.send_to_address",
    "form.widgets.send_from_address",
    "subject",
)
_LAYOUT = os.path.dirname(content.__file__)
_PLONE_TEMPLATES = os.path.join(os.path.dirname(plone_browser.__file__), "templates")


def may_see_directory(context=None):
    """Administrators only (users and groups management)."""
    try:
        return api.user.has_permission(
            DIRECTORY_PERMISSION, obj=context or api.portal.get()
        )
    except Exception:
        return False


def refuse(request):
    """The same 404 as a page that does not exist."""
    raise NotFound(request.get("ACTUAL_URL", ""))


def single_line_fields(request):
    """No line break in a field that ends up in a mail header."""
    for name in HEADER_FIELDS:
        value = request.form.get(name)
        if isinstance(value, str) and ("\r" in value or "\n" in value):
            request.form[name] = " ".join(value.splitlines()).replace("\r", " ")


class AuthorView(BaseAuthorView):
    """``author/<id>``: administrators only, a 404 for everybody else."""

    index = ViewPageTemplateFile(os.path.join(_PLONE_TEMPLATES, "author.pt"))

    # ``author/<id>`` is traversed before the user is known: the check is
    # made when the page is called, for every id alike

    def __call__(self):
        if not may_see_directory(self.context):
            refuse(self.request)
        single_line_fields(self.request)
        return super().__call__()


class ContactForm(BaseContactForm):
    def __call__(self):
        if not may_see_directory(self.context):
            refuse(self.request)
        single_line_fields(self.request)
        return super().__call__()


class SendToForm(BaseSendToForm):
    def __call__(self):
        if not (
            may_see_directory(self.context)
            and api.user.has_permission(SENDTO_PERMISSION, obj=self.context)
        ):
            refuse(self.request)
        single_line_fields(self.request)
        return super().__call__()


class MailTemplate(BrowserView):
    """The mail templates of those forms: for the forms, not for visitors."""

    def __call__(self, *args, **kwargs):
        if not may_see_directory(self.context):
            refuse(self.request)
        # The text opens with the visitor's message and Plone parses it as a
        # mail: "Bcc: ..." lines at its start became headers. An empty first
        # line makes all of it the body.
        return "\n" + self.index(*args, **kwargs)


class AuthorFeedbackTemplate(MailTemplate):
    index = ViewPageTemplateFile(
        os.path.join(_PLONE_TEMPLATES, "author_feedback_template.pt")
    )


class ContactInfoEmail(MailTemplate):
    index = ViewPageTemplateFile(
        os.path.join(_PLONE_TEMPLATES, "contact-info-email.pt")
    )


# --- no links to the author pages -----------------------------------------------------


class AuthorLinkViewlet(BaseAuthorViewlet):
    """``<link rel="author">`` in the page head."""

    def show(self):
        return may_see_directory(self.context) and super().show()


class DocumentBylineViewlet(content.DocumentBylineViewlet):
    def get_url_path(self, user_id):
        if not may_see_directory(self.context):
            return ""
        return super().get_url_path(user_id)


class ContributorsViewlet(DocumentBylineViewlet):
    index = ViewPageTemplateFile(os.path.join(_LAYOUT, "document_contributors.pt"))


class ContentHistoryView(content.ContentHistoryView):
    def getUserInfo(self, userid):
        info = dict(super().getUserInfo(userid))
        if not may_see_directory(self.context):
            info["actor_home"] = ""
        return info


class LockInfoViewlet(BaseLockInfoViewlet):
    def lock_info(self):
        info = self.info.lock_info()
        if info and not may_see_directory(self.context):
            info = dict(info, author_page="")
        return info
