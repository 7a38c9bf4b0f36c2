"""Đưa Tin settings: one module, driven by environment variables.

With no DATABASE_URL / CELERY_BROKER_URL the portal runs embedded: SQLite and Celery's
filesystem transport under var/. Production and CI set both (PostgreSQL, Redis).
"""

import os
import sys
from datetime import time, timedelta
from pathlib import Path

import dj_database_url
from celery.schedules import crontab

from portal.env import env_bool, env_int, env_list, env_str, load_dotenv

BASE_DIR = Path(__file__).resolve().parent.parent
load_dotenv(BASE_DIR / ".env")
VAR_DIR = Path(env_str("VAR_DIR", str(BASE_DIR / "var")))
TESTING = "pytest" in sys.modules or env_bool("TESTING")

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY", required=not (DEBUG or TESTING)) or "dev-only-insecure-key"
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = env_str("SITE_URL", "http://localhost:8000").rstrip("/")

# Our apps come first: their templates and translations win over Django's and third
# parties' (Django's admin catalogue, say, translates "History" as "Bản ghi nhớ").
INSTALLED_APPS = [
    "portal",
    "contacts",
    "events",
    "newsroom",
    "campaigns",
    "intake",
    "privacy",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "django_celery_beat",
    "django_celery_results",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "rules.apps.AutodiscoverRulesConfig",
    "simple_history",
    "django.contrib.postgres",  # unaccent lookup for contact search; harmless on SQLite
]

MIDDLEWARE = [
    # Outermost: the e-mails a request queued are handed to the broker once, at its end.
    "portal.outbox.OutboxPublishMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "portal.middleware.ChosenLanguageMiddleware",
    # Oversize bodies and control characters are refused before CSRF reads the body.
    "portal.middleware.HostileInputMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "portal.middleware.TwoFactorMiddleware",
    "portal.middleware.IdleSessionMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Files of a refused form are kept after the view's transaction (portal/pending.py).
    "portal.pending.PendingUploadsMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
    "portal.middleware.AlreadyDoneMiddleware",
    # Reads of personal data recorded during the view are written in one INSERT here.
    "contacts.services.access.AccessLogMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"
ASGI_APPLICATION = "portal.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.context_processors.portal",
            ],
        },
    }
]

# Database: PostgreSQL when DATABASE_URL is set, SQLite under var/ otherwise.
DATABASE_URL = env_str("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": VAR_DIR / "db.sqlite3",
            "OPTIONS": {"timeout": 20, "transaction_mode": "IMMEDIATE"},
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
IS_POSTGRES = DATABASES["default"]["ENGINE"].endswith("postgresql")

AUTH_USER_MODEL = "portal.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# django-axes: two locks. A username from one address locks after AXES_FAILURE_LIMIT
# failures (the same person elsewhere can still sign in, so an attacker cannot lock the
# director out from everywhere); one address locks after AXES_IP_FAILURE_LIMIT failures
# across any usernames (no password spraying). Axes has one limit for all its rules, so
# portal.lockout.LockoutHandler scales each rule's count by its own limit.
AXES_HANDLER = "portal.lockout.LockoutHandler"
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_IP_FAILURE_LIMIT = env_int("AXES_IP_FAILURE_LIMIT", 20)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_HTTP_RESPONSE_CODE = 429
AXES_RESET_ON_SUCCESS = True
AXES_ENABLED = env_bool("AXES_ENABLED", True)
# The client address (portal.lockout.client_ip). Without a proxy (the default) only
# REMOTE_ADDR counts and a forged X-Forwarded-For is ignored. Behind N trusted proxies that
# each append the address they saw to TRUSTED_PROXY_HEADER (nginx:
# `proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;`) set TRUSTED_PROXY_COUNT=N:
# the N-th address from the right is the client, whatever the client wrote in front of it.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
TRUSTED_PROXY_HEADER = env_str("TRUSTED_PROXY_HEADER", "HTTP_X_FORWARDED_FOR")
AXES_CLIENT_IP_CALLABLE = "portal.lockout.client_ip"

# Two-factor sign-in (django-otp: TOTP app + printable backup codes). Required for these
# roles and for every staff or superuser account; optional for everyone else.
OTP_REQUIRED_ROLES = env_list("OTP_REQUIRED_ROLES", ["editor", "reviewer"])
OTP_TOTP_ISSUER = "Đưa Tin"
OTP_BACKUP_CODE_COUNT = 10

# Sessions end after SESSION_IDLE_MINUTES without a request; activity renews them, at
# most every SESSION_RENEW_SECONDS (portal.middleware.IdleSessionMiddleware).
SESSION_COOKIE_AGE = env_int("SESSION_IDLE_MINUTES", 8 * 60) * 60
SESSION_RENEW_SECONDS = 5 * 60
# A password-reset link works once and for this long.
PASSWORD_RESET_TIMEOUT = env_int("PASSWORD_RESET_TIMEOUT_MINUTES", 60) * 60

# Internationalisation: Vietnamese first, English on request.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
# dd/mm/yyyy HH:MM everywhere, whatever the active language.
FORMAT_MODULE_PATH = ["portal.formats"]
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
DATETIME_INPUT_FORMATS = ["%d/%m/%Y %H:%M", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"]

# Static and media files.
STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
MEDIA_URL = "/media/"  # never served directly: files go through access-checked views
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or TESTING
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Development and tests serve static files straight from the finders.
WHITENOISE_USE_FINDERS = DEBUG or TESTING
WHITENOISE_AUTOREFRESH = DEBUG or TESTING
# "x-accel" behind nginx, "stream" in development (Django streams the file itself).
PROTECTED_FILES_MODE = env_str("PROTECTED_FILES_MODE", "stream")
PROTECTED_FILES_ACCEL_PREFIX = env_str("PROTECTED_FILES_ACCEL_PREFIX", "/protected/")
# Request bodies. Form fields (everything but files) may take DATA_UPLOAD_MAX_MB; an
# uploaded file above FILE_UPLOAD_MAX_MEMORY_MB goes to a temporary file, not memory.
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DATA_UPLOAD_MAX_MB", 5) * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = env_int("FILE_UPLOAD_MAX_MEMORY_MB", 2) * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = env_int("DATA_UPLOAD_MAX_NUMBER_FIELDS", 1000)
DATA_UPLOAD_MAX_NUMBER_FILES = env_int("DATA_UPLOAD_MAX_NUMBER_FILES", 30)

# E-mail: console in development, SMTP from the environment otherwise.
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
# Text messages (portal/sms.py): printed in development; a gateway's class in production.
SMS_BACKEND = env_str("SMS_BACKEND", "portal.sms.ConsoleBackend")
SMS_FILE_PATH = env_str("SMS_FILE_PATH", str(VAR_DIR / "sms"))
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Đưa Tin <no-reply@duatin.local>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Celery: Redis when CELERY_BROKER_URL is set, the filesystem transport otherwise.
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", "filesystem://")
CELERY_BROKER_DIR = VAR_DIR / "celery"
CELERY_BROKER_TRANSPORT_OPTIONS = (
    {
        "data_folder_in": str(CELERY_BROKER_DIR / "queue"),
        "data_folder_out": str(CELERY_BROKER_DIR / "queue"),
        "processed_folder": str(CELERY_BROKER_DIR / "processed"),
        "control_folder": str(CELERY_BROKER_DIR / "control"),
        "store_processed": False,
    }
    if CELERY_BROKER_URL.startswith("filesystem")
    else {
        # A dead broker must fail fast, never hang a request.
        "socket_connect_timeout": 2,
        "socket_timeout": 5,
        "max_retries": 1,
        "visibility_timeout": env_int("CELERY_VISIBILITY_TIMEOUT", 600),
    }
)
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_CONNECTION_MAX_RETRIES = None
CELERY_TASK_PUBLISH_RETRY = True
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.2,
}
CELERY_RESULT_BACKEND = "django-db"
CELERY_RESULT_EXTENDED = False
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_IGNORE_RESULT = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
# Tests run tasks in-process unless a test starts a real worker (the drills do).
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", TESTING)

# Outbox delivery.
OUTBOX_MAX_ATTEMPTS = env_int("OUTBOX_MAX_ATTEMPTS", 6)
OUTBOX_RETRY_BASE_SECONDS = env_int("OUTBOX_RETRY_BASE_SECONDS", 60)
# A row 'sending' for this long belongs to a dead worker; the janitor releases it.
OUTBOX_STUCK_AFTER = timedelta(seconds=env_int("OUTBOX_STUCK_SECONDS", 10 * 60))
OUTBOX_SWEEP_BATCH = env_int("OUTBOX_SWEEP_BATCH", 500)
# A worker claims this many rows in one statement, then sends them over one connection.
OUTBOX_CLAIM_BATCH = env_int("OUTBOX_CLAIM_BATCH", 50)
# ... and marks the sent ones in one UPDATE every this many (a worker killed in between
# may send up to this many again; see portal.outbox.deliver_many).
OUTBOX_MARK_EVERY = env_int("OUTBOX_MARK_EVERY", 10)
# Handing rows to the broker after commit: one publish per transaction (per request in a
# request, portal.outbox.OutboxPublishMiddleware), connect and
# socket timeout in milliseconds (a request waits at most about this long when the broker
# is down), then no publishing for the cool-down; the sweeper delivers meanwhile.
OUTBOX_PUBLISH_TIMEOUT = env_int("OUTBOX_PUBLISH_TIMEOUT_MS", 300) / 1000
OUTBOX_PUBLISH_COOLDOWN = env_int("OUTBOX_PUBLISH_COOLDOWN_SECONDS", 30)
OUTBOX_PUBLISH_CHUNK = 100
HEARTBEAT_STALE_AFTER = timedelta(minutes=3)

# A create form's one-time token (portal/idempotency.py) is good for this long after the
# page was shown; its claim row is kept as long, then pruned hourly by beat.
SUBMISSION_TOKEN_MAX_AGE_HOURS = env_int("SUBMISSION_TOKEN_MAX_AGE_HOURS", 48)
# Files of a refused form (portal/pending.py) wait this long to be sent again.
PENDING_UPLOAD_MAX_AGE = timedelta(hours=env_int("PENDING_UPLOAD_MAX_AGE_HOURS", 24))
# A press invitation may carry the notice's documents, at most this much in all (each
# recipient's e-mail is an outbox row holding its own copy).
PRESS_INVITATION_ATTACHMENT_MAX_BYTES = (
    env_int("PRESS_INVITATION_ATTACHMENT_MAX_MB", 10) * 1024 * 1024
)
# Retention (portal.prune_old_rows, nightly): sent e-mails, read notifications and
# finished reminders are deleted after these many days; failed e-mails are kept longer
# (an administrator may want to know what never arrived). Expired sessions go too.
OUTBOX_RETENTION_DAYS = env_int("OUTBOX_RETENTION_DAYS", 90)
OUTBOX_FAILED_RETENTION_DAYS = env_int("OUTBOX_FAILED_RETENTION_DAYS", 365)
# Outbox rows deleted per transaction by the nightly prune.
OUTBOX_PRUNE_BATCH = env_int("OUTBOX_PRUNE_BATCH", 1000)
NOTIFICATION_RETENTION_DAYS = env_int("NOTIFICATION_RETENTION_DAYS", 90)
REMINDER_RETENTION_DAYS = env_int("REMINDER_RETENTION_DAYS", 90)

# `manage.py backup` writes its dated archives here.
BACKUP_DIR = Path(env_str("BACKUP_DIR", str(VAR_DIR / "backups")))

# Lead-time rule (seed 000): planned ≥ 24 h, urgent ≥ 60 min; emergencies are exempt.
# Seed 003: the weekly report is due every report day before 15:00; unsent drafts are
# reminded this long before.
WEEKLY_REPORT_DEADLINE = time(env_int("WEEKLY_REPORT_DEADLINE_HOUR", 15), 0)
WEEKLY_REPORT_REMIND_BEFORE = timedelta(minutes=env_int("WEEKLY_REPORT_REMIND_MINUTES", 30))
# The sent report's PDF: LibreOffice headless converts the Word file (off in tests unless
# a test turns it on, since one conversion takes seconds).
REPORT_PDF_ENABLED = env_bool("REPORT_PDF_ENABLED", not TESTING)
REPORT_PDF_CONVERTER = env_str("REPORT_PDF_CONVERTER", "soffice")
REPORT_PDF_TIMEOUT = env_int("REPORT_PDF_TIMEOUT", 120)
LEAD_TIME_PLANNED_MINUTES = env_int("LEAD_TIME_PLANNED_MINUTES", 24 * 60)
LEAD_TIME_URGENT_MINUTES = env_int("LEAD_TIME_URGENT_MINUTES", 60)
NOTICE_ATTACHMENT_MAX_BYTES = env_int("NOTICE_ATTACHMENT_MAX_MB", 20) * 1024 * 1024
NOTICE_ATTACHMENT_MAX_COUNT = env_int("NOTICE_ATTACHMENT_MAX_COUNT", 10)
# E-mail intake (intake app): a message larger than this is not downloaded (it stays on
# the server, moved to the processed folder, and the sender is told); attachments are
# checked like form uploads, at most this many and this large each.
INTAKE_MAX_MESSAGE_BYTES = env_int("INTAKE_MAX_MESSAGE_MB", 30) * 1024 * 1024
# (one place fewer than a notice holds: the original .eml is attached to the notice too)
INTAKE_MAX_ATTACHMENTS = env_int("INTAKE_MAX_ATTACHMENTS", NOTICE_ATTACHMENT_MAX_COUNT - 1)
INTAKE_MAX_ATTACHMENT_BYTES = NOTICE_ATTACHMENT_MAX_BYTES
# IMAP connect and read timeout (seconds), and how many messages one poll takes.
INTAKE_IMAP_TIMEOUT = env_int("INTAKE_IMAP_TIMEOUT_SECONDS", 20)
INTAKE_POLL_BATCH = env_int("INTAKE_POLL_BATCH", 50)
# One worker polls a mailbox at a time; a worker that died holding it is replaced after
# this long without news from it.
INTAKE_POLL_LEASE = timedelta(seconds=env_int("INTAKE_POLL_LEASE_SECONDS", 120))
# A time of day given only as a session ("sáng ngày 15/12") starts at these hours.
INTAKE_SESSION_START = {
    "sang": time(env_int("INTAKE_MORNING_HOUR", 8), 0),
    "chieu": time(env_int("INTAKE_AFTERNOON_HOUR", 14), 0),
    "toi": time(env_int("INTAKE_EVENING_HOUR", 19), 30),
}
# An invitation rarely says when the event ends: the notice lasts this long.
INTAKE_DEFAULT_DURATION = timedelta(minutes=env_int("INTAKE_DEFAULT_DURATION_MINUTES", 120))
# A notice is created only when the start was read with at least this confidence.
INTAKE_MIN_START_CONFIDENCE = 0.8
# Contributor stories: photo and text limits (Pillow's decompression-bomb limit is set
# from STORY_PHOTO_MAX_PIXELS), thumbnail widths, and the attachment size.
STORY_PHOTO_MAX_BYTES = env_int("STORY_PHOTO_MAX_MB", 10) * 1024 * 1024
STORY_PHOTO_MAX_PIXELS = env_int("STORY_PHOTO_MAX_PIXELS", 40_000_000)
STORY_PHOTO_MAX_COUNT = 10
STORY_PHOTO_JPEG_QUALITY = 88
STORY_THUMBNAIL_WIDTHS = {"small": 320, "medium": 1024}
STORY_BODY_MAX_CHARS = 50_000
STORY_ATTACHMENT_MAX_BYTES = env_int("STORY_ATTACHMENT_MAX_MB", 20) * 1024 * 1024
STORY_ATTACHMENT_MAX_COUNT = 5
# Every uploaded image is decoded in full, below this many pixels; every DOCX/XLSX is
# unpacked within these limits (portal.files.verify_upload).
UPLOAD_IMAGE_MAX_PIXELS = env_int("UPLOAD_IMAGE_MAX_PIXELS", STORY_PHOTO_MAX_PIXELS)
UPLOAD_ZIP_MAX_MEMBERS = env_int("UPLOAD_ZIP_MAX_MEMBERS", 1000)
UPLOAD_ZIP_MAX_INFLATED_BYTES = env_int("UPLOAD_ZIP_MAX_INFLATED_MB", 100) * 1024 * 1024
UPLOAD_ZIP_MAX_RATIO = env_int("UPLOAD_ZIP_MAX_RATIO", 200)
# The largest body a request may carry, checked on its Content-Length before it is read
# (portal.middleware.HostileInputMiddleware). The default is just above the largest legal
# upload: a notice with all its attachments, or a story with all its photos and
# attachments, plus 1 MB of form fields. nginx's client_max_body_size must match it.
REQUEST_MAX_BODY_BYTES = (
    env_int(
        "REQUEST_MAX_BODY_MB",
        max(
            NOTICE_ATTACHMENT_MAX_BYTES * NOTICE_ATTACHMENT_MAX_COUNT,
            STORY_PHOTO_MAX_BYTES * STORY_PHOTO_MAX_COUNT
            + STORY_ATTACHMENT_MAX_BYTES * STORY_ATTACHMENT_MAX_COUNT,
        )
        // (1024 * 1024)
        + 1,
    )
    * 1024
    * 1024
)
# Recurring notices: occurrences are created this far ahead; a series may not have more.
SERIES_HORIZON_WEEKS = env_int("SERIES_HORIZON_WEEKS", 8)
SERIES_MAX_OCCURRENCES = 200
# Campaigns (seed 004): a recipient that has not acknowledged this many days after the
# campaign was sent is reminded once; one that has not reported by the end date, once more.
CAMPAIGN_ACK_REMIND_AFTER_DAYS = env_int("CAMPAIGN_ACK_REMIND_AFTER_DAYS", 3)
# The place written before the date of a campaign summary ("Kon Tum, ngày … tháng …").
CAMPAIGN_SUMMARY_PLACE = env_str("CAMPAIGN_SUMMARY_PLACE", "Kon Tum")
CAMPAIGN_MATERIAL_MAX_BYTES = env_int("CAMPAIGN_MATERIAL_MAX_MB", 20) * 1024 * 1024
CAMPAIGN_EVIDENCE_MAX_BYTES = env_int("CAMPAIGN_EVIDENCE_MAX_MB", 10) * 1024 * 1024
# Travel buffer around an assignment when checking a reporter's double booking.
ASSIGNMENT_TRAVEL_BUFFER_MINUTES = env_int("ASSIGNMENT_TRAVEL_BUFFER_MINUTES", 60)
# An absence a reporter records waits for the director's approval (it blocks meanwhile);
# off: it is approved at once. An editor's record is always approved.
ABSENCE_NEEDS_APPROVAL = env_bool("ABSENCE_NEEDS_APPROVAL", True)
# A reporter who has not accepted an assignment this many minutes after it was made is
# escalated to the director once (shorter for urgent and emergency notices).
ASSIGNMENT_ANSWER_MINUTES = env_int("ASSIGNMENT_ANSWER_MINUTES", 120)
ASSIGNMENT_ANSWER_MINUTES_URGENT = env_int("ASSIGNMENT_ANSWER_MINUTES_URGENT", 15)
# The accept / decline link in the assignment e-mail works this long (and once).
ASSIGNMENT_ANSWER_LINK_HOURS = env_int("ASSIGNMENT_ANSWER_LINK_HOURS", 72)

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"
SIMPLE_HISTORY_REVERT_DISABLED = True
PAGE_SIZE = 20

# Press contact directory: an entry not re-verified for this many days is flagged stale.
CONTACT_STALE_AFTER_DAYS = env_int("CONTACT_STALE_AFTER_DAYS", 180)
CONTACT_IMPORT_MAX_BYTES = env_int("CONTACT_IMPORT_MAX_MB", 2) * 1024 * 1024
# No form accepts a file larger than this: past it, an upload is counted, not stored
# (portal/uploads.py), and the form refuses it by its size.
UPLOAD_FILE_MAX_BYTES = max(
    NOTICE_ATTACHMENT_MAX_BYTES,
    STORY_PHOTO_MAX_BYTES,
    STORY_ATTACHMENT_MAX_BYTES,
    CONTACT_IMPORT_MAX_BYTES,
    CAMPAIGN_MATERIAL_MAX_BYTES,
    CAMPAIGN_EVIDENCE_MAX_BYTES,
)
FILE_UPLOAD_HANDLERS = [
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "portal.uploads.SizeCappedUploadHandler",
]
# Hard caps on one import (a file beyond any of them is refused with a message naming it).
CONTACT_IMPORT_MAX_ROWS = env_int("CONTACT_IMPORT_MAX_ROWS", 5000)
CONTACT_IMPORT_MAX_COLUMNS = env_int("CONTACT_IMPORT_MAX_COLUMNS", 50)
CONTACT_IMPORT_MAX_CELL_CHARS = env_int("CONTACT_IMPORT_MAX_CELL_CHARS", 2000)
# An .xlsx is a zip: its parts are counted and inflated before any parser reads them.
CONTACT_IMPORT_MAX_ZIP_MEMBERS = env_int("CONTACT_IMPORT_MAX_ZIP_MEMBERS", 100)
CONTACT_IMPORT_MAX_INFLATED_BYTES = env_int("CONTACT_IMPORT_MAX_INFLATED_MB", 20) * 1024 * 1024
CONTACT_IMPORT_MAX_ZIP_RATIO = env_int("CONTACT_IMPORT_MAX_ZIP_RATIO", 100)
# A dry run can be applied for this long; beat deletes it this long after it expired.
CONTACT_IMPORT_DRY_RUN_TTL = timedelta(minutes=env_int("CONTACT_IMPORT_DRY_RUN_MINUTES", 60))
CONTACT_IMPORT_DRY_RUN_RETENTION = timedelta(hours=env_int("CONTACT_IMPORT_DRY_RUN_KEEP_HOURS", 24))

# Security: strict unless DEBUG.
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG and not TESTING:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_REDIRECT_EXEMPT = [r"^health/$"]
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)

# Pages the reporter's phone keeps for reading without signal (URL names; portal/pwa.py).
OFFLINE_PAGES = ["home", "newsroom:my_assignments"]

# Content-Security-Policy (django-csp): scripts only from our static files (no inline
# script, no on*= handlers); images may be data: URIs (the 2FA QR code, the preview of a
# kept photo) or blob: URLs (the story form's previews of photos just chosen). Style attributes
# in templates are allowed by style-src-attr; <style> elements are not.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "style-src-attr": ["'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    SMS_BACKEND = "portal.sms.LocmemBackend"
    AXES_ENABLED = env_bool("AXES_ENABLED", True)
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright + live_server

CELERY_BEAT_SCHEDULE = {
    "outbox-sweep": {"task": "portal.sweep_outbox", "schedule": 60.0},
    "worker-heartbeat": {"task": "portal.heartbeat", "schedule": 30.0},
    "reminders-sweep": {"task": "newsroom.sweep_reminders", "schedule": 60.0},
    "unanswered-assignments": {"task": "newsroom.escalate_unanswered", "schedule": 60.0},
    "compliance-monthly": {
        "task": "newsroom.monthly_compliance",
        "schedule": crontab(minute=0, hour=7, day_of_month=1),
    },
    "story-thumbnail-sweep": {"task": "events.sweep_story_thumbnails", "schedule": 300.0},
    "import-dry-run-prune": {"task": "contacts.prune_import_dry_runs", "schedule": 3600.0},
    "public-exports-rebuild": {"task": "contacts.rebuild_public_exports", "schedule": 3600.0},
    # Each centre's weekly-report schedule is a row of ReportSettings; this reads them all.
    "weekly-report-sweep": {"task": "newsroom.sweep_weekly_reports", "schedule": 60.0},
    "submission-token-prune": {"task": "portal.prune_submission_tokens", "schedule": 3600.0},
    "pending-upload-prune": {"task": "portal.prune_pending_uploads", "schedule": 3600.0},
    "prune-old-rows": {"task": "portal.prune_old_rows", "schedule": crontab(minute=30, hour=2)},
    "series-horizon": {"task": "events.extend_series", "schedule": crontab(minute=5)},
    "campaign-reminders": {"task": "campaigns.send_reminders", "schedule": crontab(minute=15)},
    # Reads only the centres' mailboxes that are configured and switched on (none by default).
    "intake-poll": {"task": "intake.poll_mailboxes", "schedule": 60.0},
    "privacy-reminders": {"task": "privacy.send_reminders", "schedule": 900.0},
}

# Personal data (Law 91/2025/QH15, Decree 356/2025). The controller named in every notice
# to a person; how long the consent link in that notice works.
PERSONAL_DATA_CONTROLLER = env_str(
    "PERSONAL_DATA_CONTROLLER", "Sở Văn hóa, Thể thao và Du lịch tỉnh"
)
CONSENT_LINK_MAX_AGE_DAYS = env_int("CONSENT_LINK_MAX_AGE_DAYS", 30)
# Requests from people about their data: answered within this many working days of the
# verified request (public holidays are data: privacy.PublicHoliday); the code sent to
# the e-mail on file works this long, for this many tries.
DATA_REQUEST_DEADLINE_WORKING_DAYS = env_int("DATA_REQUEST_DEADLINE_WORKING_DAYS", 2)
DATA_REQUEST_CODE_MINUTES = env_int("DATA_REQUEST_CODE_MINUTES", 30)
DATA_REQUEST_CODE_TRIES = env_int("DATA_REQUEST_CODE_TRIES", 5)
# The access log of reads of the directory's personal data, kept this long.
ACCESS_LOG_ENABLED = env_bool("ACCESS_LOG_ENABLED", True)
ACCESS_LOG_RETENTION_DAYS = env_int("ACCESS_LOG_RETENTION_DAYS", 365)
# Retention of personal data (privacy.services.retention, nightly with the rest, and
# `manage.py privacy_retention --dry-run` to list it first): retired directory entries
# are anonymised this long after they were retired; decided proposals deleted; e-mail
# bodies in the outbox blanked (subject, address and state stay until the row goes).
RETIRED_ENTRY_RETENTION_DAYS = env_int("RETIRED_ENTRY_RETENTION_DAYS", 730)
PROPOSAL_RETENTION_DAYS = env_int("PROPOSAL_RETENTION_DAYS", 365)
OUTBOX_BODY_RETENTION_DAYS = env_int("OUTBOX_BODY_RETENTION_DAYS", 30)
