"""The exports are built once per state of the content, kept compressed, and served from there."""

import errno
import fcntl
import gzip
import json
import logging
import threading
import time
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core import export_files
from core.export_files import stored_download, stored_path
from projects.models import Project, ProjectStatus
from tests.factories import make_project

pytestmark = pytest.mark.django_db

EXPORTS = ["/projets/export.csv", "/projets/export.json", "/projets/iati.xml"]


def body(response):
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def stored_files(directory):
    return sorted(path.name for path in directory.glob("*.gz")) if directory.exists() else []


def json_titles(response):
    return [record["title"] for record in json.loads(body(response))["projects"]]


@pytest.fixture
def catalogue():
    return [
        make_project(
            title="Abris d'urgence", status=ProjectStatus.ACTIVE, start_year=2022, summary="Résumé."
        ),
        make_project(
            title="Retour volontaire", status=ProjectStatus.COMPLETED, start_year=2019, summary="Résumé."
        ),
    ]


def test_a_change_saved_by_staff_shows_in_the_next_download(client, catalogue):
    assert json_titles(client.get("/projets/export.json")) == ["Abris d'urgence", "Retour volontaire"]

    shelter = catalogue[0]
    shelter.title = "Abris d'urgence et articles non alimentaires"
    shelter.save()

    assert json_titles(client.get("/projets/export.json")) == [
        "Abris d'urgence et articles non alimentaires",
        "Retour volontaire",
    ]


def test_until_the_content_changes_the_download_is_the_stored_file_and_reads_no_project(client, catalogue):
    first = body(client.get("/projets/export.csv"))
    # An update that bypasses the models' signals, as no admin edit does: the stored file stays.
    Project.objects.filter(pk=catalogue[0].pk).update(title="Modifié hors du site")

    with CaptureQueriesContext(connection) as queries:
        again = body(client.get("/projets/export.csv"))

    assert again == first
    assert "Modifié hors du site" not in again.decode("utf-8-sig")
    assert not [query["sql"] for query in queries if '"projects_project"' in query["sql"]]


@pytest.mark.parametrize("path", EXPORTS)
def test_a_client_that_accepts_gzip_gets_the_same_file_compressed(client, catalogue, path):
    plain = body(client.get(path))

    response = client.get(path, HTTP_ACCEPT_ENCODING="gzip, deflate, br")

    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    compressed = body(response)
    assert len(compressed) < len(plain)
    assert gzip.decompress(compressed) == plain


def test_a_compressed_download_is_revalidated_with_a_304(client, catalogue):
    body(client.get("/projets/iati.xml"))
    response = client.get("/projets/iati.xml", HTTP_ACCEPT_ENCODING="gzip")
    assert response["ETag"].startswith('W/"')

    again = client.get("/projets/iati.xml", HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=response["ETag"])

    assert again.status_code == 304


def test_the_csv_is_still_an_attachment_with_its_name(client, catalogue):
    for _ in range(2):  # built, then stored
        response = client.get("/projets/export.csv")
        body(response)
        assert response["Content-Disposition"] == 'attachment; filename="projets-oim-haiti.csv"'


def test_a_file_name_outside_ascii_is_sent_as_rfc_6266_says(rf, db, export_files_dir):
    response = stored_download(
        rf.get("/projets/export.csv"),
        name="csv",
        parts=(),
        generate=lambda: iter(["a;b\r\n"]),
        content_type="text/csv",
        filename="projets-oim-haïti.csv",
        as_attachment=True,
    )

    assert response["Content-Disposition"] == "attachment; filename*=utf-8''projets-oim-ha%C3%AFti.csv"


def test_an_export_that_fails_midway_leaves_no_file_and_the_next_one_is_whole(rf, db, export_files_dir):
    def failing():
        yield "Projet ID;Titre\r\n"
        raise RuntimeError("the database went away")

    with pytest.raises(RuntimeError):
        _download(rf, failing)
    assert stored_files(export_files_dir) == []
    assert list(export_files_dir.glob("*.tmp")) == []

    assert _download(rf, lambda: iter(["Projet ID;Titre\r\n", "P-1;Abris\r\n"])) == (
        b"Projet ID;Titre\r\nP-1;Abris\r\n"
    )
    assert len(stored_files(export_files_dir)) == 1
    assert _download(rf, failing) == b"Projet ID;Titre\r\nP-1;Abris\r\n"  # served from the file


def test_a_full_disk_still_gives_the_whole_export_and_leaves_no_file(rf, db, export_files_dir, monkeypatch):
    real_open = gzip.open

    class FullDisk:
        def __init__(self, *args, **kwargs):
            self.file = real_open(*args, **kwargs)
            self.written = 0

        def write(self, data):
            self.written += 1
            if self.written > 1:
                raise OSError(errno.ENOSPC, "No space left on device")
            return self.file.write(data)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.file.close()

    monkeypatch.setattr(export_files.gzip, "open", FullDisk)

    assert _download(rf, lambda: iter(["Projet ID\r\n", "P-1\r\n", "P-2\r\n"])) == (
        b"Projet ID\r\nP-1\r\nP-2\r\n"
    )
    assert stored_files(export_files_dir) == []
    assert list(export_files_dir.glob("*.tmp")) == []


def test_a_client_refusing_gzip_gets_the_plain_file(client, catalogue):
    plain = body(client.get("/projets/export.csv"))

    response = client.get("/projets/export.csv", HTTP_ACCEPT_ENCODING="gzip;q=0, identity")

    assert not response.has_header("Content-Encoding")
    assert body(response) == plain


def test_the_first_download_to_a_gzip_client_is_already_compressed(client, catalogue):
    response = client.get("/projets/iati.xml", HTTP_ACCEPT_ENCODING="gzip")

    assert response["Content-Encoding"] == "gzip"
    assert b"<iati-activities" in gzip.decompress(body(response))


def test_past_the_most_files_kept_the_oldest_go(client, catalogue, export_files_dir, monkeypatch):
    monkeypatch.setattr(export_files, "MAX_FILES", 2)
    for status in ("active", "completed", "suspended"):
        body(client.get(f"/projets/export.json?status={status}"))
        time.sleep(0.01)  # distinct modification times

    assert len(stored_files(export_files_dir)) == 2
    assert json_titles(client.get("/projets/export.json?status=active")) == ["Abris d'urgence"]


def test_a_record_scheduled_for_later_shows_in_the_export_once_its_time_has_come(
    client, django_capture_on_commit_callbacks
):
    later = timezone.now() + timedelta(seconds=1)
    with django_capture_on_commit_callbacks(execute=True):  # saved and committed, as by the admin
        make_project(title="Abris d'urgence", summary="Résumé.", start_year=2022)
        make_project(title="Zone de départ", summary="Résumé.", start_year=2024, publish_from=later)
    assert "Zone de départ" not in json_titles(client.get("/projets/export.json"))

    time.sleep((later - timezone.now()).total_seconds() + 0.1)

    assert "Zone de départ" in json_titles(client.get("/projets/export.json"))


def test_the_same_filters_in_another_order_share_one_file(client, catalogue, export_files_dir):
    body(client.get("/projets/export.json?status=active&year_min=2020&utm_source=lettre"))
    same = json_titles(client.get("/projets/export.json?year_min=2020&status=active"))
    assert same == ["Abris d'urgence"]
    assert len(stored_files(export_files_dir)) == 1

    other = json_titles(client.get("/projets/export.json?status=completed"))

    assert other == ["Retour volontaire"]
    assert len(stored_files(export_files_dir)) == 2


def test_another_sort_order_is_another_file(client, catalogue):
    by_title = json_titles(client.get("/projets/export.json?ordering=title"))
    by_title_reversed = json_titles(client.get("/projets/export.json?ordering=-title"))

    assert by_title == ["Abris d'urgence", "Retour volontaire"]
    assert by_title_reversed == ["Retour volontaire", "Abris d'urgence"]


def test_files_of_earlier_content_are_removed_when_a_new_one_is_stored(client, catalogue, export_files_dir):
    body(client.get("/projets/export.csv"))
    before = stored_files(export_files_dir)

    make_project(title="Nouveau projet")
    body(client.get("/projets/export.csv"))

    after = stored_files(export_files_dir)
    assert len(before) == len(after) == 1
    assert before != after


def test_a_directory_that_cannot_be_written_still_gives_the_whole_export_and_is_reported_once(
    client, catalogue, settings, tmp_path, caplog
):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    settings.EXPORT_FILES_DIR = blocker / "exports"  # cannot be created, even by root

    with caplog.at_level(logging.WARNING, logger="core.export_files"):
        for _ in range(2):
            assert json_titles(client.get("/projets/export.json")) == ["Abris d'urgence", "Retour volontaire"]

    assert [record.getMessage().startswith("Export directory unusable") for record in caplog.records] == [
        True
    ]


def _download(rf, generate):
    """stored_download() for an unfiltered CSV, the body read whole."""
    response = stored_download(
        rf.get("/projets/export.csv"),
        name="csv",
        parts=(),
        generate=generate,
        content_type="text/csv",
        filename="projets.csv",
    )
    return b"".join(response.streaming_content)


def _hold_build_lock(export_files_dir):
    export_files_dir.mkdir(parents=True, exist_ok=True)
    path = stored_path("csv", ())
    lock = open(path.with_name(f".{path.name}.lock"), "a")  # noqa: SIM115 - closed by the test
    fcntl.flock(lock, fcntl.LOCK_EX)
    return path, lock


def test_a_request_waits_for_the_one_building_the_file_and_serves_that_file(rf, db, export_files_dir):
    path, lock = _hold_build_lock(export_files_dir)

    def other_request_finishes():
        path.write_bytes(gzip.compress(b"Projet ID\r\nP-1\r\n"))
        lock.close()

    threading.Timer(0.3, other_request_finishes).start()

    def must_not_build():
        raise AssertionError("built a second time")

    assert _download(rf, must_not_build) == b"Projet ID\r\nP-1\r\n"


def test_a_request_does_not_wait_forever_behind_a_slow_build(rf, db, export_files_dir, monkeypatch):
    monkeypatch.setattr(export_files, "LOCK_WAIT_SECONDS", 0.2)
    _path, lock = _hold_build_lock(export_files_dir)
    try:
        assert _download(rf, lambda: iter(["Projet ID\r\n", "P-2\r\n"])) == b"Projet ID\r\nP-2\r\n"
    finally:
        lock.close()


def test_a_response_never_read_holds_no_build_lock(rf, db, export_files_dir):
    response = stored_download(
        rf.head("/projets/export.csv"),
        name="csv",
        parts=(),
        generate=lambda: iter(["Projet ID\r\n"]),
        content_type="text/csv",
        filename="projets.csv",
    )

    path = stored_path("csv", ())
    with open(path.with_name(f".{path.name}.lock"), "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)  # BlockingIOError if the response held it
    assert response.status_code == 200  # still alive, never read
