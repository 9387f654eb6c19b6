"""Public pages: list, edit (Markdown in both languages), history, preview and restore."""
from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..forms import ActionForm
from ..i18n import format_datetime
from ..pagination import paginate
from ..permissions import recent_auth_required, secretariat_required
from . import bp, queries, services
from .forms import PageForm

# Where each page is shown on the public site (pages not listed here have no public address yet).
PUBLIC_ENDPOINTS = {"home": "public.home", "charter": "public.charter",
                    "volunteer": "public.volunteer", "privacy": "public.privacy"}


def public_url(page):
    endpoint = PUBLIC_ENDPOINTS.get(page.slug)
    return url_for(endpoint) if endpoint else None


@bp.route("/pages")
@secretariat_required
def pages():
    """The public pages with their titles, when they were last changed and by whom."""
    page = paginate(queries.pages_query())
    return render_template("secretariat/pages.html", page=page)


@bp.route("/pages/<slug>/edit", methods=["GET", "POST"])
@secretariat_required
def page_edit(slug):
    """Edit a page's titles and text in Arabic and English; each save is kept in its history."""
    page = queries.page_or_404(slug)
    form = PageForm(obj=page)
    if form.validate_on_submit():
        revision = services.save_page(current_user, page, form.data)
        if revision is None:
            flash(_("Nothing was changed, so nothing was saved."), "info")
        else:
            flash(_("The page has been published. The previous text is kept in its history."),
                  "success")
        return redirect(url_for("secretariat.page_edit", slug=page.slug))
    return render_template("secretariat/page_edit.html", form=form, page=page,
                           public_url=public_url(page))


@bp.route("/pages/<slug>/history")
@secretariat_required
def page_history(slug):
    """Every saved state of a page, newest first, with who saved it and when."""
    page = queries.page_or_404(slug)
    revisions = paginate(queries.revisions_query(page))
    return render_template("secretariat/page_history.html", page=page, revisions=revisions)


@bp.route("/pages/<slug>/revisions/<int:revision_id>")
@secretariat_required
def page_revision(slug, revision_id):
    """One earlier state of a page, shown as the public would see it, with a restore button."""
    page = queries.page_or_404(slug)
    revision = queries.revision_or_404(page, revision_id)
    return render_template("secretariat/page_revision.html", page=page, revision=revision)


@bp.route("/pages/<slug>/revisions/<int:revision_id>/restore", methods=["POST"])
@secretariat_required
@recent_auth_required
def page_restore(slug, revision_id):
    """Publish an earlier state again; this adds a new revision and deletes nothing."""
    page = queries.page_or_404(slug)
    revision = queries.revision_or_404(page, revision_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    services.restore_revision(current_user, page, revision)
    flash(_("The text of %(date)s has been published again.",
            date=format_datetime(revision.created_at)), "success")
    return redirect(url_for("secretariat.page_history", slug=page.slug))
