"""Notices (desktop/core/notices.py) in the interface language: the one place a code becomes words.

``notice_text(notice)`` looks the code up in ``SOURCES`` (its English, marked for lupdate in the "Notices"
context) or, for a count that changes the words, ``PLURALS``, translates it, and fills ``%1``, ``%2``… with
the arguments: a nested notice in the interface language too, a number as digits, text as it is. A
``Code.TEXT`` notice (a marketplace's own message) is shown as it came: never translated, never parsed.
``error_text(exc)`` is the same for an exception that carries a notice.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import cast

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from desktop.core.notices import Code, Notice
from desktop.core.text import fill
from desktop.ui.i18n import TextContext

CONTEXT = "Notices"


class Notices(TextContext):
    """The translation context of every notice (lupdate reads plurals only from ``Notices.tr``)."""


SOURCES: dict[Code, str] = cast("dict[Code, str]", {
    Code.NO_DETAILS: QT_TRANSLATE_NOOP("Notices", "no details"),
    Code.STARTING: QT_TRANSLATE_NOOP("Notices", "Starting…"),
    Code.CONNECTING: QT_TRANSLATE_NOOP("Notices", "Connecting…"),
    Code.SYNCING: QT_TRANSLATE_NOOP("Notices", "Syncing…"),
    Code.CONNECTING_LIVE: QT_TRANSLATE_NOOP("Notices", "Connecting to live updates…"),
    Code.LIVE_ENDED: QT_TRANSLATE_NOOP("Notices", "Live updates ended"),
    Code.LIVE_FAILED_RETRYING: QT_TRANSLATE_NOOP("Notices", "Live updates failed · retrying"),
    Code.RETRYING_IN: QT_TRANSLATE_NOOP("Notices", "%1 · retrying in %2 s"),
    Code.WILL_RETRY: QT_TRANSLATE_NOOP("Notices", "%1 · will retry"),
    Code.SYNC_FAILED_RETRYING_IN: QT_TRANSLATE_NOOP("Notices", "Sync failed unexpectedly · retrying in %1 s"),
    Code.SERVER_BUSY: QT_TRANSLATE_NOOP("Notices", "The server is busy (rate limited)"),
    Code.SERVER_HAS_PROBLEM: QT_TRANSLATE_NOOP("Notices", "The server has a problem (%1)"),
    Code.SERVER_NOT_UNDERSTOOD: QT_TRANSLATE_NOOP(
        "Notices", "The server sent a reply Atelier could not understand"),
    Code.STREAM_RECONNECTING_IN: QT_TRANSLATE_NOOP("Notices", "%1 Reconnecting in %2 s."),
    Code.STREAM_CONNECTED: QT_TRANSLATE_NOOP("Notices", "Connected for live updates."),
    Code.STREAM_STOPPED: QT_TRANSLATE_NOOP("Notices", "Live updates stopped."),
    Code.STREAM_ANSWERED: QT_TRANSLATE_NOOP("Notices", "The event stream answered HTTP %1."),
    Code.STREAM_REFUSED: QT_TRANSLATE_NOOP("Notices", "The event stream was refused (HTTP %1)."),
    Code.STREAM_CLOSED: QT_TRANSLATE_NOOP("Notices", "The server closed the event stream."),
    Code.STREAM_QUIET: QT_TRANSLATE_NOOP("Notices", "The live connection went quiet."),
    Code.STREAM_DROPPED: QT_TRANSLATE_NOOP("Notices", "The live connection dropped."),
    Code.STREAM_SIGN_IN_REFUSED: QT_TRANSLATE_NOOP(
        "Notices", "The marketplace refused our sign-in. Please sign in again."),
    Code.STREAM_FORBIDDEN: QT_TRANSLATE_NOOP("Notices", "This account may not receive live updates."),
    Code.UNREACHABLE: QT_TRANSLATE_NOOP("Notices", "Cannot reach the marketplace."),
    Code.TIMED_OUT: QT_TRANSLATE_NOOP("Notices", "The marketplace did not answer in time."),
    Code.EMPTY_REPLY: QT_TRANSLATE_NOOP("Notices", "The server sent an empty reply (HTTP %1)."),
    Code.NOT_JSON: QT_TRANSLATE_NOOP("Notices", "The server sent a reply that is not JSON."),
    Code.TOKEN_NOT_JSON: QT_TRANSLATE_NOOP("Notices", "The server sent a token reply that is not JSON."),
    Code.UNEXPECTED_REPLY: QT_TRANSLATE_NOOP("Notices", "The server sent an unexpected %1: %2"),
    Code.SIGN_IN_AGAIN: QT_TRANSLATE_NOOP("Notices", "Please sign in again."),
    Code.FORBIDDEN: QT_TRANSLATE_NOOP("Notices", "This account may not do that."),
    Code.NOT_FOUND: QT_TRANSLATE_NOOP("Notices", "That item does not exist."),
    Code.RATE_LIMITED: QT_TRANSLATE_NOOP("Notices", "The marketplace asks us to slow down."),
    Code.SERVER_ERROR: QT_TRANSLATE_NOOP("Notices", "The marketplace had a problem (HTTP %1)."),
    Code.REFUSED: QT_TRANSLATE_NOOP("Notices", "The marketplace refused the request (HTTP %1)."),
    Code.UNEXPECTED_STATUS: QT_TRANSLATE_NOOP("Notices", "The server sent an unexpected status (HTTP %1)."),
    Code.SIGN_IN_RATE_LIMITED: QT_TRANSLATE_NOOP(
        "Notices", "Too many sign-in attempts. Please wait a moment and try again."),
    Code.SIGN_IN_SERVER_ERROR: QT_TRANSLATE_NOOP(
        "Notices", "The marketplace had a problem signing in (HTTP %1)."),
    Code.SIGN_IN_REFUSED: QT_TRANSLATE_NOOP("Notices", "Sign-in was refused (HTTP %1)."),
    Code.WRONG_PASSWORD: QT_TRANSLATE_NOOP("Notices", "The email or password is not correct."),
    Code.SIGN_IN_EXPIRED: QT_TRANSLATE_NOOP(
        "Notices", "Your sign-in has expired or was revoked. Please sign in again."),
    Code.CODE_NOT_ACCEPTED: QT_TRANSLATE_NOOP(
        "Notices", "The marketplace did not accept this sign-in (the code was wrong, expired or already "
                   "used). Please try again."),
    Code.CALLBACK_PORT_BUSY: QT_TRANSLATE_NOOP(
        "Notices", "Atelier cannot listen for the sign-in answer on %1 (it is in use by another "
                   "program?). Close it, or register another callback address."),
    Code.DENIED_IN_BROWSER: QT_TRANSLATE_NOOP(
        "Notices", "Sign-in was cancelled in the browser. Nothing was changed."),
    Code.SIGN_IN_REQUEST_REFUSED: QT_TRANSLATE_NOOP(
        "Notices", "The marketplace refused the sign-in request (%1). Please try again."),
    Code.NOT_AN_ADDRESS: QT_TRANSLATE_NOOP(
        "Notices", "That does not look like a marketplace address (for example https://example.com)."),
    Code.ADDRESS_WITH_CREDENTIALS: QT_TRANSLATE_NOOP(
        "Notices", "A marketplace address must not contain a user name or password."),
    Code.HTTPS_ONLY: QT_TRANSLATE_NOOP(
        "Notices", "Atelier signs in only over https, except to a marketplace on this computer: your "
                   "sign-in would cross the network unencrypted."),
    Code.SIGN_IN_CANCELLED: QT_TRANSLATE_NOOP("Notices", "Sign-in was cancelled."),
    Code.ACCOUNT_UNREADABLE: QT_TRANSLATE_NOOP("Notices", "Signed in, but the account could not be read: %1"),
    Code.UPWORK_KEY_FIRST: QT_TRANSLATE_NOOP("Notices", "Enter your Upwork API key and its secret first."),
    Code.UPWORK_BROWSER_SILENT: QT_TRANSLATE_NOOP(
        "Notices", "No answer came back from the browser in time. Please try again."),
    Code.UPWORK_ACCOUNT_UNREADABLE: QT_TRANSLATE_NOOP(
        "Notices", "Signed in, but the Upwork account could not be read: %1"),
    Code.UPWORK_KEY_MISSING: QT_TRANSLATE_NOOP(
        "Notices", "The Upwork API key is missing: sign in again to enter it."),
    Code.UPWORK_TIMED_OUT: QT_TRANSLATE_NOOP("Notices", "Upwork did not answer in time."),
    Code.UPWORK_UNREACHABLE: QT_TRANSLATE_NOOP("Notices", "Cannot reach Upwork."),
    Code.UPWORK_EMPTY_REPLY: QT_TRANSLATE_NOOP("Notices", "Upwork sent an empty reply (HTTP %1)."),
    Code.UPWORK_NOT_JSON: QT_TRANSLATE_NOOP("Notices", "Upwork sent a reply that is not JSON."),
    Code.UPWORK_SIGN_IN_REFUSED: QT_TRANSLATE_NOOP(
        "Notices", "Upwork refused our sign-in. Please sign in again."),
    Code.UPWORK_FORBIDDEN: QT_TRANSLATE_NOOP("Notices", "Upwork does not let this account do that."),
    Code.UPWORK_NOT_FOUND: QT_TRANSLATE_NOOP("Notices", "Upwork has no such item."),
    Code.UPWORK_RATE_LIMITED: QT_TRANSLATE_NOOP("Notices", "Upwork asks us to slow down."),
    Code.UPWORK_SERVER_ERROR: QT_TRANSLATE_NOOP("Notices", "Upwork had a problem (HTTP %1)."),
    Code.UPWORK_REFUSED: QT_TRANSLATE_NOOP("Notices", "Upwork refused the request (HTTP %1)."),
    Code.UPWORK_UNEXPECTED_STATUS: QT_TRANSLATE_NOOP(
        "Notices", "Upwork sent an unexpected status (HTTP %1)."),
    Code.UPWORK_GRAPHQL_SHAPE: QT_TRANSLATE_NOOP(
        "Notices", "Upwork sent a GraphQL reply of the wrong shape."),
    Code.UPWORK_GRAPHQL_NO_DATA: QT_TRANSLATE_NOOP("Notices", "Upwork sent a GraphQL reply without data."),
    Code.UPWORK_MISSING_SCOPE: QT_TRANSLATE_NOOP(
        "Notices", "Upwork refused this request: Atelier's API key lacks the permission (scope) it needs. "
                   "Signing in again will not help; the key's permissions are set on Upwork's developer "
                   "site."),
    Code.UPWORK_QUERY_REJECTED: QT_TRANSLATE_NOOP("Notices", "Upwork rejected the query: %1"),
    Code.UPWORK_NO_SUCH_ITEM_SAID: QT_TRANSLATE_NOOP("Notices", "Upwork has no such item (%1)."),
    Code.UPWORK_PROBLEM_SAID: QT_TRANSLATE_NOOP("Notices", "Upwork had a problem: %1"),
    Code.UPWORK_REFUSED_SAID: QT_TRANSLATE_NOOP("Notices", "Upwork refused the request: %1"),
    Code.UPWORK_NO_ME: QT_TRANSLATE_NOOP("Notices", "Upwork did not say who is signed in."),
    Code.UPWORK_NO_JOB: QT_TRANSLATE_NOOP("Notices", "Upwork has no job posting with that id."),
    Code.UPWORK_MESSAGE_NOT_RETURNED: QT_TRANSLATE_NOOP(
        "Notices", "Upwork did not return the message it stored."),
    Code.UPWORK_NO_ROOM: QT_TRANSLATE_NOOP("Notices", "Upwork has no such room."),
    Code.UPWORK_NO_ENTITY: QT_TRANSLATE_NOOP(
        "Notices", "Upwork did not name the account's accounting entity."),
    Code.UPWORK_NO_STREAM: QT_TRANSLATE_NOOP(
        "Notices", "Upwork's API has no live event stream; Atelier polls it instead."),
    Code.UPWORK_UNSUPPORTED: QT_TRANSLATE_NOOP("Notices", "Upwork's API does not allow %1."),
    Code.UPWORK_BAD_CURSOR: QT_TRANSLATE_NOOP("Notices", "That page cursor is not valid here."),
    Code.UPWORK_ACCESS_DECLINED: QT_TRANSLATE_NOOP(
        "Notices", "Access to your Upwork account was declined, so Atelier cannot sign in."),
    Code.UPWORK_SIGN_IN_REFUSED_SAID: QT_TRANSLATE_NOOP("Notices", "Upwork refused the sign-in (%1)."),
    Code.UPWORK_WRONG_ADDRESS: QT_TRANSLATE_NOOP(
        "Notices", "That address is not from this sign-in attempt. Please start the sign-in again."),
    Code.UPWORK_NO_CODE: QT_TRANSLATE_NOOP(
        "Notices", "That address holds no authorization code. Paste the whole address the browser went to "
                   "after you approved Atelier."),
    Code.UPWORK_SIGN_IN_RATE_LIMITED: QT_TRANSLATE_NOOP(
        "Notices", "Upwork asks us to slow down. Please wait a moment and try again."),
    Code.UPWORK_SIGN_IN_SERVER_ERROR: QT_TRANSLATE_NOOP(
        "Notices", "Upwork had a problem signing in (HTTP %1)."),
    Code.UPWORK_SIGN_IN_REQUEST_REFUSED: QT_TRANSLATE_NOOP(
        "Notices", "Upwork refused the sign-in request (HTTP %1)."),
    Code.UPWORK_SIGN_IN_REQUEST_REFUSED_SAID: QT_TRANSLATE_NOOP(
        "Notices", "Upwork refused the sign-in request (%1) (HTTP %2)."),
    Code.UPWORK_TOKEN_NOT_JSON: QT_TRANSLATE_NOOP("Notices", "Upwork sent a token reply that is not JSON."),
    Code.UPWORK_TOKEN_SHAPE: QT_TRANSLATE_NOOP("Notices", "Upwork sent a token reply of the wrong shape."),
    Code.UPWORK_NO_ACCESS_TOKEN: QT_TRANSLATE_NOOP("Notices", "Upwork's token reply has no access token."),
    Code.UPWORK_CODE_NOT_ACCEPTED: QT_TRANSLATE_NOOP(
        "Notices", "Upwork did not accept the sign-in (the code expired or the API key is wrong). Please "
                   "sign in again."),
    Code.UPWORK_SIGN_IN_EXPIRED: QT_TRANSLATE_NOOP(
        "Notices", "Your Upwork sign-in has expired or was revoked. Please sign in again."),
    Code.DISK_FULL: QT_TRANSLATE_NOOP(
        "Notices", "The disk is full; Atelier could not save its local cache. Free some disk space and "
                   "try again."),
    Code.CACHE_DAMAGED: QT_TRANSLATE_NOOP(
        "Notices", "The local cache file is damaged; Atelier is rebuilding it from the server."),
    Code.CACHE_NOT_ALLOWED: QT_TRANSLATE_NOOP(
        "Notices", "Atelier is not allowed to write its local cache (read-only disk or permission "
                   "denied)."),
    Code.CACHE_CANNOT_OPEN: QT_TRANSLATE_NOOP(
        "Notices", "Atelier could not open its local cache file. Check that the folder exists and is "
                   "writable."),
    Code.CACHE_DISK_ERROR: QT_TRANSLATE_NOOP(
        "Notices", "A disk error stopped Atelier from reading or writing its local cache."),
    Code.CACHE_BUSY: QT_TRANSLATE_NOOP(
        "Notices", "The local cache is busy; is another copy of Atelier running?"),
    Code.CACHE_NO_MEMORY: QT_TRANSLATE_NOOP(
        "Notices", "Atelier ran out of memory while using its local cache."),
    Code.CACHE_FAILED: QT_TRANSLATE_NOOP("Notices", "The local cache failed: %1"),
    Code.CACHE_FROM_NEWER: QT_TRANSLATE_NOOP(
        "Notices", "The local cache was written by a newer Atelier (schema version %1; this version knows "
                   "up to %2). Update Atelier, or remove the cache file to rebuild it."),
    Code.CACHE_CREATE_NOT_ALLOWED: QT_TRANSLATE_NOOP(
        "Notices", "Atelier is not allowed to create its local cache in %1."),
    Code.CACHE_CREATE_FAILED: QT_TRANSLATE_NOOP(
        "Notices", "Atelier could not create its local cache file (%1)."),
    Code.CACHE_MOVE_ASIDE_FAILED: QT_TRANSLATE_NOOP(
        "Notices", "Atelier could not move its damaged cache file aside (%1)."),
    Code.CACHE_NO_WAL: QT_TRANSLATE_NOOP(
        "Notices", "The local cache could not switch to write-ahead logging."),
    Code.CACHE_CLOSED: QT_TRANSLATE_NOOP("Notices", "The local cache is closed."),
    Code.CACHE_UPGRADE_FAILED: QT_TRANSLATE_NOOP(
        "Notices", "Could not upgrade the local cache to version %1: %2"),
    Code.RESCUED_NOT_SENT: QT_TRANSLATE_NOOP(
        "Notices", "Not sent: the local cache was damaged and this could not be recovered in full. Check "
                   "the text before you send it again."),
    Code.REBUILT_NOTHING_QUEUED: QT_TRANSLATE_NOOP(
        "Notices", "The local cache was damaged and has been rebuilt from the server. Nothing was waiting "
                   "to be sent."),
    Code.REBUILT_ALL_RESCUED: QT_TRANSLATE_NOOP(
        "Notices", "The local cache was damaged and has been rebuilt from the server. Everything waiting "
                   "to be sent (%1) was rescued and will be sent."),
    Code.REBUILT_SOME_KEPT: QT_TRANSLATE_NOOP(
        "Notices", "The local cache was damaged and has been rebuilt from the server. Rescued and will be "
                   "sent: %1. Not recovered in full, kept in Needs your attention: %2."),
    Code.REBUILT_SOME_UNREADABLE: QT_TRANSLATE_NOOP(
        "Notices", "The local cache was damaged and has been rebuilt from the server. Rescued and will be "
                   "sent: %1. Could not be read at all: %2 (they may have been sent already)."),
    Code.REBUILT_SOME_KEPT_AND_UNREADABLE: QT_TRANSLATE_NOOP(
        "Notices", "The local cache was damaged and has been rebuilt from the server. Rescued and will be "
                   "sent: %1. Not recovered in full, kept in Needs your attention: %2. Could not be read "
                   "at all: %3 (they may have been sent already)."),
    Code.EXPORT_NO_FOLDER: QT_TRANSLATE_NOOP("Notices", "The folder %1 does not exist."),
    Code.EXPORT_NOT_ALLOWED: QT_TRANSLATE_NOOP("Notices", "Atelier is not allowed to write in %1."),
    Code.EXPORT_DISK_FULL: QT_TRANSLATE_NOOP(
        "Notices", "The disk holding %1 is full: the file was not written."),
    Code.EXPORT_NOT_WRITTEN: QT_TRANSLATE_NOOP("Notices", "The file could not be written (%1)."),
    Code.SEARCH_NAME_MISSING: QT_TRANSLATE_NOOP("Notices", "Give the search a name."),
    Code.SEARCH_NAME_TOO_LONG: QT_TRANSLATE_NOOP("Notices", "Keep the name under %1 characters."),
    Code.SEARCH_NOT_NARROWED: QT_TRANSLATE_NOOP("Notices", "Type search words or pick a filter first."),
    Code.COVER_LETTER_TOO_SHORT: QT_TRANSLATE_NOOP(
        "Notices", "The cover letter needs at least 50 characters."),
    Code.BID_NOT_POSITIVE: QT_TRANSLATE_NOOP("Notices", "The bid must be more than zero."),
    Code.DURATION_MISSING: QT_TRANSLATE_NOOP("Notices", "Choose a duration."),
    Code.MILESTONE_UNDESCRIBED: QT_TRANSLATE_NOOP("Notices", "Describe every milestone."),
    Code.MILESTONE_AMOUNT_MISSING: QT_TRANSLATE_NOOP(
        "Notices", "Every milestone needs an amount above zero."),
    Code.MILESTONES_MISS_THE_BID: QT_TRANSLATE_NOOP("Notices", "The milestones must add up to the bid."),
    Code.MILESTONE_DUE_PASSED: QT_TRANSLATE_NOOP("Notices", "A milestone's due date has already passed."),
    Code.SCREENING_UNANSWERED: QT_TRANSLATE_NOOP("Notices", "Answer every screening question."),
    Code.NOT_ENOUGH_CONNECTS: QT_TRANSLATE_NOOP(
        "Notices", "Not enough Connects: this proposal needs %1 and you have %2."),
    Code.TEMPLATE_NAME_MISSING: QT_TRANSLATE_NOOP("Notices", "A template needs a name."),
    Code.TEMPLATE_TEXT_MISSING: QT_TRANSLATE_NOOP("Notices", "A template needs some text."),
    Code.TEMPLATE_NAME_TAKEN: QT_TRANSLATE_NOOP("Notices", "A template with this name already exists."),
    Code.TEMPLATE_GONE: QT_TRANSLATE_NOOP("Notices", "This template no longer exists."),
    Code.MESSAGE_EMPTY: QT_TRANSLATE_NOOP("Notices", "empty message"),
    Code.MESSAGE_TOO_LONG: QT_TRANSLATE_NOOP("Notices", "a message holds at most %1 characters"),
    Code.ATTACHMENTS_NOT_SUPPORTED: QT_TRANSLATE_NOOP("Notices", "%1 does not take files sent from Atelier."),
    Code.ATTACHMENT_MISSING: QT_TRANSLATE_NOOP("Notices", "The file %1 is no longer there."),
    Code.ATTACHMENT_EMPTY: QT_TRANSLATE_NOOP("Notices", "The file %1 is empty."),
    Code.ATTACHMENT_TOO_BIG: QT_TRANSLATE_NOOP("Notices", "%1 is larger than %2 MB, the most a file may be."),
    Code.ATTACHMENT_TYPE_REFUSED: QT_TRANSLATE_NOOP(
        "Notices", "%1 cannot be sent: files of this kind are not accepted."),
    Code.ATTACHMENT_UNREADABLE: QT_TRANSLATE_NOOP("Notices", "The file %1 could not be read (%2)."),
    Code.TOO_MANY_ATTACHMENTS: QT_TRANSLATE_NOOP("Notices", "A message carries at most %1 files."),
    Code.ATTACHMENT_NOT_SENT: QT_TRANSLATE_NOOP(
        "Notices", "Its file %1 was refused, so the message was not sent."),

})
"""Each code's source text (the English of core's table, repeated here for lupdate)."""

PLURALS: dict[Code, Callable[[int], str]] = {
    Code.BROWSER_SILENT_MINUTES: lambda n: Notices.tr(
        "No answer came back from the browser within %n minute(s). Please try again.", "", n),
}
"""The codes whose first argument is a count that changes the words (``%n``), translated with it."""


def notice_text(notice: Notice) -> str:
    """The notice in the interface language."""
    if notice.code is Code.TEXT:
        return str(notice.args[0])  # not ours to translate: as it came
    args = [notice_text(a) if isinstance(a, Notice) else str(a) for a in notice.args]
    plural = PLURALS.get(notice.code)
    if plural is not None:
        count = notice.args[0]
        assert isinstance(count, int)
        return fill(plural(count), *args[1:])
    return fill(QCoreApplication.translate(CONTEXT, SOURCES[notice.code]), *args)


def error_text(exc: BaseException) -> str:
    """What went wrong, for the user: the error's notice(s) in the interface language, or (a bug, not a
    condition Atelier knows) its own text."""
    notices = getattr(exc, "notices", None)
    if isinstance(notices, tuple) and notices and all(isinstance(n, Notice) for n in notices):
        return " ".join(notice_text(n) for n in notices)
    notice = getattr(exc, "notice", None)
    if isinstance(notice, Notice):
        return notice_text(notice)
    return str(exc) or type(exc).__name__
