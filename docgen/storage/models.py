"""The tables: units (issuing bodies), their users, drafts with immutable
versions, state changes, review comments, approved documents, the register
of issued documents (sổ đăng ký văn bản đi) with its counters and recalls,
login attempts and the audit log.

Times are UTC without a zone (``utcnow``), the same on SQLite and PostgreSQL.
Codes are stored in English (``drafter``, ``submitted``); ``ROLE_LABELS`` and
``STATE_LABELS`` give the Vietnamese words the pages show.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import (
    JSON, Boolean, CheckConstraint, Date, DateTime, ForeignKey, Index, Integer, LargeBinary,
    MetaData, String, Text, UniqueConstraint, event, inspect, select,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, object_session, relationship

from .. import doctypes
from ..vietnamese.document_number import number_text

DRAFTER, SIGNER, REGISTRAR, ADMIN = "drafter", "signer", "registrar", "admin"
ROLES = (DRAFTER, SIGNER, REGISTRAR, ADMIN)
ROLE_LABELS = {DRAFTER: "chuyên viên", SIGNER: "lãnh đạo", REGISTRAR: "văn thư", ADMIN: "quản trị"}

DRAFT, SUBMITTED, APPROVED, RETURNED = "draft", "submitted", "approved", "returned"
STATES = (DRAFT, SUBMITTED, APPROVED, RETURNED)
STATE_LABELS = {DRAFT: "nháp", SUBMITTED: "chờ duyệt", APPROVED: "đã duyệt", RETURNED: "trả lại"}
EDITABLE = (DRAFT, RETURNED)

SAVE, CONFLICT_COPY = "save", "conflict"

# Ids are ``integer`` columns: 32 bits on PostgreSQL. A larger number is no
# row of ours (and would make the database driver raise, not answer "none").
MAX_ID = 2**31 - 1


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _in(values) -> str:
    return "(" + ", ".join(f"'{value}'" for value in values) + ")"


class Base(DeclarativeBase):
    # Named constraints, so later migrations can alter them on both databases.
    metadata = MetaData(naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    })


class Unit(Base):
    """Cơ quan ban hành: an issuing body; its users see only its drafts."""

    __tablename__ = "units"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    # Mã định danh (QCVN 102 OrganId; Decree 30, Appendix VI 1.1: String 13),
    # set by the administrator: the sender of its edXML packages.
    code: Mapped[str | None] = mapped_column(String(13), unique=True, index=True, nullable=True)

    users: Mapped[list[User]] = relationship(back_populates="unit")


class Agency(Base):
    """Danh bạ cơ quan: an agency a document may be sent to, by its mã định
    danh. ``unit_id`` is None for the directory the administrator imports
    (the province's CSV), else the unit that remembered it as a recipient."""

    __tablename__ = "agencies"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(13), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    in_charge: Mapped[str | None] = mapped_column(String(200), nullable=True)  # cơ quan chủ quản
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), nullable=True, index=True)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


class User(Base):
    __tablename__ = "users"
    __table_args__ = (CheckConstraint(f"role IN {_in(ROLES)}", name="role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    full_name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(16))
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # Stored in the login session and compared on every request: raising it
    # (logout, password change, deactivation) ends every session at once.
    session_version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    unit: Mapped[Unit] = relationship(back_populates="users", lazy="joined")

    @property
    def role_label(self) -> str:
        return ROLE_LABELS[self.role]

    def __repr__(self) -> str:
        return f"<User {self.username} {self.role} unit={self.unit_id}>"


class Draft(Base):
    """Dự thảo: one plan being written, reviewed and approved.

    ``head_number`` is the current version; ``last_number`` counts every
    version, conflict copies included; ``reviewed_number`` is the version at
    the last return or approval (what the reviewer last saw)."""

    __tablename__ = "drafts"
    __table_args__ = (CheckConstraint(f"state IN {_in(STATES)}", name="state"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    title: Mapped[str] = mapped_column(Text)
    state: Mapped[str] = mapped_column(String(16), default=DRAFT)
    head_number: Mapped[int] = mapped_column(Integer, default=1)
    last_number: Mapped[int] = mapped_column(Integer, default=1)
    reviewed_number: Mapped[int | None] = mapped_column(Integer, nullable=True)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    unit: Mapped[Unit] = relationship()
    created_by: Mapped[User] = relationship()
    versions: Mapped[list[DraftVersion]] = relationship(
        back_populates="draft", order_by="DraftVersion.number")
    state_changes: Mapped[list[StateChange]] = relationship(order_by="StateChange.id")
    comments: Mapped[list[Comment]] = relationship(order_by="Comment.id")
    approved_document: Mapped[ApprovedDocument | None] = relationship(back_populates="draft")
    issued_document: Mapped[IssuedDocument | None] = relationship(back_populates="draft")

    @property
    def state_label(self) -> str:
        # Issuing and recalling happen to the register entry, not the draft
        # (which stays approved and frozen): the label says what became of it.
        if self.state == APPROVED and self.issued_document is not None:
            return "đã thu hồi" if self.issued_document.recall is not None else "đã ban hành"
        return STATE_LABELS[self.state]

    @property
    def editable(self) -> bool:
        return self.state in EDITABLE

    def version(self, number: int | None) -> DraftVersion | None:
        """Version ``number``: from ``versions`` if they are loaded, else one
        row (a draft saved thousands of times must not load every plan to
        find its head)."""
        if not isinstance(number, int) or not 1 <= number <= MAX_ID:
            return None  # no row of ours (and the database driver would raise)
        session = object_session(self)
        if session is None or "versions" not in inspect(self).unloaded:
            return next((v for v in self.versions if v.number == number), None)
        # A number is one version for good: one the session holds is that version.
        for held in session.identity_map.values():
            loaded = held.__dict__  # as loaded: reading it never goes to the database
            if type(held) is DraftVersion and loaded.get("draft_id") == self.id and loaded.get("number") == number:
                return held
        return session.scalar(select(DraftVersion).where(DraftVersion.draft_id == self.id,
                                                         DraftVersion.number == number))

    @property
    def head(self) -> DraftVersion:
        return self.version(self.head_number)

    @property
    def reviewed(self) -> DraftVersion | None:
        return self.version(self.reviewed_number)

    @property
    def conflict_copies(self) -> list[DraftVersion]:
        return [v for v in self.versions if v.kind == CONFLICT_COPY]


class DraftVersion(Base):
    """One save of a draft, never changed afterwards: the plan as the Plan
    model validated it, who saved it, when, and the version it was based on.
    A ``conflict`` copy is a save that lost a race; it is kept, never head."""

    __tablename__ = "draft_versions"
    __table_args__ = (
        UniqueConstraint("draft_id", "number", name="uq_draft_versions_draft_number"),
        CheckConstraint(f"kind IN {_in((SAVE, CONFLICT_COPY))}", name="kind"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    draft_id: Mapped[int] = mapped_column(ForeignKey("drafts.id"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    based_on: Mapped[int | None] = mapped_column(Integer, nullable=True)
    kind: Mapped[str] = mapped_column(String(16), default=SAVE)
    plan: Mapped[dict] = mapped_column(JSON)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    draft: Mapped[Draft] = relationship(back_populates="versions")
    author: Mapped[User] = relationship(lazy="joined")


class StateChange(Base):
    """Who moved a draft from one state to another, when, at which version."""

    __tablename__ = "state_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    draft_id: Mapped[int] = mapped_column(ForeignKey("drafts.id"), index=True)
    from_state: Mapped[str] = mapped_column(String(16))
    to_state: Mapped[str] = mapped_column(String(16))
    version_number: Mapped[int] = mapped_column(Integer)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    comment: Mapped[str | None] = mapped_column(Text, nullable=True)

    user: Mapped[User] = relationship(lazy="joined")


class Comment(Base):
    """Ý kiến: a remark on a section (0-based index into ``plan["sections"]``)
    and optionally one of its paragraphs (index into the section's blocks)."""

    __tablename__ = "comments"

    id: Mapped[int] = mapped_column(primary_key=True)
    draft_id: Mapped[int] = mapped_column(ForeignKey("drafts.id"), index=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("draft_versions.id"))
    section: Mapped[int] = mapped_column(Integer)
    paragraph: Mapped[int | None] = mapped_column(Integer, nullable=True)
    text: Mapped[str] = mapped_column(Text)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    version: Mapped[DraftVersion] = relationship(lazy="joined")
    user: Mapped[User] = relationship(lazy="joined")


class ApprovedDocument(Base):
    """The approved version as issued: its .docx bytes and their SHA-256."""

    __tablename__ = "approved_documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    draft_id: Mapped[int] = mapped_column(ForeignKey("drafts.id"), unique=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("draft_versions.id"))
    docx: Mapped[bytes] = mapped_column(LargeBinary)
    sha256: Mapped[str] = mapped_column(String(64))
    approved_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    approved_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    draft: Mapped[Draft] = relationship(back_populates="approved_document")
    version: Mapped[DraftVersion] = relationship()
    approved_by: Mapped[User] = relationship()


class NumberingSeries(Base):
    """Dãy số: a numbering series the unit's head decided (Decree 30, Art.
    15), set by the unit's administrator: the document types (``type_keys``,
    keys of ``docgen.doctypes``) that take their numbers from it, or, when
    ``secret``, the secret documents (of those types; of every type when
    the list is empty). A type in no series numbers per symbol, as before."""

    __tablename__ = "numbering_series"
    __table_args__ = (UniqueConstraint("unit_id", "key", name="uq_numbering_series_unit_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    key: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(String(200))
    type_keys: Mapped[list] = mapped_column(JSON, default=list)
    secret: Mapped[bool] = mapped_column(Boolean, default=False)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


class RegisterCounter(Base):
    """The last number given in a unit's register for one symbol and year.

    Issuing increments it in the same transaction that writes the register
    entry, under a row lock (PostgreSQL) or the database's write lock
    (SQLite ``BEGIN IMMEDIATE``), so numbers are consecutive and a failed
    issue gives its number back."""

    __tablename__ = "register_counters"

    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), primary_key=True)
    symbol: Mapped[str] = mapped_column(String(64), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    last_number: Mapped[int] = mapped_column(Integer, default=0)


class IssuedDocument(Base):
    """Văn bản đi: one row of the unit's register (sổ đăng ký văn bản đi) and
    the issued .docx with its SHA-256; never changed afterwards. Numbers run
    per unit, series (by default the symbol, ký hiệu, e.g. KH-UBND; a unit
    may configure others, ``NumberingSeries``) and year (Decree 30, Điều 15),
    and the database refuses a number given twice in a series."""

    __tablename__ = "issued_documents"
    __table_args__ = (
        UniqueConstraint("unit_id", "series", "year", "number", name="uq_issued_documents_series_number"),
        Index("ix_issued_documents_unit_issued_on", "unit_id", "issued_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    draft_id: Mapped[int] = mapped_column(ForeignKey("drafts.id"), unique=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("draft_versions.id"))
    symbol: Mapped[str] = mapped_column(String(64))
    year: Mapped[int] = mapped_column(Integer)
    number: Mapped[int] = mapped_column(Integer)
    # The series the number was taken from (the counter's key: the symbol,
    # ``UBND-*``, or a unit's series ``#KEY``) and whether the document is
    # secret (độ mật): shown only to those with the right (secrecy.may_see_secret).
    series: Mapped[str] = mapped_column(String(64), default="", server_default="")
    secret: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    issued_on: Mapped[date] = mapped_column(Date)
    subject: Mapped[str] = mapped_column(Text)
    signer: Mapped[str] = mapped_column(String(200))
    recipients: Mapped[int] = mapped_column(Integer)
    plan: Mapped[dict] = mapped_column(JSON)  # as issued: number and date filled in
    docx: Mapped[bytes] = mapped_column(LargeBinary)
    sha256: Mapped[str] = mapped_column(String(64))
    issued_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    issued_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    # A corrected document names the recalled one it replaces.
    replaces_id: Mapped[int | None] = mapped_column(ForeignKey("issued_documents.id"),
                                                    nullable=True, unique=True)
    # Asked at the issue step (optional): the case file (hồ sơ, Appendix VI
    # 1.3) and the order in it (2, counted), copies issued (15), the reply
    # deadline (16; the plan's when not given), who keeps the file copy
    # (Appendix IV, column 6).
    file_notation: Mapped[str | None] = mapped_column(String(20), nullable=True)
    doc_ordinal: Mapped[int | None] = mapped_column(Integer, nullable=True)
    copies: Mapped[int | None] = mapped_column(Integer, nullable=True)
    reply_by: Mapped[date | None] = mapped_column(Date, nullable=True)
    keeper: Mapped[str | None] = mapped_column(String(200), nullable=True)

    unit: Mapped[Unit] = relationship()
    draft: Mapped[Draft] = relationship(back_populates="issued_document")
    version: Mapped[DraftVersion] = relationship()
    issued_by: Mapped[User] = relationship(lazy="joined")
    replaces: Mapped[IssuedDocument | None] = relationship(
        remote_side="IssuedDocument.id", foreign_keys=[replaces_id], back_populates="replaced_by")
    replaced_by: Mapped[IssuedDocument | None] = relationship(
        foreign_keys=[replaces_id], back_populates="replaces")
    recall: Mapped[Recall | None] = relationship(back_populates="document", lazy="joined")
    dispatch: Mapped[Dispatch | None] = relationship(back_populates="document", lazy="joined")
    pdfs: Mapped[list[IssuedPdf]] = relationship(back_populates="document", order_by="IssuedPdf.id")

    @property
    def number_text(self) -> str:
        """``05/KH-UBND``: numbers below 10 get a leading 0 (Decree 30)."""
        return number_text(self.number, self.symbol)

    @property
    def type_name(self) -> str:
        """The document's type, as the register names it (Appendix IV, column
        3: "Tên loại và trích yếu nội dung"): ``Công văn``."""
        return doctypes.of_data(self.plan).name

    def pdf(self, step: str) -> IssuedPdf | None:
        """The stored PDF of ``step`` (PDF_STEPS), None until that step is done."""
        return next((stored for stored in self.pdfs if stored.step == step), None)

    @property
    def signing_state(self) -> str:
        """Where the document is on its way out: the newest step done."""
        done = {stored.step for stored in self.pdfs}
        return next((step for step in reversed(PDF_STEPS) if step in done), ISSUED_PDF)

    @property
    def signing_label(self) -> str:
        """``đã cấp số``, ``lãnh đạo đã ký``, ``đã ký số cơ quan (đã phát hành)``."""
        return SIGNING_LABELS[self.signing_state]

    @property
    def sent(self) -> bool:
        """Đã phát hành: both signatures are on the PDF."""
        return self.pdf(SEALED_PDF) is not None


class Recall(Base):
    """Thu hồi: an issued document withdrawn, with the reason. It keeps its
    number; a corrected document is issued with a new one."""

    __tablename__ = "recalls"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("issued_documents.id"), unique=True)
    reason: Mapped[str] = mapped_column(Text)
    recalled_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    recalled_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    document: Mapped[IssuedDocument] = relationship(back_populates="recall")
    recalled_by: Mapped[User] = relationship(lazy="joined")


class Dispatch(Base):
    """Ngày chuyển and ký nhận (Decree 30, Appendix IV, columns 8 and 9): the
    văn thư marks the document sent, on paper to the person who signed for
    it (``receiver``), or electronically, when its edXML package was made
    (``electronic``; ``receiver`` then names the axis). Once per document,
    never changed afterwards."""

    __tablename__ = "dispatches"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("issued_documents.id"), unique=True)
    sent_on: Mapped[date] = mapped_column(Date)
    receiver: Mapped[str] = mapped_column(String(200))
    electronic: Mapped[bool] = mapped_column(Boolean, default=False)
    recorded_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    recorded_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    document: Mapped[IssuedDocument] = relationship(back_populates="dispatch")
    recorded_by: Mapped[User] = relationship(lazy="joined")


# The PDFs of an issued document, one per step, each kept for good: the PDF
# of the issued .docx, the same with the signer's signature, and with the
# organisation's signature added (an incremental update over the signer's).
ISSUED_PDF, SIGNED_PDF, SEALED_PDF = "issued", "signer", "organisation"
PDF_STEPS = (ISSUED_PDF, SIGNED_PDF, SEALED_PDF)
SIGNING_LABELS = {ISSUED_PDF: "đã cấp số", SIGNED_PDF: "lãnh đạo đã ký",
                  SEALED_PDF: "đã ký số cơ quan (đã phát hành)"}


class IssuedPdf(Base):
    """One PDF of an issued document at one step (``PDF_STEPS``), its
    SHA-256, who made it and when; never changed afterwards. A step is done
    once per document: the database refuses a second one."""

    __tablename__ = "issued_pdfs"
    __table_args__ = (
        UniqueConstraint("document_id", "step", name="uq_issued_pdfs_step"),
        CheckConstraint(f"step IN {_in(PDF_STEPS)}", name="step"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("issued_documents.id"), index=True)
    step: Mapped[str] = mapped_column(String(16))
    # Read when downloaded or signed, not when the register lists the steps.
    pdf: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    sha256: Mapped[str] = mapped_column(String(64))
    made_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    made_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    document: Mapped[IssuedDocument] = relationship(back_populates="pdfs")
    made_by: Mapped[User] = relationship(lazy="joined")


# How a user or a unit signs (docgen.storage.signing_methods): a USB token on
# the officer's computer (through docgen local-signer), a remote-signing
# provider (CSC API), an HSM on the server (PKCS#11), a PKCS#12 file (demo
# and tests only).
TOKEN, CSC, HSM, P12 = "token", "csc", "hsm", "p12"
METHODS = (TOKEN, CSC, HSM, P12)
METHOD_LABELS = {TOKEN: "thiết bị ký số (USB token) trên máy tính của người ký",
                 CSC: "ký số từ xa (xác nhận trên điện thoại)", HSM: "HSM trên máy chủ",
                 P12: "tệp PKCS#12 (chỉ để thử nghiệm)"}


class SigningSetting(Base):
    """The signing method of one user (their own signature) or one unit
    (the organisation's), with what identifies the certificate that may
    sign for them: its SHA-256 fingerprint or its subject's serial number
    (never the full name: two officers may share one). ``provider`` names
    a CSC provider or an HSM of the secrets file; ``credential`` is the
    provider's credential ID or the HSM key's label."""

    __tablename__ = "signing_settings"
    __table_args__ = (CheckConstraint(f"method IN {_in(METHODS)}", name="method"),
                      CheckConstraint("(user_id IS NULL) <> (unit_id IS NULL)", name="owner"))

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), unique=True, nullable=True)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), unique=True, nullable=True)
    method: Mapped[str] = mapped_column(String(16))
    provider: Mapped[str | None] = mapped_column(String(64), nullable=True)
    credential: Mapped[str | None] = mapped_column(String(200), nullable=True)
    cert_sha256: Mapped[str | None] = mapped_column(String(64), nullable=True)
    cert_serial: Mapped[str | None] = mapped_column(String(128), nullable=True)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    user: Mapped[User | None] = relationship(lazy="joined")
    unit: Mapped[Unit | None] = relationship(lazy="joined")

    @property
    def method_label(self) -> str:
        return METHOD_LABELS[self.method]


class SigningRequest(Base):
    """A signature under way: the prepared PDF (docgen.signing.two_step)
    waiting for the signature from the officer's token or for the
    officer's confirmation at the remote-signing provider (``reference``:
    its response ID), until ``expires_at``. Nothing is stored as signed
    until it is finished and verified."""

    __tablename__ = "signing_requests"
    __table_args__ = (CheckConstraint(f"step IN {_in(PDF_STEPS)}", name="step"),)

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("issued_documents.id"), index=True)
    step: Mapped[str] = mapped_column(String(16))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    method: Mapped[str] = mapped_column(String(16))
    prepared: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    reference: Mapped[str | None] = mapped_column(String(200), nullable=True)
    state: Mapped[str] = mapped_column(String(16), default="waiting")
    message: Mapped[str | None] = mapped_column(Text, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(DateTime)


class ApiSystem(Base):
    """An e-office system allowed to pull one unit's issued documents
    (``docgen.storage.eoffice``): its token's SHA-256 (the token is shown
    once), and optionally the address it wants events posted to, with the
    secret the posts are signed with (HMAC-SHA256)."""

    __tablename__ = "api_systems"
    __table_args__ = (UniqueConstraint("unit_id", "name", name="uq_api_systems_unit_name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    name: Mapped[str] = mapped_column(String(64))
    token_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    webhook_url: Mapped[str | None] = mapped_column(String(500), nullable=True)
    webhook_secret: Mapped[str | None] = mapped_column(String(64), nullable=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    unit: Mapped[Unit] = relationship(lazy="joined")


class WebhookDelivery(Base):
    """One event (issue, recall, replace) to post to one system: its JSON
    body, the attempts made, when to try next (None: delivered or given
    up), the last error."""

    __tablename__ = "webhook_deliveries"
    __table_args__ = (Index("ix_webhook_deliveries_due", "delivered_at", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    system_id: Mapped[int] = mapped_column(ForeignKey("api_systems.id"), index=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("issued_documents.id"))
    event: Mapped[str] = mapped_column(String(16))
    payload: Mapped[str] = mapped_column(Text)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    delivered_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    last_error: Mapped[str | None] = mapped_column(Text, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    system: Mapped[ApiSystem] = relationship(lazy="joined")


class LoginAttempt(Base):
    """One password login, for rate limiting per username and address, and
    per address (the ceiling on failures from one address)."""

    __tablename__ = "login_attempts"
    __table_args__ = (Index("ix_login_attempts_username", "username", "ip", "at"),
                      Index("ix_login_attempts_ip", "ip", "at"))

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64))
    ip: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    succeeded: Mapped[bool] = mapped_column(Boolean)


class AuditEvent(Base):
    """Nhật ký: who did what to which draft/version, when, from where."""

    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    username: Mapped[str | None] = mapped_column(String(64), nullable=True)
    action: Mapped[str] = mapped_column(String(32))
    draft_id: Mapped[int | None] = mapped_column(ForeignKey("drafts.id"), nullable=True, index=True)
    version_number: Mapped[int | None] = mapped_column(Integer, nullable=True)
    ip: Mapped[str | None] = mapped_column(String(64), nullable=True)
    detail: Mapped[str | None] = mapped_column(Text, nullable=True)


class ImmutableError(Exception):
    """A stored version or approved document was about to change."""


def _refuse_change(_mapper, _connection, target) -> None:
    session = object_session(target)
    if session is not None and not session.is_modified(target, include_collections=False) \
            and target not in session.deleted:
        return  # flushed as "dirty" only because a relationship touched it
    raise ImmutableError(f"{type(target).__name__} {target.id} cannot be changed or deleted")


# The database refuses too (triggers in the first migration); the ORM refuses
# first, with a clear error, before anything reaches it.
for _model in (DraftVersion, ApprovedDocument, IssuedDocument, Recall, IssuedPdf, Dispatch):
    event.listen(_model, "before_update", _refuse_change)
    event.listen(_model, "before_delete", _refuse_change)
