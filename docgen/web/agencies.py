"""The directory of agencies (danh bạ cơ quan), the unit's mã định danh
and its numbering series: the page every logged-in user reads (search),
where the administrator sets the unit's code and series and imports the
province's file, and the JSON the editor's recipients offer names and codes
from.

The rules are the storage's (``docgen.storage.agencies``): only an admin
changes anything (403 otherwise); the file is read by
``docgen.sheets.agencies``, which names every wrong row and column."""

from __future__ import annotations

from flask import Blueprint, flash, jsonify, redirect, render_template, request, url_for

from ..sheets.agencies import AgencyFileError, read_agencies
from ..storage import agencies as store
from ..storage.errors import StorageError
from ..storage.models import ADMIN
from .auth import client_ip, current_user, login_required
from .database import database

bp = Blueprint("agencies", __name__)


def _page(problems: list[str] | None = None, status: int = 200):
    user = current_user()
    text = (request.args.get("q") or "").strip()[:100]
    from .. import doctypes
    from ..storage.numbering import SECRET_DEFAULT, unit_series

    return render_template("agencies.html", agencies=store.search(database(), user, text, limit=200),
                           query=text, total=store.count(database()), is_admin=user.role == ADMIN,
                           problems=problems or [], series=unit_series(database(), user.unit_id),
                           doc_types=doctypes.ALL, secret_default=SECRET_DEFAULT[1:]), status


@bp.get("/agencies")
@login_required
def agencies_page():
    return _page()


@bp.post("/agencies/import")
@login_required
def import_directory():
    user = current_user()
    if user.role != ADMIN:  # refused before the upload is read (parsed only for the one who may import it)
        return _page(["Chỉ quản trị hệ thống được sửa mã định danh và danh bạ cơ quan."], 403)
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        return _page(["Hãy chọn tệp danh bạ (.csv hoặc .xlsx)."], 400)
    try:
        rows = read_agencies(upload.filename, upload.read())
        summary = store.import_directory(database(), rows, user=user, ip=client_ip(), source=upload.filename)
    except AgencyFileError as error:
        return _page([f"{upload.filename}: {problem}" for problem in error.problems], 400)
    except StorageError as error:
        return _page([error.message], 403)
    flash(f"Đã nhập danh bạ từ {upload.filename}: {summary}.", "ok")
    return redirect(url_for(".agencies_page"))


@bp.post("/agencies/unit-code")
@login_required
def unit_code():
    user = current_user()
    try:
        unit = store.set_unit_code(database(), user.unit.name, request.form.get("code"), user=user, ip=client_ip())
    except StorageError as error:
        return _page([error.message], 403 if user.role != ADMIN else 400)
    flash(f"Mã định danh của {unit.name}: {unit.code}." if unit.code else f"Đã bỏ mã định danh của {unit.name}.",
          "ok")
    return redirect(url_for(".agencies_page"))


@bp.get("/api/agencies")
@login_required
def agencies_json():
    """``?q=`` part of a name or code: the agencies the editor offers."""
    found = store.search(database(), current_user(), request.args.get("q") or "")
    return jsonify([{"code": a.code, "name": a.name, "in_charge": a.in_charge} for a in found])


@bp.post("/agencies/series")
@login_required
def numbering_series():
    """The administrator adds, changes (same key) or removes (``remove``) a
    numbering series of the unit's register."""
    from ..storage import numbering

    user = current_user()
    key = (request.form.get("key") or "")[:40]
    try:
        if request.form.get("remove"):
            numbering.remove_series(database(), user.unit.name, key, user=user, ip=client_ip())
            flash(f"Đã bỏ dãy số {key.upper()}; các loại văn bản của nó lại đánh số theo ký hiệu.", "ok")
        else:
            series = numbering.set_series(database(), user.unit.name, key, (request.form.get("name") or "")[:200],
                                          request.form.getlist("types")[:20], secret=request.form.get("secret") == "1",
                                          user=user, ip=client_ip())
            flash(f"Đã lưu dãy số {series.key} ({series.name}).", "ok")
    except StorageError as error:
        return _page([error.message], 403 if user.role != ADMIN else 400)
    return redirect(url_for(".agencies_page", _anchor="series"))
