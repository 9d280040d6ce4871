"""How every test and benchmark starts a browser: Debian's Chromium, never a downloaded one.

The flags keep headless Chromium off the network on its own (no component updates, sync
or background requests), which this sandbox refuses and a reader's machine should not see.
"""

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
