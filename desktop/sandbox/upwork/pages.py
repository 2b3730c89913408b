"""HTML of the Upwork-style authorize flow: sign-in page, consent ("Allow") page and error page.

Plain HTML with inline CSS and no script, like the reference sandbox's signin_page.py; everything interpolated
is escaped. The look is Upwork-ish (green accent), the wording is ours.
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape

_STYLE = """
body { margin: 0; font: 15px/1.45 system-ui, sans-serif; display: flex; min-height: 100vh;
       align-items: center; justify-content: center; background: #f7faf7; color: #001e00; }
main { width: min(420px, 92vw); padding: 32px; background: #fff; border: 1px solid #d5e0d5;
       border-radius: 14px; }
h1 { font-size: 22px; margin: 0 0 12px; } label { display: block; font-weight: 600; margin: 12px 0 4px; }
input[type=email], input[type=password] { width: 100%; padding: 10px; font: inherit; box-sizing: border-box; }
.error { color: #9e1c1c; background: #fdecec; padding: 10px; border-radius: 8px; }
button { padding: 10px 18px; font: inherit; font-weight: 600; border-radius: 20px; margin-top: 18px; }
button.primary { background: #14a800; color: #fff; border: 1px solid #14a800; }
"""


def _document(title: str, body: str) -> str:
    return (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{escape(title)}</title>'
        f"<style>{_STYLE}</style></head><body><main>{body}</main></body></html>"
    )


def _hidden(fields: Mapping[str, str]) -> str:
    return "".join(f'<input type="hidden" name="{escape(k)}" value="{escape(v)}">' for k, v in fields.items())


def sign_in_page(action: str, hidden: Mapping[str, str], email: str = "", error: str | None = None) -> str:
    error_html = f'<p class="error" role="alert" id="error">{escape(error)}</p>' if error else ""
    body = (
        "<h1>Log in to Upwork</h1>"
        + error_html
        + f'<form method="post" action="{escape(action)}" id="signin">{_hidden(hidden)}'
        '<input type="hidden" name="step" value="login">'
        '<label for="email">Username or Email</label>'
        f'<input type="email" id="email" name="email" required autofocus value="{escape(email)}">'
        '<label for="password">Password</label>'
        '<input type="password" id="password" name="password" required>'
        '<button class="primary" type="submit">Log in</button></form>'
    )
    return _document("Log in - Upwork (sandbox)", body)


def consent_page(action: str, hidden: Mapping[str, str], app_name: str, user_name: str) -> str:
    body = (
        f"<h1>Authorize {escape(app_name)}</h1>"
        f"<p>Signed in as <strong>{escape(user_name)}</strong>. {escape(app_name)} will be able to read your "
        "job feed, proposals, messages, contracts and earnings, and send messages for you.</p>"
        f'<form method="post" action="{escape(action)}" id="consent">{_hidden(hidden)}'
        '<input type="hidden" name="step" value="consent">'
        '<button class="primary" type="submit" name="decision" value="allow" id="allow">Allow</button> '
        '<button type="submit" name="decision" value="deny" id="deny">Deny</button></form>'
    )
    return _document("Authorize - Upwork (sandbox)", body)


def error_page(message: str) -> str:
    return _document(
        "Error - Upwork (sandbox)",
        f'<h1>Something went wrong</h1><p class="error" id="error">{escape(message)}</p>',
    )
