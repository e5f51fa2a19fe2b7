"""The WSGI entry point for production servers, e.g. `gunicorn wsgi:app`.

It fails closed: without HELTIDNETT_ENV it runs the production configuration, which refuses
to start without a SECRET_KEY of its own. (`make run` and the `flask` command default to
development.)
"""

from config import config_from_env
from heltidnett import create_app

app = create_app(config_from_env(default="production"))
