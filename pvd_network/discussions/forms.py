"""Comment, reaction and deletion forms (CSRF-protected)."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, TextAreaField
from wtforms.validators import DataRequired, Length

from pvd_network.discussions.services import MAX_LENGTH, normalise


class CommentForm(FlaskForm):
    """A new comment, a reply (``reply_to``: the comment answered) or an edit."""

    body = TextAreaField(
        _l("Votre commentaire"),
        filters=[normalise],
        validators=[
            DataRequired(message=_l("Écrivez votre commentaire avant de l'envoyer.")),
            Length(max=MAX_LENGTH,
                   message=_l("Votre commentaire dépasse 10 000 caractères : raccourcissez-le.")),
        ],
        description=_l("10 000 caractères au plus. Mise en forme Markdown ; mentionnez un membre avec "
                       "@Prénom Nom."),
    )
    reply_to = HiddenField()


class ReactionForm(FlaskForm):
    """"Utile": ``useful`` is "1" to add the reaction, "0" to take it back."""

    useful = HiddenField(default="1")


class DeleteCommentForm(FlaskForm):
    """Confirmation of a deletion (the CSRF token only)."""
