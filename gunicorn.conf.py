"""gunicorn in production (compose's web service and the Docker image's default command).

Headers are bounded here; a request body larger than REQUEST_MAX_BYTES is refused by the portal before it
is read (portal/limits.py). A proxy in front should cap bodies at the same size (nginx: client_max_body_size).
"""

import os

bind = f"0.0.0.0:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
timeout = 60
graceful_timeout = 30
limit_request_line = 8190
limit_request_fields = 100
limit_request_field_size = 8190
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = "-"
