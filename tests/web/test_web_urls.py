"""URL parsing: every trick a request can use to hide its host must land on the host
a browser would contact, or fail with a clear error."""

from __future__ import annotations

import pytest

from aupguard.web.urls import parse_url, url_entry_key, url_request_keys


@pytest.mark.parametrize(
    ("url", "host", "path"),
    [
        ("example.com", "example.com", "/"),
        ("EXAMPLE.Com.", "example.com", "/"),
        ("example.com..", "example.com", "/"),
        ("http://example.com:8080/a", "example.com", "/a"),
        ("https://user:pw@example.com/", "example.com", "/"),
        ("http://good.org@evil.example.com/x", "evil.example.com", "/x"),
        ("http://a@b@evil.example.com", "evil.example.com", "/"),
        ("//example.com/x#frag", "example.com", "/x"),
        ("example.com:443", "example.com", "/"),
        ("http:\\\\example.com\\a", "example.com", "/a"),
        ("http://bücher.de/", "xn--bcher-kva.de", "/"),
        ("http://BÜCHER.de", "xn--bcher-kva.de", "/"),
        ("xn--bcher-kva.de", "xn--bcher-kva.de", "/"),
        ("http://10.0.0.1/", "10.0.0.1", "/"),
        ("http://2130706433/", "127.0.0.1", "/"),
        ("http://0x7f000001/", "127.0.0.1", "/"),
        ("http://0x7f.1/", "127.0.0.1", "/"),
        ("http://0177.0.0.1/", "127.0.0.1", "/"),
        ("http://127.1/", "127.0.0.1", "/"),
        ("http://[2001:DB8:0:0::1]:8080/x", "2001:db8::1", "/x"),
        ("2001:db8::1", "2001:db8::1", "/"),
        ("http://[::ffff:10.1.2.3]/", "10.1.2.3", "/"),
        ("http://ex%61mple.com/", "example.com", "/"),
        ("http://example.com/a/./b/../c//d/", "example.com", "/a/c/d/"),
        ("http://example.com/%7euser/%2f?q=%41", "example.com", "/~user/%2F?q=A"),
        ("http://example.com/../../x", "example.com", "/x"),
        ("http://_dmarc-x.example.com", "_dmarc-x.example.com", "/"),
    ],
)
def test_parse_url_normalises(url: str, host: str, path: str) -> None:
    assert parse_url(url) == (host, path)


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ("http://", "empty host"),
        ("http://exa mple.com/", "spaces"),
        ("http://example.com\x00.evil/", "control"),
        ("http://a..b/", "empty label"),
        ("http://example.com:99999/", "bad port"),
        ("http://example.com:80x/", "bad port"),
        ("http://[::1/", "unclosed"),
        ("http://[not-ipv6]/", "bad IPv6"),
        ("http://[fe80::1%25eth0]/", "zone"),
        ("http://256.1.1.1/", "out of range"),
        ("http://1.2.3.4.5/", "more than four"),
        ("http://1.2.3.09/", "bad IPv4"),
        ("http://exa<mple.com/", "invalid character"),
        ("http://" + "a" * 64 + ".com/", "63"),
        ("http://" + "a." * 130 + "com/", "253"),
        ("http://x/" + "a" * 20000, "longer than"),
    ],
)
def test_parse_url_rejects(url: str, reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        parse_url(url)


def test_url_keys_cut_at_slashes_and_drop_www() -> None:
    assert url_request_keys("www.example.com", "/Shop/x/y?id=1") == [
        "example.com",
        "example.com/shop",
        "example.com/shop/x",
        "example.com/shop/x/y",
        "example.com/shop/x/y?id=1",
    ]
    assert url_entry_key("www2.example.com", "/Shop/") == "example.com/shop"
    assert url_entry_key("example.com", "/") == "example.com"
    assert url_entry_key("www.com", "/a") == "www.com/a"  # no bare TLD left behind
