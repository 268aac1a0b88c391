"""Entry point: `python app.py` serves on 127.0.0.1:8050 (PORT overrides); gunicorn uses `app:server`."""

from lsgdash.webapp import create_app, run

app = create_app()
server = app.server

if __name__ == "__main__":
    run(app)
