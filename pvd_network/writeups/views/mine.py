""""Mes retours": every write-up of the signed-in member, grouped by status."""
from __future__ import annotations

from flask import render_template
from flask_login import current_user

from pvd_network.auth.permissions import member_required
from pvd_network.writeups import services
from pvd_network.writeups.models import (
    ARCHIVED,
    CHANGES_REQUESTED,
    DRAFT,
    PUBLISHED,
    REJECTED,
    STATUSES,
    SUBMITTED,
)
from pvd_network.writeups.views import bp

# Groups in the order an author acts on them: what needs work first.
GROUP_ORDER = (CHANGES_REQUESTED, DRAFT, SUBMITTED, PUBLISHED, REJECTED, ARCHIVED)


@bp.get("/mes-retours")
@member_required
def mine():
    """My drafts, submitted, published, sent back, refused and archived write-ups, with their actions."""
    writeups = services.authored_by(current_user)
    groups = [
        (status, STATUSES[status], [w for w in writeups if w.status == status]) for status in GROUP_ORDER
    ]
    return render_template(
        "writeups/mine.html",
        groups=[group for group in groups if group[2]],
        total=len(writeups),
    )
