"""``l10n review``: a local web page to review an article's translations in their layout.

The modules, one concern each: :mod:`~l10n.review.session` (which articles and
languages are served, and nothing else), :mod:`~l10n.review.page` (what the
page shows for one article and language, as plain data), :mod:`~l10n.review.diff`
(the stale entry's word diff), :mod:`~l10n.review.memory` (translation-memory
matches behind one small adapter), :mod:`~l10n.review.actions` (save, approve,
revert: written through the catalog writer), :mod:`~l10n.review.app` (the
Starlette routes, token and origin checks) and :mod:`~l10n.review.server`
(uvicorn on 127.0.0.1). Only the last two import the optional ``review`` extra.
"""
