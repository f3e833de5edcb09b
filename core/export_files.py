"""Large downloads drawn from the content (the project exports), built once per state of it.

The first request after a change writes the file, gzip-compressed, under
settings.EXPORT_FILES_DIR; it and the next requests, until the content changes or a record
scheduled for later comes online, are served from that file: compressed as it is to a client
that accepts gzip (browsers, curl --compressed, Python's requests), decompressed on the fly
otherwise. Generating the whole catalogue costs seconds at 10 000 projects; reading the stored
file costs milliseconds.

The file is built before the response starts, at the database's pace, whatever the pace of the
client that asked for it; requests for the same file meanwhile wait for it (flock) rather than
build it again. It is written to a temporary name and renamed once complete, so no reader ever
sees half a file. A directory that cannot be written (read-only, full) costs the speed-up, never
the download: the export is then streamed as it is generated.
"""

import contextlib
import fcntl
import gzip
import hashlib
import logging
import os
import re
import time
import uuid
from pathlib import Path

from django.conf import settings
from django.http import FileResponse, StreamingHttpResponse
from django.utils.cache import patch_vary_headers
from django.utils.http import content_disposition_header, quote_etag
from django.utils.translation import get_language

from core.cache import content_etag, content_state

logger = logging.getLogger(__name__)

SUFFIX = ".gz"
READ_SIZE = 64 * 1024
# Filter combinations each make a file; past this many, the least recently built go.
MAX_FILES = 200
# A temporary or lock file this old belongs to a process that died while writing it.
ABANDONED_AFTER_SECONDS = 3600
# While one request builds a file, the others wait for it, but not forever.
LOCK_WAIT_SECONDS = 30
LOCK_POLL_SECONDS = 0.05
# "gzip" in Accept-Encoding, unless its quality is zero ("gzip;q=0" refuses it).
ACCEPTS_GZIP = re.compile(r"(?:^|,)\s*gzip\s*(?:;\s*q\s*=\s*(?P<q>[0-9.]+))?\s*(?:,|$)", re.IGNORECASE)


def accepts_gzip(request):
    match = ACCEPTS_GZIP.search(request.headers.get("Accept-Encoding", ""))
    if match is None:
        return False
    try:
        return match["q"] is None or float(match["q"]) > 0
    except ValueError:
        return False


def _stamp():
    return hashlib.sha256(content_state().encode()).hexdigest()[:16]


def stored_path(name, parts):
    """Where the file for these parts of the request is kept while the content is unchanged."""
    raw = "|".join([get_language() or "", name, *map(str, parts)])
    digest = hashlib.sha256(raw.encode()).hexdigest()[:32]
    return Path(settings.EXPORT_FILES_DIR) / f"{_stamp()}-{name}-{digest}{SUFFIX}"


# Folders found unusable, said once per process rather than on every download.
_unusable_folders = set()


def _as_bytes(chunk):
    return chunk.encode() if isinstance(chunk, str) else chunk


class _Decompressed:
    """The stored file read back decompressed, closed when the response ends, read or not."""

    def __init__(self, stored):
        self.stored = stored

    def __iter__(self):
        with gzip.GzipFile(fileobj=self.stored, mode="rb") as decompressed:
            while data := decompressed.read(READ_SIZE):
                yield data

    def close(self):
        self.stored.close()


def _build(generate, path):
    """Writes the export to `path`; False when the disk refused (nothing is left behind then)."""
    temporary = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    try:
        with gzip.open(temporary, "wb", compresslevel=6) as output:
            for chunk in generate():
                output.write(_as_bytes(chunk))
        os.replace(temporary, path)
    except OSError as error:
        logger.warning("Export not stored (%s): %s", path.parent, error)
        return False
    finally:
        temporary.unlink(missing_ok=True)
    with contextlib.suppress(OSError):
        _prune(path)
    return True


def _build_once(generate, path):
    """The stored file, built by this request unless another one is building it: then it waits."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        lock = open(path.with_name(f".{path.name}.lock"), "a")  # noqa: SIM115 - closed below
    except OSError as error:
        if path.parent not in _unusable_folders:
            _unusable_folders.add(path.parent)
            logger.warning("Export directory unusable (%s): %s", path.parent, error)
        return None
    with lock:  # closing it gives the lock back
        deadline = time.monotonic() + LOCK_WAIT_SECONDS
        while True:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    break  # build it too, rather than wait on
                time.sleep(LOCK_POLL_SECONDS)
        stored = _open_stored(path)  # built meanwhile by the request that held the lock
        if stored is None and _build(generate, path):
            stored = _open_stored(path)
    return stored


def _prune(kept):
    """Removes files of earlier content states, abandoned temporary and lock files, and the
    oldest files past MAX_FILES. A reader that has a removed file open keeps reading it (POSIX)."""
    stamp, kept_time, now = kept.name.split("-", 1)[0], kept.stat().st_mtime, time.time()
    current = []
    for path in kept.parent.iterdir():
        try:
            modified = path.stat().st_mtime
            if path.name.endswith((".tmp", ".lock")):
                if now - modified > ABANDONED_AFTER_SECONDS:
                    path.unlink(missing_ok=True)
            elif path.suffix == SUFFIX and not path.name.startswith(stamp):
                # Only older states: a process still on an earlier one must not remove newer files.
                if modified <= kept_time:
                    path.unlink(missing_ok=True)
            elif path.suffix == SUFFIX:
                current.append((modified, path))
        except FileNotFoundError:
            continue  # removed meanwhile by another process
    current.sort()
    for _, path in current[: max(0, len(current) - MAX_FILES)]:
        path.unlink(missing_ok=True)


def _open_stored(path):
    try:
        return open(path, "rb")
    except OSError:  # not built yet, or a directory that cannot be used
        return None


def stored_download(request, *, name, parts, generate, content_type, filename, as_attachment=False):
    """The response for a download that depends on the content and on `parts` of the request only.

    `generate()` gives the body as an iterable of str or bytes chunks; it is called only when no
    stored file exists for the current state of the content.
    """
    path = stored_path(name, parts)
    stored = _open_stored(path) or _build_once(generate, path)
    if stored is None:
        response = StreamingHttpResponse(map(_as_bytes, generate()), content_type=content_type)
    elif accepts_gzip(request):
        response = FileResponse(stored, content_type=content_type)
        response["Content-Encoding"] = "gzip"
        # The compressed bytes are another representation of the same content: a weak ETag,
        # as Django's GZipMiddleware gives (a revalidation still gets its 304).
        response["ETag"] = "W/" + quote_etag(content_etag(request))
    else:
        response = StreamingHttpResponse(_Decompressed(stored), content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(as_attachment, filename)
    patch_vary_headers(response, ["Accept-Encoding"])
    return response
