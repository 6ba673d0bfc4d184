"""What production mode (DJANGO_ENV=production) sends: read from real responses."""

import json
import subprocess
import sys
import textwrap

SCRIPT = textwrap.dedent(
    """
    import json
    import django
    django.setup()
    from django.test import Client
    client = Client()
    insecure = client.get("/healthz/")
    secure = client.get("/healthz/", secure=True)
    language = client.get("/ngon-ngu/en/?next=/", secure=True)
    cookie = language.cookies["django_language"]
    print(json.dumps({
        "insecure_status": insecure.status_code,
        "insecure_location": insecure.get("Location"),
        "hsts": secure.get("Strict-Transport-Security"),
        "csp": secure.get("Content-Security-Policy"),
        "nosniff": secure.get("X-Content-Type-Options"),
        "referrer": secure.get("Referrer-Policy"),
        "frame": secure.get("X-Frame-Options"),
        "cookie_secure": bool(cookie["secure"]),
        "cookie_samesite": cookie["samesite"],
    }))
    """
)


def test_production_mode_sends_https_only_headers(tmp_path):
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        env={
            "PATH": "/usr/bin:/bin",
            "DJANGO_SETTINGS_MODULE": "newsroom.settings",
            "DJANGO_ENV": "production",
            "SECRET_KEY": "a-long-random-production-secret-key-" + "x" * 40,
            "ALLOWED_HOSTS": "testserver",
            # Nothing here touches the database; the URL only has to be valid.
            "DATABASE_URL": "postgres://toasoan@127.0.0.1:1/toasoan",
            "NEWSROOM_VAR_DIR": str(tmp_path),
            "STATIC_ROOT": str(tmp_path / "static"),
            "LOG_LEVEL": "CRITICAL",
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    headers = json.loads(result.stdout.strip().splitlines()[-1])
    assert headers["insecure_status"] == 301
    assert headers["insecure_location"] == "https://testserver/healthz/"
    assert headers["hsts"] == "max-age=31536000; includeSubDomains; preload"
    assert "default-src 'self'" in headers["csp"] and "frame-ancestors 'none'" in headers["csp"]
    assert headers["nosniff"] == "nosniff"
    assert headers["referrer"] == "strict-origin-when-cross-origin"
    assert headers["frame"] == "DENY"
    assert headers["cookie_secure"] is True
    assert headers["cookie_samesite"] == "Lax"
