# Đưa Tin image: one image for web (gunicorn), Celery worker and Celery beat.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PORT=8000

# gettext: msgfmt for compilemessages (checks placeholders while compiling).
# libreoffice-writer-nogui: the weekly report's PDF (Word → PDF, headless); fonts-liberation:
# Liberation Serif, metric-compatible with Times New Roman, which Debian does not ship.
# dovecot-imapd: the IMAP server the intake tests start (tests/intake/conftest.py).
# postgresql-client-15: pg_dump / pg_restore for `manage.py backup` and `restore`
# (the same major version as the postgres:15 service in docker-compose.yml).
RUN apt-get update \
    && apt-get install -y --no-install-recommends gettext libreoffice-writer-nogui fonts-liberation dovecot-imapd \
       postgresql-client-15 \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY requirements.txt .
RUN pip install -r requirements.txt

COPY . .

# Compiled translations ship in the image. DEBUG=1 only lets the settings load without a
# SECRET_KEY at build time; nothing else runs here.
RUN mkdir -p locale \
    && DEBUG=1 python manage.py compilemessages --ignore=var --ignore=staticfiles \
    && useradd --system --uid 10001 --user-group --home-dir /app duatin \
    && mkdir -p var/media var/backups staticfiles \
    && chown -R duatin:duatin var staticfiles

USER duatin
EXPOSE 8000

# The web command; docker-compose.yml runs migrate and collectstatic before it and
# overrides the command for the worker and beat.
CMD ["sh", "-c", "exec gunicorn portal.wsgi --bind 0.0.0.0:${PORT} --workers ${WEB_CONCURRENCY:-3} --access-logfile -"]
