"""The HTML of the sign-in + consent page behind GET/POST /oauth/authorize, and of its error page.

Plain server-rendered HTML with inline CSS: the page must work in any browser the desktop app hands it to,
with no script and no remote resource. Everything interpolated is escaped.
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape

_STYLE = """
:root { color-scheme: light dark; --accent: #14a800; --muted: #6b7177; --danger: #c0392b; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif;
       background: Canvas; color: CanvasText; display: flex; min-height: 100vh; align-items: center;
       justify-content: center; }
main { width: min(420px, 92vw); padding: 32px; border: 1px solid color-mix(in srgb, CanvasText 14%, Canvas);
       border-radius: 14px; box-shadow: 0 8px 30px rgba(0,0,0,.08); }
h1 { font-size: 22px; margin: 0 0 4px; }
p.lead { color: var(--muted); margin: 0 0 20px; }
.consent { background: color-mix(in srgb, var(--accent) 9%, Canvas); border-radius: 10px;
           padding: 12px 14px; margin: 0 0 20px; font-size: 14px; }
.consent ul { margin: 6px 0 0; padding-left: 20px; }
label { display: block; font-weight: 600; margin: 12px 0 4px; }
input[type=email], input[type=password] { width: 100%; padding: 10px 12px; font: inherit;
       border: 1px solid color-mix(in srgb, CanvasText 25%, Canvas); border-radius: 8px;
       background: Field; color: FieldText; }
.error { color: var(--danger); background: color-mix(in srgb, var(--danger) 10%, Canvas); padding: 10px 12px;
         border-radius: 8px; margin: 0 0 12px; }
.buttons { display: flex; gap: 10px; margin-top: 22px; }
button { flex: 1; padding: 10px 14px; font: inherit; font-weight: 600; border-radius: 8px;
         cursor: pointer; border: 1px solid color-mix(in srgb, CanvasText 25%, Canvas);
         background: Canvas; color: CanvasText; }
button.primary { background: var(--accent); border-color: var(--accent); color: #fff; }
.fine { color: var(--muted); font-size: 12px; margin-top: 18px; }
"""

# What the desktop app may do with the account, shown on the consent part of the page.
SCOPE_DESCRIPTION = (
    "Read job posts and your proposals",
    "Send proposals and chat messages on your behalf",
    "See your contracts and earnings",
)


def _document(title: str, body: str) -> str:
    return (
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        f"<title>{escape(title)}</title><style>{_STYLE}</style></head><body><main>{body}</main></body></html>"
    )


def sign_in_page(
    *,
    marketplace: str,
    client_name: str,
    hidden: Mapping[str, str],
    email: str = "",
    error: str | None = None,
) -> str:
    """The form: e-mail and password, plus the authorization request carried along in hidden fields."""
    hidden_inputs = "".join(
        f'<input type="hidden" name="{escape(name)}" value="{escape(value)}">'
        for name, value in hidden.items()
    )
    error_html = f'<p class="error" role="alert" id="error">{escape(error)}</p>' if error else ""
    scopes = "".join(f"<li>{escape(item)}</li>" for item in SCOPE_DESCRIPTION)
    body = (
        f"<h1>Sign in to {escape(marketplace)}</h1>"
        f'<p class="lead">to continue to <strong>{escape(client_name)}</strong></p>'
        f'<div class="consent"><strong>{escape(client_name)}</strong> will be able to:<ul>{scopes}</ul></div>'
        f"{error_html}"
        f'<form method="post" action="/oauth/authorize" id="signin">{hidden_inputs}'
        '<label for="email">E-mail</label>'
        f'<input type="email" id="email" name="email" autocomplete="username" required autofocus '
        f'value="{escape(email)}">'
        '<label for="password">Password</label>'
        '<input type="password" id="password" name="password" autocomplete="current-password" required>'
        '<div class="buttons">'
        # "allow" comes first: pressing Enter in a field submits with the first submit button.
        '<button type="submit" name="decision" value="allow" id="allow" class="primary">'
        "Sign in and allow</button>"
        '<button type="submit" name="decision" value="deny" id="deny" formnovalidate>Cancel</button>'
        "</div></form>"
        '<p class="fine">You will be sent back to the app on this computer. You can revoke its access at any '
        "time by signing out in the app.</p>"
    )
    return _document(f"Sign in to {marketplace}", body)


def error_page(title: str, detail: str) -> str:
    """Shown instead of redirecting when the request cannot be trusted to go back to the app."""
    return _document(title, f'<h1>{escape(title)}</h1><p class="error" role="alert">{escape(detail)}</p>')
