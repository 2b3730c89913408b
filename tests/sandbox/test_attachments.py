"""Attachments on the reference server: upload (raw body, Idempotency-Key, type allow list, 25 MB limit),
a message carrying them, download with its headers, who may see what, and the seeded files."""

from __future__ import annotations

import socket
import uuid
from pathlib import Path
from urllib.parse import unquote

import httpx

from desktop.sandbox.files import MAX_ATTACHMENT_BYTES, seed_pdf, seed_png
from desktop.sandbox.harness import SandboxServer

from .conftest import DEMO, Api, api_for, assert_problem
from .test_contract_edges import raw_exchange
from .test_messages import shared_room

PDF = seed_pdf("Invoice", ["one line"])
PNG = seed_png(8, 6)


def upload(api: Api, room_id: str, name: str, content_type: str, data: bytes,
           key: str | None = None) -> httpx.Response:
    headers = {"Content-Type": content_type}
    if key:
        headers["Idempotency-Key"] = key
    return api.http.post(f"/v1/rooms/{room_id}/attachments", params={"name": name}, content=data,
                         headers=headers)


def test_upload_then_send_then_download(api: Api, client_api: Api, server: SandboxServer) -> None:
    room = shared_room(api, client_api)
    key = str(uuid.uuid4())
    first = upload(api, room["id"], "Facture été.pdf", "application/pdf", PDF, key)
    assert first.status_code == 201, first.text
    attachment = first.json()
    assert attachment == {"id": attachment["id"], "name": "Facture été.pdf", "size": len(PDF),
                          "content_type": "application/pdf"}
    # The answer was lost: the same key answers the same attachment, nothing new is kept.
    again = upload(api, room["id"], "Facture été.pdf", "application/pdf", PDF, key)
    assert again.status_code == 201
    assert again.json() == attachment
    assert again.headers["idempotent-replayed"] == "true"
    # The same key with another file is a different request.
    assert_problem(upload(api, room["id"], "other.png", "image/png", PNG, key), 409, "conflict")

    sent = api.post(f"/v1/rooms/{room['id']}/messages", {"body": "", "attachment_ids": [attachment["id"]]},
                    key=str(uuid.uuid4()))
    assert sent.status_code == 201, sent.text
    assert sent.json()["attachments"] == [attachment]
    assert sent.json()["body"] == ""
    # The other side sees it in the history and can fetch it.
    history = client_api.ok(f"/v1/rooms/{room['id']}/messages", limit=1)["items"]
    assert history[0]["attachments"] == [attachment]
    download = client_api.get(f"/v1/attachments/{attachment['id']}")
    assert download.status_code == 200
    assert download.content == PDF
    assert download.headers["content-type"] == "application/pdf"
    assert download.headers["content-length"] == str(len(PDF))
    disposition = download.headers["content-disposition"]
    assert disposition.startswith("attachment;")
    assert unquote(disposition.split("filename*=UTF-8''")[1]) == "Facture été.pdf"
    assert download.headers["x-content-type-options"] == "nosniff"
    # One attachment, one message.
    reuse = api.post(f"/v1/rooms/{room['id']}/messages",
                     {"body": "again", "attachment_ids": [attachment["id"]]}, key=str(uuid.uuid4()))
    assert_problem(reuse, 409, "conflict")


def test_types_names_and_contents_are_checked(api: Api, client_api: Api) -> None:
    room_id = shared_room(api, client_api)["id"]
    assert_problem(upload(api, room_id, "setup.exe", "application/x-msdownload", b"MZ\x90\x00"), 415,
                   "unsupported-type")
    assert_problem(upload(api, room_id, "noname", "", b"data"), 415, "unsupported-type")
    # A file that says it is a PNG must be one.
    script = b"#!/bin/sh\nrm -rf ~\n"
    assert_problem(upload(api, room_id, "photo.png", "image/png", script), 422, "validation")
    assert_problem(upload(api, room_id, "../../etc/passwd", "text/plain", b"x"), 422, "validation")
    assert_problem(upload(api, room_id, "empty.txt", "text/plain", b""), 422, "validation")
    ok = upload(api, room_id, "notes.txt", "text/plain; charset=utf-8", "déjà vu\n".encode())
    assert ok.status_code == 201
    assert ok.json()["content_type"] == "text/plain"
    # A blank message without attachments is still refused.
    blank = api.post(f"/v1/rooms/{room_id}/messages", {"body": "", "attachment_ids": []},
                     key=str(uuid.uuid4()))
    assert_problem(blank, 422, "validation")


def test_an_upload_is_private_until_a_message_carries_it(
    api: Api, client_api: Api, server: SandboxServer
) -> None:
    room_id = shared_room(api, client_api)["id"]
    attachment = upload(api, room_id, "draft.png", "image/png", PNG).json()
    assert client_api.get(f"/v1/attachments/{attachment['id']}").status_code == 404
    assert api.get(f"/v1/attachments/{attachment['id']}").content == PNG
    # Someone else's upload cannot be sent by me, nor mine in another room.
    theirs = upload(client_api, room_id, "theirs.png", "image/png", PNG).json()
    refused = api.post(f"/v1/rooms/{room_id}/messages", {"body": "x", "attachment_ids": [theirs["id"]]},
                       key=str(uuid.uuid4()))
    assert_problem(refused, 422, "validation")
    # A stranger to the room sees nothing.
    stranger = api_for(server, "client2@atelier.test")
    if room_id not in {r["id"] for r in stranger.walk("/v1/rooms")}:
        assert stranger.get(f"/v1/attachments/{attachment['id']}").status_code == 404


def test_the_seed_has_a_pdf_and_an_image(api: Api) -> None:
    found = []
    for room in api.walk("/v1/rooms"):
        for message in api.walk(f"/v1/rooms/{room['id']}/messages", limit=500):
            found += message["attachments"]
    kinds = {a["content_type"] for a in found}
    assert {"application/pdf", "image/png"} <= kinds
    for attachment in found:
        data = api.get(f"/v1/attachments/{attachment['id']}").content
        assert len(data) == attachment["size"]
    pdf = next(a for a in found if a["content_type"] == "application/pdf")
    assert api.get(f"/v1/attachments/{pdf['id']}").content.startswith(b"%PDF-")


def test_an_upload_over_25_mb_is_refused_before_it_is_read(tmp_path: Path) -> None:
    with SandboxServer(tmp_path / "big.sqlite3", seed=11, jobs=60) as server:
        token = server.token_for(DEMO)
        room_id = httpx.get(f"{server.url}/v1/rooms", headers={"Authorization": f"Bearer {token}"}).json()[
            "items"][0]["id"]
        with socket.create_connection((server.host, server.port), timeout=5) as sock:
            head = (
                f"POST /v1/rooms/{room_id}/attachments?name=big.pdf HTTP/1.1\r\nHost: x\r\n"
                f"Authorization: Bearer {token}\r\nContent-Type: application/pdf\r\n"
                f"Content-Length: {MAX_ATTACHMENT_BYTES + 1}\r\n\r\n%PDF-"
            ).encode()
            status, headers, body = raw_exchange(sock, head)
            assert status == 413
            assert headers["connection"] == "close"
            assert str(MAX_ATTACHMENT_BYTES) in body.decode()
        # Up to the limit is taken: the ordinary 1 MB JSON limit does not apply to files.
        two_mb = b"%PDF-" + b"0" * (2 * 1024 * 1024)
        ok = httpx.post(f"{server.url}/v1/rooms/{room_id}/attachments", params={"name": "big.pdf"},
                        content=two_mb, headers={"Authorization": f"Bearer {token}",
                                                 "Content-Type": "application/pdf"}, timeout=30)
        assert ok.status_code == 201
        assert ok.json()["size"] == len(two_mb)
