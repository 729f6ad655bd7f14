"""``docgen db upgrade`` and ``docgen users add|list`` on both databases."""

from __future__ import annotations

from click.testing import CliRunner
from sqlalchemy import inspect

from docgen.cli import main
from docgen.storage import db
from docgen.storage.users import authenticate


def test_db_upgrade_then_users_add_and_list(empty_url):
    runner = CliRunner()
    env = {"DATABASE_URL": empty_url}
    result = runner.invoke(main, ["db", "upgrade"], env=env)
    assert result.exit_code == 0, result.output
    assert "lược đồ ở phiên bản 0001" in result.output
    engine = db.make_engine(empty_url)
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
