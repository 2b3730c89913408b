"""What runs around the windows: which account is open and how that changes (accounts.py), and the demo
marketplace behind ``--demo`` (demo.py). Qt-free; app.py composes them and drives them from the Qt loop."""
