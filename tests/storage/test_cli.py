"""``docgen db upgrade`` and ``docgen users add|list|passwd|deactivate|activate``
on both databases."""

from __future__ import annotations

import pytest
from alembic.script import ScriptDirectory
from click.testing import CliRunner
from sqlalchemy import inspect

from docgen.cli import main
from docgen.storage import db
from docgen.storage.errors import LoginError
from docgen.storage.models import User
from docgen.storage.users import authenticate, create_user

PASSWORD = "mat-khau-du-dai"


def test_db_upgrade_then_users_add_and_list(empty_url):
    runner = CliRunner()
    env = {"DATABASE_URL": empty_url}
    result = runner.invoke(main, ["db", "upgrade"], env=env)
    assert result.exit_code == 0, result.output
    engine = db.make_engine(empty_url)
    head = ScriptDirectory.from_config(db.alembic_config(engine)).get_current_head()
    assert f"lược đồ ở phiên bản {head}" in result.output
    assert "draft_versions" in inspect(engine).get_table_names()

    result = runner.invoke(main, ["users", "add", "an", "--name", "Nguyễn Văn An", "--role", "drafter",
                                  "--unit", "UBND xã Lộc Tấn", "--password-stdin"],
                           input="mat-khau-cua-an\n", env=env)
    assert result.exit_code == 0, result.output
    assert result.output == "an: Nguyễn Văn An, chuyên viên, UBND xã Lộc Tấn\n"
    result = runner.invoke(main, ["users", "add", "chau", "--name", "Lê Minh Châu", "--role", "signer",
                                  "--unit", "UBND xã Lộc Tấn", "--database-url", empty_url],
                           input="mat-khau-cua-chau\nmat-khau-cua-chau\n")
    assert result.exit_code == 0, result.output
    assert "mat-khau" not in result.output

    result = runner.invoke(main, ["users", "list"], env=env)
    assert result.output.splitlines() == [
        "UBND xã Lộc Tấn\tan\tNguyễn Văn An\tchuyên viên",
        "UBND xã Lộc Tấn\tchau\tLê Minh Châu\tlãnh đạo",
    ]
    with db.make_sessionmaker(engine)() as session:
        assert authenticate(session, "chau", "mat-khau-cua-chau", "127.0.0.1").role == "signer"
    engine.dispose()


def test_users_add_refuses_a_taken_name_with_exit_2(engine):
    url = engine.url.render_as_string(hide_password=False)
    runner = CliRunner()
    args = ["users", "add", "an", "--name", "An", "--role", "admin", "--unit", "UBND xã Lộc Tấn",
            "--password-stdin", "--database-url", url]
    assert runner.invoke(main, args, input="mat-khau-du-dai\n").exit_code == 0
    result = runner.invoke(main, args, input="mat-khau-du-dai\n")
    assert result.exit_code == 2
    assert "an: Tên đăng nhập “an” đã có người dùng." in result.output


def test_users_on_a_database_never_migrated(empty_url):
    """SQLite is migrated on first use; PostgreSQL gets one Vietnamese line
    saying to run `docgen db upgrade`, never a traceback."""
    runner = CliRunner()
    env = {"DATABASE_URL": empty_url}
    result = runner.invoke(main, ["users", "add", "an", "--name", "Nguyễn Văn An", "--role", "drafter",
                                  "--unit", "UBND xã Lộc Tấn", "--password-stdin"],
                           input="mat-khau-cua-an\n", env=env)
    if empty_url.startswith("sqlite"):
        assert result.exit_code == 0, result.output
        assert result.output == "an: Nguyễn Văn An, chuyên viên, UBND xã Lộc Tấn\n"
    else:
        assert result.exit_code == 2
        assert result.exception is None or isinstance(result.exception, SystemExit)
        lines = result.output.strip().splitlines()
        assert len(lines) == 1, result.output
        assert "chưa có bảng nào" in lines[0] and "docgen db upgrade" in lines[0]
        assert "Traceback" not in result.output
        result = runner.invoke(main, ["users", "list"], env=env)
        assert result.exit_code == 2 and "docgen db upgrade" in result.output


def _session_version(engine, username: str) -> tuple[int, bool]:
    with db.make_sessionmaker(engine)() as session:
        user = session.query(User).filter_by(username=username).one()
        return user.session_version, user.active


def test_users_passwd_changes_the_password_and_ends_sessions(engine):
    url = engine.url.render_as_string(hide_password=False)
    with db.make_sessionmaker(engine)() as session:
        create_user(session, "an", "Nguyễn Văn An", "drafter", "UBND xã Lộc Tấn", PASSWORD)
    before, _ = _session_version(engine, "an")
    runner = CliRunner()
    result = runner.invoke(main, ["users", "passwd", "AN", "--database-url", url],
                           input="mat-khau-moi-cua-an\nmat-khau-moi-cua-an\n")
    assert result.exit_code == 0, result.output
    assert "an: đã đổi mật khẩu; mọi phiên đăng nhập đã kết thúc." in result.output
    assert "mat-khau-moi" not in result.output
    assert _session_version(engine, "an") == (before + 1, True)
    with db.make_sessionmaker(engine)() as session:
        assert authenticate(session, "an", "mat-khau-moi-cua-an", "10.0.0.1").username == "an"
        with pytest.raises(LoginError):
            authenticate(session, "an", PASSWORD, "10.0.0.1")
    result = runner.invoke(main, ["users", "passwd", "an", "--password-stdin", "--database-url", url],
                           input="ngan\n")
    assert result.exit_code == 2 and "an: Mật khẩu cần ít nhất 8 ký tự." in result.output
    assert _session_version(engine, "an") == (before + 1, True)
    result = runner.invoke(main, ["users", "passwd", "khong-co", "--password-stdin",
                                  "--database-url", url], input="mat-khau-du-dai\n")
    assert result.exit_code == 2
    assert "khong-co: không có tài khoản này" in result.output


def test_users_deactivate_and_activate(engine):
    url = engine.url.render_as_string(hide_password=False)
    with db.make_sessionmaker(engine)() as session:
        create_user(session, "an", "Nguyễn Văn An", "drafter", "UBND xã Lộc Tấn", PASSWORD)
    before, _ = _session_version(engine, "an")
    runner = CliRunner()
    result = runner.invoke(main, ["users", "deactivate", "an", "--database-url", url])
    assert result.exit_code == 0, result.output
    assert result.output == "an: đã khóa tài khoản; mọi phiên đăng nhập đã kết thúc.\n"
    assert _session_version(engine, "an") == (before + 1, False)
    assert "(đã khóa)" in runner.invoke(main, ["users", "list", "--database-url", url]).output
    with db.make_sessionmaker(engine)() as session:
        with pytest.raises(LoginError):
            authenticate(session, "an", PASSWORD, "10.0.0.1")
    result = runner.invoke(main, ["users", "activate", "an", "--database-url", url])
    assert result.exit_code == 0 and result.output == "an: đã mở lại tài khoản.\n"
    with db.make_sessionmaker(engine)() as session:
        assert authenticate(session, "an", PASSWORD, "10.0.0.1").active
    assert runner.invoke(main, ["users", "deactivate", "ai-do", "--database-url", url]).exit_code == 2
