#!/usr/bin/env bash
# Set up, then start the web application for clerks with the sample plans
# loaded, on http://127.0.0.1:${PORT:-8000}/ (waitress, a production server),
# from the checkout's own environment (.venv, made by scripts/setup.sh).
# The session key is kept in instance/secret-key (made on the first run)
# unless DOCGEN_SECRET_KEY is set; the SQLite database is instance/docgen.sqlite3
# unless DATABASE_URL is set.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
venv="$PWD/.venv/bin"
mkdir -p instance
if [ -z "${DOCGEN_SECRET_KEY:-}" ]; then
  if [ ! -s instance/secret-key ]; then
    (umask 077; "$venv/python" -c 'import secrets; print(secrets.token_hex(32))' > instance/secret-key)
  fi
  DOCGEN_SECRET_KEY="$(cat instance/secret-key)"
  export DOCGEN_SECRET_KEY
fi
# Digital signatures for the demo: a throwaway test CA in instance/signing
# unless DOCGEN_SIGNING_SECRETS names real certificates (docs/operator.md, "Signing setup").
if [ -z "${DOCGEN_SIGNING_SECRETS:-}" ]; then
  if [ ! -s instance/signing/signing.toml ]; then
    (umask 077; "$venv/python" scripts/make-test-ca.py instance/signing > /dev/null)
  fi
  export DOCGEN_SIGNING_SECRETS="$PWD/instance/signing/signing.toml"
fi
host="${HOST:-127.0.0.1}"
port="${PORT:-8000}"
# Plain HTTP on this machine only: the session cookie cannot be "Secure".
# Anywhere else, serve through HTTPS (docs/operator.md, "Production").
if [ "$host" = "127.0.0.1" ] || [ "$host" = "localhost" ]; then
  export DOCGEN_INSECURE_COOKIES="${DOCGEN_INSECURE_COOKIES:-1}"
fi
"$venv/docgen" db upgrade
shown_host="$host"; [ "$host" = "0.0.0.0" ] && shown_host="127.0.0.1"
cat <<MSG

docgen chạy tại http://$shown_host:$port/  (Ctrl+C để dừng)
Trình soạn thảo dùng được ngay, không cần đăng nhập. Để lưu dự thảo, trình ký, duyệt
và ban hành, hãy tạo tài khoản (mỗi lệnh hỏi mật khẩu hai lần), ví dụ:

  .venv/bin/docgen users add an --name "Nguyễn Văn An" --role drafter --unit "UBND xã Lộc Tấn"
  .venv/bin/docgen users add chau --name "Lê Minh Châu" --role signer --unit "UBND xã Lộc Tấn"
  .venv/bin/docgen users add vy --name "Trần Thị Vy" --role registrar --unit "UBND xã Lộc Tấn"
  .venv/bin/docgen users add admin --name "Quản trị" --role admin --unit "UBND xã Lộc Tấn"

Ký số thử nghiệm: tài khoản lãnh đạo và đơn vị mới được cấp chứng thư số của CA thử nghiệm
(instance/signing); tài khoản có từ trước: .venv/bin/docgen signing demo-identity TÊN_ĐĂNG_NHẬP

MSG
exec "$venv/docgen" serve --host "$host" --port "$port"
