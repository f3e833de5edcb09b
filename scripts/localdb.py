"""Start, stop and locate the project-local PostgreSQL cluster in .pgdata/.

Used by the Makefile when DATABASE_URL is unset. The cluster listens on a Unix
socket inside its own data folder and on no TCP port, so it never collides
with another server on the machine. Standard library only: it runs before the
virtualenv exists.

When run as root the server runs as the `postgres` OS user (initdb refuses
root). If that user cannot reach the project folder (a clone under /root or a
mktemp folder), the data folder lives under /var/tmp and .pgdata is a symlink
to it, so the settings find the socket at the same path either way.
"""

import glob
import hashlib
import os
import pwd
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

PROJECT_DIR = Path(__file__).resolve().parent.parent
PGDATA = PROJECT_DIR / ".pgdata"
DB_NAME = DB_USER = "oimhaiti"
# Unix socket paths are limited to 107 bytes; keep room for "/.s.PGSQL.5432".
MAX_SOCKET_DIR_LENGTH = 90


def fail(message):
    print(f"localdb: {message}", file=sys.stderr)
    sys.exit(1)


def find_bin_dir():
    on_path = shutil.which("pg_ctl")
    if on_path and shutil.which("initdb"):
        # Resolve symlinks: psql and createdb sit beside the real pg_ctl.
        return Path(on_path).resolve().parent

    def version(path):
        match = re.search(r"/postgresql/(\d+)", path)
        return int(match.group(1)) if match else 0

    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=version, reverse=True)
    for candidate in candidates:
        if (Path(candidate) / "pg_ctl").exists() and (Path(candidate) / "initdb").exists():
            return Path(candidate)
    fail(
        "no PostgreSQL server binaries found (pg_ctl, initdb). Install them "
        "(Debian/Ubuntu: apt-get install postgresql) or set DATABASE_URL to an existing server."
    )


def server_user():
    """The OS user that runs the server: ourselves, or `postgres` when we are root."""
    if os.geteuid() != 0:
        return None
    try:
        return pwd.getpwnam("postgres")
    except KeyError:
        fail("running as root needs a 'postgres' OS user to run the server (initdb refuses root).")


def run_as(user, args, **kwargs):
    if user is not None:
        args = ["runuser", "-u", user.pw_name, "--", *args]
    # cwd="/": the server user may not be allowed into the current folder.
    return subprocess.run([str(a) for a in args], cwd="/", **kwargs)


def can_use_project_folder(user):
    if len(str(PGDATA)) > MAX_SOCKET_DIR_LENGTH:
        return False
    if user is None:
        return True
    return run_as(user, ["test", "-x", PROJECT_DIR]).returncode == 0


def ensure_data_dir(user):
    """Return the real data folder, creating it (and the .pgdata link) if needed."""
    if PGDATA.is_symlink() or PGDATA.exists():
        return PGDATA.resolve()
    if can_use_project_folder(user):
        data_dir = PGDATA
    else:
        digest = hashlib.sha1(str(PROJECT_DIR).encode()).hexdigest()[:12]
        data_dir = Path("/var/tmp") / f"oimhaiti-pgdata-{digest}"
        PGDATA.symlink_to(data_dir)
    data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    if user is not None:
        os.chown(data_dir, user.pw_uid, user.pw_gid)
    return data_dir


def is_initialised(data_dir):
    return (data_dir / "PG_VERSION").exists()


def initdb(bin_dir, user, data_dir):
    print(f"localdb: creating a PostgreSQL cluster in {PGDATA}", flush=True)
    result = run_as(
        user,
        [
            bin_dir / "initdb",
            "--pgdata",
            data_dir,
            "--username",
            DB_USER,
            "--auth",
            "trust",
            "--encoding",
            "UTF8",
            "--locale",
            "C.UTF-8",
        ],
        stdout=subprocess.DEVNULL,
    )
    if result.returncode != 0:
        fail("initdb failed (see the messages above).")
    settings = (
        "\n# Project-local cluster: Unix socket in the data folder, no TCP.\n"
        "listen_addresses = ''\n"
        f"unix_socket_directories = '{data_dir}'\n"
        "fsync = off\n"
        "synchronous_commit = off\n"
        "full_page_writes = off\n"
    )
    with open(data_dir / "postgresql.conf", "a") as conf:
        conf.write(settings)


def is_running(bin_dir, user, data_dir):
    result = run_as(user, [bin_dir / "pg_ctl", "status", "-D", data_dir], capture_output=True)
    return result.returncode == 0


def start():
    bin_dir = find_bin_dir()
    user = server_user()
    data_dir = ensure_data_dir(user)
    if not is_initialised(data_dir):
        initdb(bin_dir, user, data_dir)
    if not is_running(bin_dir, user, data_dir):
        log = data_dir / "server.log"
        result = run_as(
            user, [bin_dir / "pg_ctl", "start", "-w", "-D", data_dir, "-l", log], stdout=subprocess.DEVNULL
        )
        if result.returncode != 0:
            fail(f"the server did not start; see {log}")
    ensure_database(bin_dir, user, data_dir)


def ensure_database(bin_dir, user, data_dir):
    query = f"SELECT 1 FROM pg_database WHERE datname = '{DB_NAME}'"
    psql = [bin_dir / "psql", "-h", data_dir, "-U", DB_USER, "-d", "postgres", "-tAc"]
    found = run_as(user, [*psql, query], capture_output=True, text=True)
    if found.returncode != 0:
        fail(f"cannot query the local server: {found.stderr.strip()}")
    if found.stdout.strip() != "1":
        run_as(user, [bin_dir / "createdb", "-h", data_dir, "-U", DB_USER, DB_NAME], check=True)


def stop():
    if not (PGDATA.is_symlink() or PGDATA.exists()):
        return
    bin_dir = find_bin_dir()
    user = server_user()
    data_dir = PGDATA.resolve()
    if is_initialised(data_dir) and is_running(bin_dir, user, data_dir):
        run_as(user, [bin_dir / "pg_ctl", "stop", "-w", "-m", "fast", "-D", data_dir], check=True)


def url():
    """DATABASE_URL of the local cluster, for the production-like `make serve`, backups, load tests."""
    return f"postgres://{DB_USER}@{quote(str(PGDATA), safe='')}/{DB_NAME}"


def print_url():
    print(url())


COMMANDS = {"start": start, "stop": stop, "url": print_url}

if __name__ == "__main__":
    if len(sys.argv) != 2 or sys.argv[1] not in COMMANDS:
        fail(f"usage: {sys.argv[0]} {{{'|'.join(COMMANDS)}}}")
    COMMANDS[sys.argv[1]]()
