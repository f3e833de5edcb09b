import pytest


@pytest.mark.django_db
def test_healthz_answers_ok_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok"


def test_healthz_answers_503_when_the_database_is_unreachable_and_ok_once_it_is_back(
    client, database_unreachable
):
    with database_unreachable():
        response = client.get("/healthz")
    assert response.status_code == 503
    assert b"unavailable" in response.content

    assert client.get("/healthz").content == b"ok"
