"""A change that was stored is answered as stored.

After a transaction commits, ZODB's ``Connection.afterCompletion`` polls the
storage at once for other clients' changes: an early sync only, since the
next transaction's ``begin`` polls again in any case. On RelStorage that
poll is a query. With PostgreSQL gone just after the COMMIT, it raised out
of ``transaction.commit()``: the publisher answered the French 503 ("rien
n'a été enregistré") for a change that was stored and journaled, and the
clerk who tried again met a duplicate.

``install`` wraps ``afterCompletion``: a ``DISCONNECTED`` error of that poll,
after a COMMITTED transaction only, is logged and left to the next
``begin``, which polls again (and raises while the server is away, so the
next request gets the 503, truthfully). An abort's errors are unchanged.
"""

import logging
from sirhp.policy.hardening.disconnected import DISCONNECTED
from transaction._transaction import Status
from ZODB.Connection import Connection

logger = logging.getLogger("sirhp.policy")
_MARK = "_sirhp_committed_answer"


def install():
    """Wrap ``ZODB.Connection.Connection.afterCompletion`` (once)."""
    original = Connection.afterCompletion
    if getattr(original, _MARK, False):
        return

    def afterCompletion(self, txn):
        if getattr(txn, "status", None) != Status.COMMITTED:
            return original(self, txn)
        try:
            return original(self, txn)
        except DISCONNECTED as error:
            logger.warning(
                "Change committed; database unreachable just after it "
                "(%s): the next transaction syncs again",
                type(error).__name__,
            )

    setattr(afterCompletion, _MARK, True)
    afterCompletion.__wrapped__ = original
    Connection.afterCompletion = afterCompletion
