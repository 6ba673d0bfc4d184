# The app servers behind Varnish, and who may purge. Copy to
# /etc/varnish/toasoan-backends.vcl and list your own app servers
# (tests/reliability/test_multi_server.py writes one of these for loopback).

import directors;

probe healthz {
    .url = "/healthz/";
    .interval = 2s;
    .timeout = 1s;
    .window = 3;
    .threshold = 2;
    # Healthy from the start, rather than after the first two answers.
    .initial = 2;
}

backend app1 { .host = "10.0.0.11"; .port = "8000"; .probe = healthz; }
backend app2 { .host = "10.0.0.12"; .port = "8000"; .probe = healthz; }

sub vcl_init {
    new apps = directors.round_robin();
    apps.add_backend(app1);
    apps.add_backend(app2);
}

sub vcl_recv {
    set req.backend_hint = apps.backend();
}

# Only the app servers send purges (NEWSROOM_VARNISH_PURGE_URLS on each of them).
acl purgers {
    "10.0.0.11";
    "10.0.0.12";
}
