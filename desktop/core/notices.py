"""What Atelier tells the user, as codes: ``Notice(code, args)``, translated once, in the interface.

The layers below the UI import no Qt, so they cannot translate. They say what happened as a ``Notice``: a
``Code`` (one per message) and the parts that vary (a number, a name, a folder; or another Notice when one
message wraps another, "%1 · retrying in %2 s"). ``desktop/ui/notices.py`` turns a Notice into the
interface language from one table of codes; ``str(notice)`` is the English, from ``ENGLISH`` below, for the
logs and for ``str(error)``.

``Code.TEXT`` carries text that is not Atelier's: a marketplace's own message (a problem reply's
``detail``), shown as it came, never translated or parsed.

A template's ``%1``, ``%2``… are filled with the arguments in order. A template with ``%n`` (a count that
changes the words: "1 minute", "3 minutes") takes the count as its first argument; the rest fill ``%1``…;
its English has a singular and a plural form (``PLURAL_ENGLISH``).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from desktop.core.text import fill


class Code(StrEnum):
    """Every message a layer below the UI can show. The values are stored (an outbox row's reason):
    never change or reuse one."""

    TEXT = "text"
    """A marketplace's (or the system's) own words, shown as they are: one argument, the text."""
    NO_DETAILS = "no_details"

    # -- the sync engine's status (desktop/services/sync.py) -----------------------------------------------
    STARTING = "starting"
    CONNECTING = "connecting"
    SYNCING = "syncing"
    CONNECTING_LIVE = "connecting_live"
    LIVE_ENDED = "live_ended"
    LIVE_FAILED_RETRYING = "live_failed_retrying"
    RETRYING_IN = "retrying_in"
    WILL_RETRY = "will_retry"
    SYNC_FAILED_RETRYING_IN = "sync_failed_retrying_in"
    SERVER_BUSY = "server_busy"
    SERVER_HAS_PROBLEM = "server_has_problem"
    SERVER_NOT_UNDERSTOOD = "server_not_understood"

    # -- the live stream (desktop/api/events.py) ----------------------------------------------------------
    STREAM_RECONNECTING_IN = "stream_reconnecting_in"
    STREAM_CONNECTED = "stream_connected"
    STREAM_STOPPED = "stream_stopped"
    STREAM_ANSWERED = "stream_answered"
    STREAM_REFUSED = "stream_refused"
    STREAM_CLOSED = "stream_closed"
    STREAM_QUIET = "stream_quiet"
    STREAM_DROPPED = "stream_dropped"
    STREAM_SIGN_IN_REFUSED = "stream_sign_in_refused"
    STREAM_FORBIDDEN = "stream_forbidden"

    # -- the reference marketplace's client (desktop/api/client.py, auth.py, oauth.py, schemas.py) ---------
    UNREACHABLE = "unreachable"
    TIMED_OUT = "timed_out"
    EMPTY_REPLY = "empty_reply"
    NOT_JSON = "not_json"
    TOKEN_NOT_JSON = "token_not_json"
    UNEXPECTED_REPLY = "unexpected_reply"
    SIGN_IN_AGAIN = "sign_in_again"
    FORBIDDEN = "forbidden"
    NOT_FOUND = "not_found"
    RATE_LIMITED = "rate_limited"
    SERVER_ERROR = "server_error"
    REFUSED = "refused"
    UNEXPECTED_STATUS = "unexpected_status"
    SIGN_IN_RATE_LIMITED = "sign_in_rate_limited"
    SIGN_IN_SERVER_ERROR = "sign_in_server_error"
    SIGN_IN_REFUSED = "sign_in_refused"
    WRONG_PASSWORD = "wrong_password"
    SIGN_IN_EXPIRED = "sign_in_expired"
    CODE_NOT_ACCEPTED = "code_not_accepted"
    CALLBACK_PORT_BUSY = "callback_port_busy"
    DENIED_IN_BROWSER = "denied_in_browser"
    SIGN_IN_REQUEST_REFUSED = "sign_in_request_refused"

    # -- signing in (desktop/services/signin.py, upwork_signin.py, marketplaces.py) ----------------------
    NOT_AN_ADDRESS = "not_an_address"
    ADDRESS_WITH_CREDENTIALS = "address_with_credentials"
    HTTPS_ONLY = "https_only"
    SIGN_IN_CANCELLED = "sign_in_cancelled"
    ACCOUNT_UNREADABLE = "account_unreadable"
    BROWSER_SILENT_MINUTES = "browser_silent_minutes"
    UPWORK_KEY_FIRST = "upwork_key_first"
    UPWORK_BROWSER_SILENT = "upwork_browser_silent"
    UPWORK_ACCOUNT_UNREADABLE = "upwork_account_unreadable"
    UPWORK_KEY_MISSING = "upwork_key_missing"

    # -- the Upwork adapter (desktop/api/upwork) --------------------------------------------------------
    UPWORK_TIMED_OUT = "upwork_timed_out"
    UPWORK_UNREACHABLE = "upwork_unreachable"
    UPWORK_EMPTY_REPLY = "upwork_empty_reply"
    UPWORK_NOT_JSON = "upwork_not_json"
    UPWORK_SIGN_IN_REFUSED = "upwork_sign_in_refused"
    UPWORK_FORBIDDEN = "upwork_forbidden"
    UPWORK_NOT_FOUND = "upwork_not_found"
    UPWORK_RATE_LIMITED = "upwork_rate_limited"
    UPWORK_SERVER_ERROR = "upwork_server_error"
    UPWORK_REFUSED = "upwork_refused"
    UPWORK_UNEXPECTED_STATUS = "upwork_unexpected_status"
    UPWORK_GRAPHQL_SHAPE = "upwork_graphql_shape"
    UPWORK_GRAPHQL_NO_DATA = "upwork_graphql_no_data"
    UPWORK_MISSING_SCOPE = "upwork_missing_scope"
    UPWORK_QUERY_REJECTED = "upwork_query_rejected"
    UPWORK_NO_SUCH_ITEM_SAID = "upwork_no_such_item_said"
    UPWORK_PROBLEM_SAID = "upwork_problem_said"
    UPWORK_REFUSED_SAID = "upwork_refused_said"
    UPWORK_NO_ME = "upwork_no_me"
    UPWORK_NO_JOB = "upwork_no_job"
    UPWORK_MESSAGE_NOT_RETURNED = "upwork_message_not_returned"
    UPWORK_NO_ROOM = "upwork_no_room"
    UPWORK_NO_ENTITY = "upwork_no_entity"
    UPWORK_NO_STREAM = "upwork_no_stream"
    UPWORK_UNSUPPORTED = "upwork_unsupported"
    UPWORK_BAD_CURSOR = "upwork_bad_cursor"
    UPWORK_ACCESS_DECLINED = "upwork_access_declined"
    UPWORK_SIGN_IN_REFUSED_SAID = "upwork_sign_in_refused_said"
    UPWORK_WRONG_ADDRESS = "upwork_wrong_address"
    UPWORK_NO_CODE = "upwork_no_code"
    UPWORK_SIGN_IN_RATE_LIMITED = "upwork_sign_in_rate_limited"
    UPWORK_SIGN_IN_SERVER_ERROR = "upwork_sign_in_server_error"
    UPWORK_SIGN_IN_REQUEST_REFUSED = "upwork_sign_in_request_refused"
    UPWORK_SIGN_IN_REQUEST_REFUSED_SAID = "upwork_sign_in_request_refused_said"
    UPWORK_TOKEN_NOT_JSON = "upwork_token_not_json"
    UPWORK_TOKEN_SHAPE = "upwork_token_shape"
    UPWORK_NO_ACCESS_TOKEN = "upwork_no_access_token"
    UPWORK_CODE_NOT_ACCEPTED = "upwork_code_not_accepted"
    UPWORK_SIGN_IN_EXPIRED = "upwork_sign_in_expired"

    # -- the local cache (desktop/storage) ----------------------------------------------------------------
    DISK_FULL = "disk_full"
    CACHE_DAMAGED = "cache_damaged"
    CACHE_NOT_ALLOWED = "cache_not_allowed"
    CACHE_CANNOT_OPEN = "cache_cannot_open"
    CACHE_DISK_ERROR = "cache_disk_error"
    CACHE_BUSY = "cache_busy"
    CACHE_NO_MEMORY = "cache_no_memory"
    CACHE_FAILED = "cache_failed"
    CACHE_FROM_NEWER = "cache_from_newer"
    CACHE_CREATE_NOT_ALLOWED = "cache_create_not_allowed"
    CACHE_CREATE_FAILED = "cache_create_failed"
    CACHE_MOVE_ASIDE_FAILED = "cache_move_aside_failed"
    CACHE_NO_WAL = "cache_no_wal"
    CACHE_CLOSED = "cache_closed"
    CACHE_UPGRADE_FAILED = "cache_upgrade_failed"
    RESCUED_NOT_SENT = "rescued_not_sent"

    # -- the cache rebuilt (desktop/services/container.py) --------------------------------------------------
    REBUILT_NOTHING_QUEUED = "rebuilt_nothing_queued"
    REBUILT_ALL_RESCUED = "rebuilt_all_rescued"
    REBUILT_SOME_KEPT = "rebuilt_some_kept"
    REBUILT_SOME_UNREADABLE = "rebuilt_some_unreadable"
    REBUILT_SOME_KEPT_AND_UNREADABLE = "rebuilt_some_kept_and_unreadable"

    # -- exports (desktop/services/exports.py) ------------------------------------------------------------
    EXPORT_NO_FOLDER = "export_no_folder"
    EXPORT_NOT_ALLOWED = "export_not_allowed"
    EXPORT_DISK_FULL = "export_disk_full"
    EXPORT_NOT_WRITTEN = "export_not_written"

    # -- what the user asked for cannot be done as asked ------------------------------------------------
    SEARCH_NAME_MISSING = "search_name_missing"
    SEARCH_NAME_TOO_LONG = "search_name_too_long"
    SEARCH_NOT_NARROWED = "search_not_narrowed"
    COVER_LETTER_TOO_SHORT = "cover_letter_too_short"
    BID_NOT_POSITIVE = "bid_not_positive"
    DURATION_MISSING = "duration_missing"
    MILESTONE_UNDESCRIBED = "milestone_undescribed"
    MILESTONE_AMOUNT_MISSING = "milestone_amount_missing"
    MILESTONES_MISS_THE_BID = "milestones_miss_the_bid"
    MILESTONE_DUE_PASSED = "milestone_due_passed"
    SCREENING_UNANSWERED = "screening_unanswered"
    NOT_ENOUGH_CONNECTS = "not_enough_connects"
    TEMPLATE_NAME_MISSING = "template_name_missing"
    TEMPLATE_TEXT_MISSING = "template_text_missing"
    TEMPLATE_NAME_TAKEN = "template_name_taken"
    TEMPLATE_GONE = "template_gone"
    MESSAGE_EMPTY = "message_empty"
    MESSAGE_TOO_LONG = "message_too_long"

    # -- files of messages (desktop/services/attachments.py) ------------------------------------------------
    ATTACHMENTS_NOT_SUPPORTED = "attachments_not_supported"
    ATTACHMENT_MISSING = "attachment_missing"
    ATTACHMENT_EMPTY = "attachment_empty"
    ATTACHMENT_TOO_BIG = "attachment_too_big"
    ATTACHMENT_TYPE_REFUSED = "attachment_type_refused"
    ATTACHMENT_UNREADABLE = "attachment_unreadable"
    TOO_MANY_ATTACHMENTS = "too_many_attachments"
    ATTACHMENT_NOT_SENT = "attachment_not_sent"


_REBUILT = "The local cache was damaged and has been rebuilt from the server. "

ENGLISH: dict[Code, str] = {
    Code.TEXT: "%1",
    Code.NO_DETAILS: "no details",
    Code.STARTING: "Starting…",
    Code.CONNECTING: "Connecting…",
    Code.SYNCING: "Syncing…",
    Code.CONNECTING_LIVE: "Connecting to live updates…",
    Code.LIVE_ENDED: "Live updates ended",
    Code.LIVE_FAILED_RETRYING: "Live updates failed · retrying",
    Code.RETRYING_IN: "%1 · retrying in %2 s",
    Code.WILL_RETRY: "%1 · will retry",
    Code.SYNC_FAILED_RETRYING_IN: "Sync failed unexpectedly · retrying in %1 s",
    Code.SERVER_BUSY: "The server is busy (rate limited)",
    Code.SERVER_HAS_PROBLEM: "The server has a problem (%1)",
    Code.SERVER_NOT_UNDERSTOOD: "The server sent a reply Atelier could not understand",
    Code.STREAM_RECONNECTING_IN: "%1 Reconnecting in %2 s.",
    Code.STREAM_CONNECTED: "Connected for live updates.",
    Code.STREAM_STOPPED: "Live updates stopped.",
    Code.STREAM_ANSWERED: "The event stream answered HTTP %1.",
    Code.STREAM_REFUSED: "The event stream was refused (HTTP %1).",
    Code.STREAM_CLOSED: "The server closed the event stream.",
    Code.STREAM_QUIET: "The live connection went quiet.",
    Code.STREAM_DROPPED: "The live connection dropped.",
    Code.STREAM_SIGN_IN_REFUSED: "The marketplace refused our sign-in. Please sign in again.",
    Code.STREAM_FORBIDDEN: "This account may not receive live updates.",
    Code.UNREACHABLE: "Cannot reach the marketplace.",
    Code.TIMED_OUT: "The marketplace did not answer in time.",
    Code.EMPTY_REPLY: "The server sent an empty reply (HTTP %1).",
    Code.NOT_JSON: "The server sent a reply that is not JSON.",
    Code.TOKEN_NOT_JSON: "The server sent a token reply that is not JSON.",
    Code.UNEXPECTED_REPLY: "The server sent an unexpected %1: %2",
    Code.SIGN_IN_AGAIN: "Please sign in again.",
    Code.FORBIDDEN: "This account may not do that.",
    Code.NOT_FOUND: "That item does not exist.",
    Code.RATE_LIMITED: "The marketplace asks us to slow down.",
    Code.SERVER_ERROR: "The marketplace had a problem (HTTP %1).",
    Code.REFUSED: "The marketplace refused the request (HTTP %1).",
    Code.UNEXPECTED_STATUS: "The server sent an unexpected status (HTTP %1).",
    Code.SIGN_IN_RATE_LIMITED: "Too many sign-in attempts. Please wait a moment and try again.",
    Code.SIGN_IN_SERVER_ERROR: "The marketplace had a problem signing in (HTTP %1).",
    Code.SIGN_IN_REFUSED: "Sign-in was refused (HTTP %1).",
    Code.WRONG_PASSWORD: "The email or password is not correct.",
    Code.SIGN_IN_EXPIRED: "Your sign-in has expired or was revoked. Please sign in again.",
    Code.CODE_NOT_ACCEPTED: "The marketplace did not accept this sign-in (the code was wrong, expired or "
                            "already used). Please try again.",
    Code.CALLBACK_PORT_BUSY: "Atelier cannot listen for the sign-in answer on %1 (it is in use by another "
                             "program?). Close it, or register another callback address.",
    Code.DENIED_IN_BROWSER: "Sign-in was cancelled in the browser. Nothing was changed.",
    Code.SIGN_IN_REQUEST_REFUSED: "The marketplace refused the sign-in request (%1). Please try again.",
    Code.NOT_AN_ADDRESS: "That does not look like a marketplace address (for example https://example.com).",
    Code.ADDRESS_WITH_CREDENTIALS: "A marketplace address must not contain a user name or password.",
    Code.HTTPS_ONLY: "Atelier signs in only over https, except to a marketplace on this computer: your "
                     "sign-in would cross the network unencrypted.",
    Code.SIGN_IN_CANCELLED: "Sign-in was cancelled.",
    Code.ACCOUNT_UNREADABLE: "Signed in, but the account could not be read: %1",
    Code.BROWSER_SILENT_MINUTES: "No answer came back from the browser within %n minute(s). "
                                 "Please try again.",
    Code.UPWORK_KEY_FIRST: "Enter your Upwork API key and its secret first.",
    Code.UPWORK_BROWSER_SILENT: "No answer came back from the browser in time. Please try again.",
    Code.UPWORK_ACCOUNT_UNREADABLE: "Signed in, but the Upwork account could not be read: %1",
    Code.UPWORK_KEY_MISSING: "The Upwork API key is missing: sign in again to enter it.",
    Code.UPWORK_TIMED_OUT: "Upwork did not answer in time.",
    Code.UPWORK_UNREACHABLE: "Cannot reach Upwork.",
    Code.UPWORK_EMPTY_REPLY: "Upwork sent an empty reply (HTTP %1).",
    Code.UPWORK_NOT_JSON: "Upwork sent a reply that is not JSON.",
    Code.UPWORK_SIGN_IN_REFUSED: "Upwork refused our sign-in. Please sign in again.",
    Code.UPWORK_FORBIDDEN: "Upwork does not let this account do that.",
    Code.UPWORK_NOT_FOUND: "Upwork has no such item.",
    Code.UPWORK_RATE_LIMITED: "Upwork asks us to slow down.",
    Code.UPWORK_SERVER_ERROR: "Upwork had a problem (HTTP %1).",
    Code.UPWORK_REFUSED: "Upwork refused the request (HTTP %1).",
    Code.UPWORK_UNEXPECTED_STATUS: "Upwork sent an unexpected status (HTTP %1).",
    Code.UPWORK_GRAPHQL_SHAPE: "Upwork sent a GraphQL reply of the wrong shape.",
    Code.UPWORK_GRAPHQL_NO_DATA: "Upwork sent a GraphQL reply without data.",
    Code.UPWORK_MISSING_SCOPE: "Upwork refused this request: Atelier's API key lacks the permission (scope) "
                               "it needs. Signing in again will not help; the key's permissions are set on "
                               "Upwork's developer site.",
    Code.UPWORK_QUERY_REJECTED: "Upwork rejected the query: %1",
    Code.UPWORK_NO_SUCH_ITEM_SAID: "Upwork has no such item (%1).",
    Code.UPWORK_PROBLEM_SAID: "Upwork had a problem: %1",
    Code.UPWORK_REFUSED_SAID: "Upwork refused the request: %1",
    Code.UPWORK_NO_ME: "Upwork did not say who is signed in.",
    Code.UPWORK_NO_JOB: "Upwork has no job posting with that id.",
    Code.UPWORK_MESSAGE_NOT_RETURNED: "Upwork did not return the message it stored.",
    Code.UPWORK_NO_ROOM: "Upwork has no such room.",
    Code.UPWORK_NO_ENTITY: "Upwork did not name the account's accounting entity.",
    Code.UPWORK_NO_STREAM: "Upwork's API has no live event stream; Atelier polls it instead.",
    Code.UPWORK_UNSUPPORTED: "Upwork's API does not allow %1.",
    Code.UPWORK_BAD_CURSOR: "That page cursor is not valid here.",
    Code.UPWORK_ACCESS_DECLINED: "Access to your Upwork account was declined, so Atelier cannot sign in.",
    Code.UPWORK_SIGN_IN_REFUSED_SAID: "Upwork refused the sign-in (%1).",
    Code.UPWORK_WRONG_ADDRESS: "That address is not from this sign-in attempt. Please start the sign-in "
                               "again.",
    Code.UPWORK_NO_CODE: "That address holds no authorization code. Paste the whole address the browser went "
                         "to after you approved Atelier.",
    Code.UPWORK_SIGN_IN_RATE_LIMITED: "Upwork asks us to slow down. Please wait a moment and try again.",
    Code.UPWORK_SIGN_IN_SERVER_ERROR: "Upwork had a problem signing in (HTTP %1).",
    Code.UPWORK_SIGN_IN_REQUEST_REFUSED: "Upwork refused the sign-in request (HTTP %1).",
    Code.UPWORK_SIGN_IN_REQUEST_REFUSED_SAID: "Upwork refused the sign-in request (%1) (HTTP %2).",
    Code.UPWORK_TOKEN_NOT_JSON: "Upwork sent a token reply that is not JSON.",
    Code.UPWORK_TOKEN_SHAPE: "Upwork sent a token reply of the wrong shape.",
    Code.UPWORK_NO_ACCESS_TOKEN: "Upwork's token reply has no access token.",
    Code.UPWORK_CODE_NOT_ACCEPTED: "Upwork did not accept the sign-in (the code expired or the API key is "
                                   "wrong). Please sign in again.",
    Code.UPWORK_SIGN_IN_EXPIRED: "Your Upwork sign-in has expired or was revoked. Please sign in again.",
    Code.DISK_FULL: "The disk is full; Atelier could not save its local cache. Free some disk space and try "
                    "again.",
    Code.CACHE_DAMAGED: "The local cache file is damaged; Atelier is rebuilding it from the server.",
    Code.CACHE_NOT_ALLOWED: "Atelier is not allowed to write its local cache (read-only disk or permission "
                            "denied).",
    Code.CACHE_CANNOT_OPEN: "Atelier could not open its local cache file. Check that the folder exists and "
                            "is writable.",
    Code.CACHE_DISK_ERROR: "A disk error stopped Atelier from reading or writing its local cache.",
    Code.CACHE_BUSY: "The local cache is busy; is another copy of Atelier running?",
    Code.CACHE_NO_MEMORY: "Atelier ran out of memory while using its local cache.",
    Code.CACHE_FAILED: "The local cache failed: %1",
    Code.CACHE_FROM_NEWER: "The local cache was written by a newer Atelier (schema version %1; this version "
                           "knows up to %2). Update Atelier, or remove the cache file to rebuild it.",
    Code.CACHE_CREATE_NOT_ALLOWED: "Atelier is not allowed to create its local cache in %1.",
    Code.CACHE_CREATE_FAILED: "Atelier could not create its local cache file (%1).",
    Code.CACHE_MOVE_ASIDE_FAILED: "Atelier could not move its damaged cache file aside (%1).",
    Code.CACHE_NO_WAL: "The local cache could not switch to write-ahead logging.",
    Code.CACHE_CLOSED: "The local cache is closed.",
    Code.CACHE_UPGRADE_FAILED: "Could not upgrade the local cache to version %1: %2",
    Code.RESCUED_NOT_SENT: "Not sent: the local cache was damaged and this could not be recovered in full. "
                           "Check the text before you send it again.",
    Code.REBUILT_NOTHING_QUEUED: _REBUILT + "Nothing was waiting to be sent.",
    Code.REBUILT_ALL_RESCUED: _REBUILT + "Everything waiting to be sent (%1) was rescued and will be sent.",
    Code.REBUILT_SOME_KEPT: _REBUILT + "Rescued and will be sent: %1. Not recovered in full, kept in Needs "
                                       "your attention: %2.",
    Code.REBUILT_SOME_UNREADABLE: _REBUILT + "Rescued and will be sent: %1. Could not be read at all: %2 "
                                             "(they may have been sent already).",
    Code.REBUILT_SOME_KEPT_AND_UNREADABLE: _REBUILT + "Rescued and will be sent: %1. Not recovered in full, "
                                                      "kept in Needs your attention: %2. Could not be read "
                                                      "at all: %3 (they may have been sent already).",
    Code.EXPORT_NO_FOLDER: "The folder %1 does not exist.",
    Code.EXPORT_NOT_ALLOWED: "Atelier is not allowed to write in %1.",
    Code.EXPORT_DISK_FULL: "The disk holding %1 is full: the file was not written.",
    Code.EXPORT_NOT_WRITTEN: "The file could not be written (%1).",
    Code.SEARCH_NAME_MISSING: "Give the search a name.",
    Code.SEARCH_NAME_TOO_LONG: "Keep the name under %1 characters.",
    Code.SEARCH_NOT_NARROWED: "Type search words or pick a filter first.",
    Code.COVER_LETTER_TOO_SHORT: "The cover letter needs at least 50 characters.",
    Code.BID_NOT_POSITIVE: "The bid must be more than zero.",
    Code.DURATION_MISSING: "Choose a duration.",
    Code.MILESTONE_UNDESCRIBED: "Describe every milestone.",
    Code.MILESTONE_AMOUNT_MISSING: "Every milestone needs an amount above zero.",
    Code.MILESTONES_MISS_THE_BID: "The milestones must add up to the bid.",
    Code.MILESTONE_DUE_PASSED: "A milestone's due date has already passed.",
    Code.SCREENING_UNANSWERED: "Answer every screening question.",
    Code.NOT_ENOUGH_CONNECTS: "Not enough Connects: this proposal needs %1 and you have %2.",
    Code.TEMPLATE_NAME_MISSING: "A template needs a name.",
    Code.TEMPLATE_TEXT_MISSING: "A template needs some text.",
    Code.TEMPLATE_NAME_TAKEN: "A template with this name already exists.",
    Code.TEMPLATE_GONE: "This template no longer exists.",
    Code.MESSAGE_EMPTY: "empty message",
    Code.MESSAGE_TOO_LONG: "a message holds at most %1 characters",
    Code.ATTACHMENTS_NOT_SUPPORTED: "%1 does not take files sent from Atelier.",
    Code.ATTACHMENT_MISSING: "The file %1 is no longer there.",
    Code.ATTACHMENT_EMPTY: "The file %1 is empty.",
    Code.ATTACHMENT_TOO_BIG: "%1 is larger than %2 MB, the most a file may be.",
    Code.ATTACHMENT_TYPE_REFUSED: "%1 cannot be sent: files of this kind are not accepted.",
    Code.ATTACHMENT_UNREADABLE: "The file %1 could not be read (%2).",
    Code.TOO_MANY_ATTACHMENTS: "A message carries at most %1 files.",
    Code.ATTACHMENT_NOT_SENT: "Its file %1 was refused, so the message was not sent.",
}
"""Each code's English template: what ``str(notice)`` and the logs say, and the source text the UI's
translations are made from (desktop/ui/notices.py repeats it, for lupdate)."""

PLURAL_ENGLISH: dict[Code, tuple[str, str]] = {
    Code.BROWSER_SILENT_MINUTES: (
        "No answer came back from the browser within %n minute. Please try again.",
        "No answer came back from the browser within %n minutes. Please try again."),
}
"""The English singular and plural of each template with ``%n``."""

_PLACEHOLDERS = re.compile(r"%(\d)")

@dataclass(frozen=True, slots=True)
class Notice:
    """One message for the user: what happened (``code``) and the parts that vary (``args``: text,
    numbers, or a Notice that this one wraps). ``str()`` gives the English."""

    code: Code
    args: tuple[str | int | Notice, ...] = ()

    def __post_init__(self) -> None:
        expected = argument_count(self.code)
        if len(self.args) != expected:
            raise ValueError(f"{self.code.name} takes {expected} argument(s), got {len(self.args)}")
        for arg in self.args:
            if not isinstance(arg, str | int | Notice) or isinstance(arg, bool):
                raise TypeError(f"a notice argument is text, a whole number or a Notice, not {arg!r}")
        if self.code in PLURAL_ENGLISH and not isinstance(self.args[0], int):
            raise TypeError(f"{self.code.name} takes a count first")

    @classmethod
    def text(cls, text: str) -> Notice:
        """Words that are not Atelier's (a marketplace's own message), shown as they are."""
        return cls(Code.TEXT, (text,))

    def __str__(self) -> str:
        return english(self)

    # -- as stored (an outbox row's reason) --------------------------------------------------------------
    def stored(self) -> str:
        """A compact JSON form that ``from_stored`` reads back (codes are stored by value)."""
        return json.dumps(self._plain(), ensure_ascii=False, separators=(",", ":"))

    def _plain(self) -> dict[str, Any]:
        return {"code": self.code.value,
                "args": [a._plain() if isinstance(a, Notice) else a for a in self.args]}

    @classmethod
    def from_stored(cls, stored: str) -> Notice:
        """What ``stored()`` wrote. Anything else (a row from before notices, or a value that does not fit)
        is taken as text shown as it is, except an English phrase of Atelier's own with nothing varying,
        which older versions stored as such: it reads back as its code, so it is translated."""
        try:
            return cls._from_plain(json.loads(stored))
        except (ValueError, TypeError, KeyError):
            pass
        code = _FIXED_PHRASES.get(stored)
        return cls(code) if code is not None else cls.text(stored)

    @classmethod
    def _from_plain(cls, plain: object) -> Notice:
        if not isinstance(plain, dict) or not isinstance(plain.get("args"), list):
            raise ValueError("not a stored notice")
        args = tuple(cls._from_plain(a) if isinstance(a, dict) else a for a in plain["args"])
        return cls(Code(plain["code"]), args)


def argument_count(code: Code) -> int:
    """How many arguments a code's template takes (a ``%n`` template's count included)."""
    template = ENGLISH[code]
    numbered = {int(n) for n in _PLACEHOLDERS.findall(template)}
    return max(numbered, default=0) + (1 if "%n" in template else 0)


def english(notice: Notice) -> str:
    """The notice in English (nested notices too)."""
    args = [english(a) if isinstance(a, Notice) else str(a) for a in notice.args]
    plural = PLURAL_ENGLISH.get(notice.code)
    if plural is None:
        return fill(ENGLISH[notice.code], *args)
    count = notice.args[0]
    assert isinstance(count, int)
    template = plural[0] if count == 1 else plural[1]
    return fill(template.replace("%n", str(count)), *args[1:])


_FIXED_PHRASES: dict[str, Code] = {
    text: code for code, text in ENGLISH.items() if not _PLACEHOLDERS.search(text) and "%n" not in text}
