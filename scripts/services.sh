#!/usr/bin/env bash
# The database servers the vault contract tests run against: redis-server and PostgreSQL, from the
# Debian packages. Only the binaries are installed; the tests start their own throw-away instances on
# 127.0.0.1 in a temporary folder (tests/vault_servers.py), so no system service is started or used.
set -euo pipefail
need=()
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || need+=(postgresql)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    SUDO=(sudo -n)
  else
    echo "services.sh: ${need[*]} missing and not root: install them (apt-get install ${need[*]})," \
      "or the Redis/PostgreSQL vault tests fail in CI and are skipped locally" >&2
    exit 0
  fi
else
  SUDO=()
fi
export DEBIAN_FRONTEND=noninteractive
apt_install() { "${SUDO[@]}" apt-get -o DPkg::Lock::Timeout=600 install -y --no-install-recommends "${need[@]}"; }
apt_install || { "${SUDO[@]}" apt-get -o DPkg::Lock::Timeout=600 update && apt_install; }
