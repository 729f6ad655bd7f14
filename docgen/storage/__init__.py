"""Storage and review workflow: drafts of plans with immutable versions,
signing officers' review and approval, accounts, and the audit log, in
SQLite (default) or PostgreSQL (``DATABASE_URL``).

Modules: ``db`` (engine, sessions, ``upgrade``; the web's per-request
session is ``docgen.web.database``'s), ``models``
(tables), ``users`` (accounts, login), ``drafts`` (the workflow),
``register`` (issuing, recall, the register of issued documents), ``audit``
(the log), ``errors`` (what is refused, in Vietnamese), ``migrations/``
(Alembic; ``docgen db upgrade`` runs it).

For the web (and any other delivery) -- everything takes an SQLAlchemy
``Session`` first and, except login, the acting ``User`` second; writes
commit, together with their audit row; ``ip`` is the client's address::

    # setup (docgen.storage.db)
    engine = make_engine(url=None)          # url, else $DATABASE_URL, else instance/docgen.sqlite3
    upgrade(engine)                         # alembic upgrade head (docgen db upgrade)
    Session = make_sessionmaker(engine)     # expire_on_commit=False

    # accounts (docgen.storage.users)
    authenticate(session, username, password, ip) -> User      # raises LoginError (locked_until set when locked)
    get_user(session, user_id) -> User | None                  # active user for the login session
    create_user(session, username, full_name, role, unit_name, password) -> User   # raises UserError
    list_users(session) -> list[User];  find_user(session, username) -> User | None
    # these raise user.session_version: every session of the account ends
    logout(session, user, *, ip=None)
    set_password(session, user, password, *, ip=None)          # raises UserError (too short)
    change_password(session, user, current, new, ip)           # LoginError (wrong current, locked), UserError
    set_active(session, user, active)                          # deactivate / reactivate

    # drafts (docgen.storage.drafts); plan_data is the plan JSON (dict) or a Plan
    drafts_for(session, user) -> list[Draft]                   # the user's unit only, newest first
    get_draft(session, user, draft_id) -> Draft                # NotFound for another unit's draft
    get_version(session, user, draft_id, number=None) -> DraftVersion   # head when number is None
    reviewed_version(session, user, draft_id) -> DraftVersion | None    # version at the last return/approval
    history(session, user, draft_id) -> list[StateChange]
    comments(session, user, draft_id, version_number=None) -> list[Comment]
    create_draft(session, user, plan_data, *, ip=None) -> Draft          # version 1
    save_version(session, user, draft_id, plan_data, base_version, *, ip=None) -> DraftVersion
        # raises Conflict(latest=head version, copy=the caller's text stored as a conflict copy)
    submit(session, user, draft_id, *, ip=None) -> StateChange           # nháp/trả lại -> chờ duyệt
    return_draft(session, user, draft_id, comment, *, ip=None) -> StateChange   # -> trả lại
    approve(session, user, draft_id, *, ip=None) -> ApprovedDocument     # -> đã duyệt; .docx + sha256 stored
    add_comment(session, user, draft_id, version_number, section, text, paragraph=None, *, ip=None) -> Comment
    download(session, user, draft_id, version_number=None, *, ip=None) -> Download(version, docx, sha256, approved)
    plan_of(version) -> Plan

    # issuing (docgen.storage.register); only the unit's registrar (văn thư) issues and recalls
    issue(session, user, draft_id, *, replaces=None, ip=None, now=None) -> IssuedDocument
        # approved draft -> next number for (unit, symbol, year), today in Asia/Ho_Chi_Minh,
        # final .docx + sha256 stored; ``now`` (aware) injects the clock
    recall(session, user, entry_id, reason, *, ip=None) -> Recall     # keeps its number
    entries(session, user, *, number="", date_from=None, date_to=None, subject="") -> list[IssuedDocument]
    unit_entries(session, unit_id, **same) ; get_entry(session, user, entry_id) ; recallable(session, user)
    download(session, user, entry_id, *, ip=None) -> IssuedDocument   # audited

    # audit (docgen.storage.audit)
    audit(session, user, action, *, draft=None, version=None, ip=None, detail=None, username=None)
    audit_log(session, admin_user, *, draft_id=None, limit=200) -> list[AuditEvent]

Errors (docgen.storage.errors; ``str(error)`` is the Vietnamese message):
NotFound -> 404, Forbidden -> 403, StateError -> 409, Conflict -> 409 (show
``error.latest`` and ``error.copy`` side by side), LoginError -> 401 (429
when ``error.locked_until``), UserError -> 400; an invalid plan raises
``docgen.plan.files.PlanFileError`` (field errors, as ``/api/validate``) -> 422.

Models (docgen.storage.models): ``Draft`` (id, unit_id, title, state,
state_label, editable, head_number, head, reviewed_number, reviewed,
versions, conflict_copies, state_changes, comments, approved_document),
``DraftVersion`` (number, based_on, kind "save"|"conflict", plan dict,
author, created_at), ``StateChange`` (from_state, to_state, version_number,
user, at, comment), ``Comment`` (version, section, paragraph, text, user,
at), ``ApprovedDocument`` (version, docx, sha256, approved_by,
approved_at), ``IssuedDocument`` (number, symbol, year, number_text,
issued_on, subject, signer, recipients, plan, docx, sha256, issued_by,
replaces, replaced_by, recall), ``Recall`` (reason, recalled_by,
recalled_at), ``RegisterCounter``, ``User`` (username, full_name, role, role_label, unit,
active, session_version).
Roles: drafter (chuyên viên), signer (lãnh đạo), registrar (văn thư), admin
(quản trị). Times are
UTC; ``docgen.vietnamese.dates.vietnam_time`` shows them in Vietnam time.
"""
