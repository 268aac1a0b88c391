"""Entry point: `python app.py` serves on 127.0.0.1:8050 (PORT overrides); gunicorn uses `app:server`."""

import sys

from lsgdash.store.files import StoreError
from lsgdash.webapp import create_app, run

try:
    app = create_app()
except StoreError as err:  # a damaged store that cannot be rebuilt: one line, not a traceback
    if __name__ == "__main__":
        sys.exit(f"lsgdash cannot start: {err}")
    raise
server = app.server

if __name__ == "__main__":
    run(app)
