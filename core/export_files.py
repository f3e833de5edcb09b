"""Large downloads drawn from the content (the project exports), built once per content version.

The first request after a change streams the file as it is generated and, at the same time,
writes it gzip-compressed under settings.EXPORT_FILES_DIR. The next requests, until the content
changes, are served from that file: compressed as it is to a client that accepts gzip (browsers,
curl --compressed, Python's requests), decompressed on the fly otherwise. Generating the whole
catalogue costs seconds at 10 000 projects; reading the stored file costs milliseconds.

A file is named after the content version (core.cache), so a change makes every stored file
stale at once, on every server. A download cut short leaves no file: the data is written to a
temporary name and renamed only once complete. While one request builds a file, the others for
the same file wait for it (flock) instead of building it again.
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
from django.utils.http import quote_etag
from django.utils.translation import get_language

from core.cache import content_etag, content_version, publication_period

logger = logging.getLogger(__name__)

SUFFIX = ".gz"
READ_SIZE = 64 * 1024
# Filter combinations each make a file; past this many, the least recently built go.
MAX_FILES = 200
# A temporary or lock file this old belongs to a process that died while writing it.
ABANDONED_AFTER_SECONDS = 3600
# While one request builds a file, the others wait for it rather than build it too (seconds at
# 10 000 projects), but not behind a client that downloads slowly for longer than this.
LOCK_WAIT_SECONDS = 15
LOCK_POLL_SECONDS = 0.05
ACCEPTS_GZIP = re.compile(r"\bgzip\b")


def _stamp():
    """The content's state: its version and the publication period (see content_etag)."""
    raw = f"{content_version()}|{publication_period()}"
    return hashlib.sha256(raw.encode()).hexdigest()[:16]


def stored_path(name, parts):
    """Where the file for these parts of the request is kept while the content is unchanged."""
    raw = "|".join([get_language() or "", name, *map(str, parts)])
    digest = hashlib.sha256(raw.encode()).hexdigest()[:32]
    return Path(settings.EXPORT_FILES_DIR) / f"{_stamp()}-{name}-{digest}{SUFFIX}"


def _as_bytes(chunk):
    return chunk.encode() if isinstance(chunk, str) else chunk


def _read_decompressed(stored):
    with stored, gzip.GzipFile(fileobj=stored, mode="rb") as decompressed:
        while data := decompressed.read(READ_SIZE):
            yield data


def _stream_and_store(chunks, path):
    """Yields the chunks as bytes while writing them compressed; the file appears only if complete."""
    temporary = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    try:
        output = gzip.open(temporary, "wb", compresslevel=6)  # noqa: SIM115 - closed by the `with` below
    except OSError as error:
        # A read-only or full disk costs the speed-up, never the download.
        logger.warning("Export not stored (%s): %s", path.parent, error)
        yield from map(_as_bytes, chunks)
        return
    complete = False
    try:
        with output:
            for chunk in chunks:
                data = _as_bytes(chunk)
                output.write(data)
                yield data
        os.replace(temporary, path)
        complete = True
        _prune(path)
    finally:
        if not complete:
            temporary.unlink(missing_ok=True)


def _open_lock(path):
    try:
        return open(path.with_name(f".{path.name}.lock"), "a")
    except OSError:
        return None


def _wait_while_building(path):
    """Returns once no request is building `path`, or after LOCK_WAIT_SECONDS."""
    lock = _open_lock(path)
    if lock is None:
        return
    deadline = time.monotonic() + LOCK_WAIT_SECONDS
    with lock:  # closing it releases the lock at once: the file is read, not built, here
        while True:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return
            except BlockingIOError:
                if time.monotonic() > deadline:
                    return
                time.sleep(LOCK_POLL_SECONDS)


class _StoringStream:
    """The body of a response that builds its file, holding the build lock while it is read.

    Taken at the first chunk, so a response never read (a HEAD request) holds nothing; given back
    at the end, or by close(), which the server calls when a client goes away midway.
    """

    def __init__(self, chunks, path):
        self.chunks, self.path, self.lock = chunks, path, None

    def __iter__(self):
        self.lock = _open_lock(self.path)
        if self.lock is not None:
            # If another request began it meanwhile, both build it: the last one renamed wins.
            with contextlib.suppress(BlockingIOError):
                fcntl.flock(self.lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        try:
            yield from _stream_and_store(self.chunks, self.path)
        finally:
            self.close()

    def close(self):
        if self.lock is not None:
            self.lock.close()
            self.lock = None


def _prune(kept):
    """Removes the files of earlier content versions, abandoned temporary files, and the oldest
    files past MAX_FILES. A reader that has a removed file open keeps reading it (POSIX)."""
    current, now = [], time.time()
    for path in kept.parent.iterdir():
        try:
            if path.name.endswith((".tmp", ".lock")):
                if now - path.stat().st_mtime > ABANDONED_AFTER_SECONDS:
                    path.unlink(missing_ok=True)
            elif path.suffix == SUFFIX and not path.name.startswith(kept.name.split("-", 1)[0]):
                path.unlink(missing_ok=True)
            elif path.suffix == SUFFIX:
                current.append((path.stat().st_mtime, path))
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
    stored file exists for the current content.
    """
    path = stored_path(name, parts)
    stored = _open_stored(path)
    if stored is None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            logger.warning("Export directory unusable (%s): %s", path.parent, error)
        _wait_while_building(path)
        stored = _open_stored(path)  # built meanwhile by the request that was building it
    if stored is None:
        response = StreamingHttpResponse(_StoringStream(generate(), path), content_type=content_type)
    elif ACCEPTS_GZIP.search(request.headers.get("Accept-Encoding", "")):
        response = FileResponse(stored, content_type=content_type)
        response["Content-Encoding"] = "gzip"
        # The compressed bytes are another representation of the same content: a weak ETag,
        # as Django's GZipMiddleware gives (a revalidation still gets its 304).
        response["ETag"] = "W/" + quote_etag(content_etag(request))
    else:
        response = StreamingHttpResponse(_read_decompressed(stored), content_type=content_type)
    disposition = "attachment" if as_attachment else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    patch_vary_headers(response, ["Accept-Encoding"])
    return response
