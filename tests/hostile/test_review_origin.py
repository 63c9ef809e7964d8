"""Finding 8: the review server accepted a JSON POST carrying `Origin: http://evil.com` (a
browser's preflight stops browsers, not other clients). Writes now check Origin and
Sec-Fetch-Site."""

import pytest
from fastapi.testclient import TestClient

from consortia.review.app import create_app

from ..test_review_support import open_session


@pytest.fixture
def client(tmp_path):
    return TestClient(create_app(open_session(tmp_path)), base_url="http://127.0.0.1")


def _first_item(client) -> dict:
    return client.get("/api/relations").json()["items"][0]


@pytest.mark.parametrize("headers", [{"Origin": "http://evil.com"}, {"Origin": "null"},
                                     {"Origin": "http://127.0.0.1:9999"},
                                     {"Sec-Fetch-Site": "cross-site"}, {"Sec-Fetch-Site": "same-site"},
                                     {"Origin": "http://127.0.0.1", "Sec-Fetch-Site": "cross-site"}])
def test_a_write_from_another_site_is_refused_and_changes_nothing(client, headers):
    item = _first_item(client)
    r = client.post(f"/api/relations/{item['id']}/decision", json={"action": "accept"}, headers=headers)
    assert r.status_code == 403 and "refused" in r.json()["detail"]
    assert _first_item(client)["status"] == "pending"


@pytest.mark.parametrize("headers", [{}, {"Origin": "http://127.0.0.1"},
                                     {"Origin": "http://127.0.0.1", "Sec-Fetch-Site": "same-origin"},
                                     {"Sec-Fetch-Site": "none"}])
def test_the_servers_own_page_and_local_scripts_may_write(client, headers):
    item = _first_item(client)
    r = client.post(f"/api/relations/{item['id']}/decision", json={"action": "accept"}, headers=headers)
    assert r.status_code == 200, r.text


def test_reads_are_not_checked():
    from consortia.review.app import foreign_write

    assert foreign_write("GET", {"origin": "http://evil.com", "host": "127.0.0.1"}) is None
