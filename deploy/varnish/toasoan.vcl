# Varnish in front of Tòa soạn's app servers (Varnish 7.1, varnish-modules for xkey).
#
#   varnishd -a :80 -f /etc/varnish/toasoan.vcl -s malloc,1G
#
# The app decides what may be cached: a page for anonymous readers comes with
# `Cache-Control: public, max-age=0, must-revalidate, s-maxage=600` and its
# dependency keys in `Surrogate-Key`; everything else says private, no-store or
# nothing, and is passed. When something changes, the app servers send
# `PURGE` with the changed keys in `xkey-purge` (pagecache/varnish.py), and every
# page showing them is dropped at once.
#
# The app servers, and the addresses allowed to purge, are in the included
# file (see backends.example.vcl next to this one), so this file is the same
# on every site.

vcl 4.1;

import cookie;
import std;
import xkey;

include "toasoan-backends.vcl";

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403, "Forbidden"));
        }
        if (!req.http.xkey-purge) {
            return (synth(400, "xkey-purge header required"));
        }
        set req.http.xkey-purged = xkey.purge(req.http.xkey-purge);
        return (synth(200, "Purged"));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # The admin, and the comment endpoints (captcha, CSRF token, status pages):
    # never from the cache, with every cookie they need.
    if (req.url ~ "^/(admin|binh-luan|captcha)(/|$)") {
        return (pass);
    }

    # Staff (session) and a reader who was just shown a message get their own
    # page from the app, always: the same rule as pagecache/middleware.py.
    cookie.parse(req.http.Cookie);
    if (cookie.isset("sessionid") || cookie.isset("messages")) {
        return (pass);
    }
    # The only cookie a cached page depends on is the chosen language; the
    # rest (CSRF token, analytics) would make every reader's copy different.
    set req.http.X-Language = cookie.get("django_language");
    if (req.http.X-Language ~ "^(vi|en)$") {
        set req.http.Cookie = "django_language=" + req.http.X-Language;
    } else {
        set req.http.X-Language = "vi";
        unset req.http.Cookie;
    }

    # The page's address as the app keys it: only the query parameters a
    # cached page reads (`page` on lists, `p` on sitemaps, `binh-luan-trang` on
    # an article), first value each, in this order. utm_source, fbclid and
    # random junk share one copy. The app receives the address unchanged and
    # drops the same parameters itself.
    set req.http.X-Cache-Url = regsub(req.url, "\?.*$", "");
    set req.http.X-Kept = "";
    if (req.url ~ "[?&]page=") {
        set req.http.X-Kept = req.http.X-Kept + "&page=" + regsub(req.url, "^.*?[?&]page=([^&#]*).*$", "\1");
    }
    if (req.url ~ "[?&]p=") {
        set req.http.X-Kept = req.http.X-Kept + "&p=" + regsub(req.url, "^.*?[?&]p=([^&#]*).*$", "\1");
    }
    if (req.url ~ "[?&]binh-luan-trang=") {
        set req.http.X-Kept = req.http.X-Kept + "&binh-luan-trang=" + regsub(req.url, "^.*?[?&]binh-luan-trang=([^&#]*).*$", "\1");
    }
    if (req.http.X-Kept != "") {
        set req.http.X-Cache-Url = req.http.X-Cache-Url + "?" + regsub(req.http.X-Kept, "^&", "");
    }
    unset req.http.X-Kept;

    # While the app servers answer, a page past its s-maxage is fetched anew
    # before it is shown; when none answers, copies up to `beresp.grace` old
    # are served instead of an error.
    if (std.healthy(req.backend_hint)) {
        set req.grace = 0s;
    }
    return (hash);
}

sub vcl_hash {
    hash_data(req.http.X-Cache-Url);
    hash_data(req.http.X-Language);
    # No Host: every absolute address in a page comes from NEWSROOM_SITE_URL.
    return (lookup);
}

sub vcl_backend_response {
    # Kept only when the app says a shared cache may keep it, and never a
    # response that sets a cookie or says private.
    if (beresp.http.Set-Cookie
        || beresp.http.Cache-Control ~ "(private|no-store|no-cache)"
        || beresp.http.Cache-Control !~ "(s-maxage|max-age)=[1-9]") {
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
    # xkey files the page under each of its dependency keys.
    if (beresp.http.Surrogate-Key) {
        set beresp.http.xkey = beresp.http.Surrogate-Key;
    }
    # How long a copy may be served past its s-maxage while no app server answers.
    set beresp.grace = 6h;
    set beresp.keep = 0s;
    return (deliver);
}

sub vcl_deliver {
    if (obj.uncacheable) {
        set resp.http.X-Cache = "PASS";
    } elsif (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
    # For Varnish only: readers need neither the keys nor the page cache's word.
    unset resp.http.xkey;
    unset resp.http.Surrogate-Key;
    unset resp.http.X-Page-Cache;
}

sub vcl_synth {
    if (req.method == "PURGE" && resp.status == 200) {
        set resp.http.xkey-purged = req.http.xkey-purged;
        set resp.http.Content-Type = "text/plain; charset=utf-8";
        set resp.body = "Purged " + req.http.xkey-purged + " objects" + {"
"};
        return (deliver);
    }
}
