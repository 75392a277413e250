"""A deterministic stream of Squid `url_rewrite_program` request lines for the web
filter benchmark, with a label per line saying how it was made.

Why labelled: when aupguard and squidGuard disagree about a line, the label (a listed
host, a `urls` entry cut short of a "/", an IP written as one number...) says what kind
of request it was, so every difference can be counted under a reason.

Two shapes:

- `popular`: sites drawn with Zipf popularity (P(rank k) proportional to 1/k over
  100,000 sites), as in real traffic where a few sites take most requests; each site has
  a handful of popular paths (also Zipf) and some one-off search URLs; 45% of requests
  are HTTPS `CONNECT host:443`. Sites: 12% listed in a category the pack blocks, 28%
  listed in another UT1 category, 60% not listed (hosts and paths from the SpamAssassin
  corpus, and synthetic names). Mixed in at fixed rates: `urls` entries, IP literals,
  upper case, ports, trailing dots, user@host, %-escapes, internationalised names, dot
  segments, backslashes and malformed URLs.
- `distinct`: every line a host never seen before (subdomains of listed domains and new
  unlisted names) with its own path: the worst case for any cache.

Lines look like `URL 10.0.x.y/- - METHOD`, the format squidGuard 1.6 and aupguard's
helper both read.
"""

from __future__ import annotations

import itertools
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

SITES = 100_000
ZIPF_S = 1.0
CONNECT_SHARE = 0.45
_SA_URL = re.compile(rb"https?://([A-Za-z0-9.-]+\.[A-Za-z]{2,})(/[^\s\"'<>()\\]{0,80})?")
_WORDS = (
    "parish town hall green river field park mill bridge church market school news "
    "local shop garden weather bus rail village club sports library council energy "
    "water health trust museum food books music travel art photo tech data cloud"
).split()
_TLDS = ("com", "co.uk", "org.uk", "net", "org", "uk", "info", "io", "gov.uk", "de", "fr")
_IDN = ("bücher", "café", "mañana", "straße", "日本語", "пример", "ελληνικά")


@dataclass
class Pools:
    """What the stream draws from: UT1 entries of blocked and other categories, and
    unlisted hosts with their real paths."""

    blocked_domains: list[str]
    other_domains: list[str]
    blocked_urls: list[str]
    other_urls: list[str]
    listed_ips: list[str]
    unlisted: dict[str, list[str]]


def _entries(path: Path) -> list[str]:
    """List entries as hosts a browser would ask for (UT1 has a few ".example.com")."""
    if not path.is_file():
        return []
    return [
        ln.strip().lstrip(".") for ln in path.read_text("utf-8", "replace").splitlines()
        if ln.strip().lstrip(".") and not ln.startswith("#") and " " not in ln.strip()
    ]


def _is_ipv4(entry: str) -> bool:
    parts = entry.split(".")
    return len(parts) == 4 and all(p.isdigit() for p in parts)


def load_pools(ut1: Path, spamassassin: Path, blocked: list[str], rng: random.Random) -> Pools:
    """Read the UT1 folders (blocked ones whole, others sampled) and the corpus hosts."""
    bd, od, bu, ou = [], [], [], []
    for folder in sorted(p for p in ut1.iterdir() if p.is_dir()):
        domains, urls = _entries(folder / "domains"), _entries(folder / "urls")
        if folder.name in blocked:
            bd += domains
            bu += urls
        else:
            od += rng.sample(domains, min(len(domains), 4000))
            ou += rng.sample(urls, min(len(urls), 800))
    ips = [d for d in bd if _is_ipv4(d)]
    unlisted: dict[str, set[str]] = {}
    for path in sorted(spamassassin.glob("*/*")):
        if path.is_file():
            for m in _SA_URL.finditer(path.read_bytes()):
                host = m.group(1).decode("ascii").lower().strip(".")
                paths = unlisted.setdefault(host, set())
                if m.group(2):
                    paths.add(m.group(2).decode("latin-1"))
    return Pools(
        blocked_domains=[d for d in bd if not _is_ipv4(d)],
        other_domains=[d for d in od if not _is_ipv4(d)],
        blocked_urls=bu,
        other_urls=ou,
        listed_ips=ips,
        unlisted={h: sorted(p) for h, p in sorted(unlisted.items())},
    )


def _synthetic_host(rng: random.Random, n: int) -> str:
    return f"{rng.choice(_WORDS)}{rng.choice(_WORDS)}{n}.{rng.choice(_TLDS)}"


def _site_paths(rng: random.Random, real: list[str]) -> list[str]:
    if real:
        return ["/"] + real[:6]
    n = rng.randrange(1000)
    return ["/", "/index.html", f"/news/{n}.html", "/css/site.css", f"/img/{n}.png",
            "/api/v1/feed?page=1"]


class _Zipf:
    """Ranks 0..n-1 with P(k) proportional to 1/(k+1)^s, drawn in batches."""

    def __init__(self, n: int, s: float, rng: random.Random) -> None:
        self.rng = rng
        self.cum = list(itertools.accumulate(1.0 / (k + 1) ** s for k in range(n)))
        self.ranks = range(n)

    def draw(self, k: int) -> list[int]:
        return self.rng.choices(self.ranks, cum_weights=self.cum, k=k)


def _line(url: str, client: int, method: str = "GET") -> str:
    return f"{url} 10.0.{client >> 8 & 255}.{client & 255}/- - {method}\n"


def _ip_forms(ip: str, rng: random.Random) -> str:
    """The same IPv4 address as one decimal number, in hex or in octal."""
    a, b, c, d = (int(x) for x in ip.split("."))
    value = a << 24 | b << 16 | c << 8 | d
    return rng.choice([str(value), f"0x{a:x}.0x{b:x}.0x{c:x}.0x{d:x}",
                       f"0{a:o}.0{b:o}.0{c:o}.0{d:o}", f"[::ffff:{ip}]"])


class _Popular:
    """The `popular` stream: see the module docstring."""

    def __init__(self, pools: Pools, rng: random.Random) -> None:
        self.p, self.rng = pools, rng
        sites: list[tuple[str, str, list[str]]] = []
        unlisted = list(pools.unlisted.items())
        n_blocked, n_other = int(SITES * 0.12), int(SITES * 0.28)
        for d in rng.sample(pools.blocked_domains, min(n_blocked, len(pools.blocked_domains))):
            sites.append(("blocked-host", d, _site_paths(rng, [])))
        for d in rng.sample(pools.other_domains, min(n_other, len(pools.other_domains))):
            sites.append(("other-host", d, _site_paths(rng, [])))
        for h, paths in unlisted:
            sites.append(("unlisted-host", h, _site_paths(rng, paths)))
        n = 0
        while len(sites) < SITES:
            n += 1
            sites.append(("unlisted-host", _synthetic_host(rng, n), _site_paths(rng, [])))
        rng.shuffle(sites)
        self.sites = sites

    def _normal(self, rank: int, client: int) -> tuple[str, str]:
        rng = self.rng
        kind, host, paths = self.sites[rank]
        r = rng.random()
        if r < 0.55:
            full = host
        elif r < 0.8:
            full, kind = "www." + host, kind + "-www"
        else:
            full, kind = rng.choice(("cdn.", "img.", "static.", "a.b.")) + host, kind + "-sub"
        if rng.random() < CONNECT_SHARE:
            return _line(f"{full}:443", client, "CONNECT"), "connect-" + kind
        r = rng.random()
        if r < 0.8:
            path = paths[min(int(rng.paretovariate(1.2)) - 1, len(paths) - 1)]
        else:
            path = f"/search?q={rng.choice(_WORDS)}+{rng.randrange(10**6)}"
        return _line(f"http://{full}{path}", client), kind

    def _url_entry(self, client: int) -> tuple[str, str]:
        rng = self.rng
        blocked = rng.random() < 0.5
        entry = rng.choice(self.p.blocked_urls if blocked else self.p.other_urls)
        which = "blocked" if blocked else "other"
        r = rng.random()
        if r < 0.4:
            return _line(f"http://{entry}", client), f"url-{which}-exact"
        if r < 0.7:
            return _line(f"http://{entry.rstrip('/')}/page.html", client), f"url-{which}-below"
        if r < 0.8:
            return _line(f"http://www.{entry}", client), f"url-{which}-www"
        if r < 0.85 and "/" in entry:
            host, path = entry.split("/", 1)
            return _line(f"http://{host}/x/../{path}", client), f"url-{which}-dot-segment"
        return _line(f"http://{entry.rstrip('/')}x/", client), f"url-{which}-longer-name"

    def _ip(self, client: int) -> tuple[str, str]:
        rng = self.rng
        if rng.random() < 0.5 and self.p.listed_ips:
            ip, kind = rng.choice(self.p.listed_ips), "ip-listed"
        else:
            ip, kind = ".".join(str(rng.randrange(1, 255)) for _ in range(4)), "ip-other"
        if rng.random() < 0.15:
            return _line(f"http://{_ip_forms(ip, rng)}/", client), kind + "-other-form"
        return _line(f"http://{ip}/index.html", client), kind

    def _tricky(self, client: int) -> tuple[str, str]:
        rng = self.rng
        blocked = rng.random() < 0.5
        host = rng.choice(self.p.blocked_domains if blocked else self.p.other_domains)
        tag = "blocked" if blocked else "other"
        choice = rng.randrange(7)
        if choice == 0:
            mixed = "".join(c.upper() if rng.random() < 0.5 else c for c in host)
            url, kind = f"http://WWW.{mixed}/Index.HTML", "upper-case"
        elif choice == 1:
            url, kind = f"http://{host}:{rng.choice((80, 8080, 443))}/", "port"
        elif choice == 2:
            url, kind = f"http://{host}.:80/", "trailing-dot-port"
        elif choice == 3:
            url, kind = f"http://user:secret@{host}/", "userinfo"
        elif choice == 4:
            first, rest = host[0], host[1:]
            url, kind = f"http://%{ord(first):02x}{rest}/", "percent-host"
        elif choice == 5:
            url, kind = f"http://{rng.choice(_IDN)}.{host}/", "idn-sub"
        else:
            url, kind = f"http://{host}\\@example.com/", "backslash-userinfo"
        return _line(url, client), f"{kind}-{tag}"

    def _malformed(self, client: int) -> tuple[str, str]:
        rng = self.rng
        url = rng.choice(("http://[::1/", "http://a..b.example/", "http://host:99999/",
                          "http://%zz.example/", "http:///nohost", "http://-/",
                          f"http://{'a' * 70}.example/"))
        return _line(url, client), "malformed"

    def lines(self, count: int) -> Iterator[tuple[str, str]]:
        rng = self.rng
        zipf = _Zipf(len(self.sites), ZIPF_S, rng)
        ranks = zipf.draw(count)
        for rank in ranks:
            client = rng.randrange(1, 500)
            r = rng.random()
            if r < 0.03:
                yield self._url_entry(client)
            elif r < 0.05:
                yield self._ip(client)
            elif r < 0.07:
                yield self._tricky(client)
            elif r < 0.072:
                yield self._malformed(client)
            else:
                yield self._normal(rank, client)


def _distinct(pools: Pools, rng: random.Random, count: int) -> Iterator[tuple[str, str]]:
    for i in range(count):
        client = rng.randrange(1, 500)
        r = rng.random()
        if r < 0.12:
            host, kind = f"u{i}.{rng.choice(pools.blocked_domains)}", "blocked-host-sub"
        elif r < 0.40:
            host, kind = f"u{i}.{rng.choice(pools.other_domains)}", "other-host-sub"
        else:
            host, kind = _synthetic_host(rng, i), "unlisted-host"
        if rng.random() < CONNECT_SHARE:
            yield _line(f"{host}:443", client, "CONNECT"), "connect-" + kind
        else:
            yield _line(f"http://{host}/p/{i}.html", client), kind


def write_stream(
    out: Path, ut1: Path, spamassassin: Path, blocked: list[str], *,
    count: int, shape: str = "popular", seed: int = 20261121,
) -> list[str]:
    """Write `count` request lines to `out`; return the label of each line."""
    rng = random.Random(seed)
    pools = load_pools(ut1, spamassassin, blocked, rng)
    gen = _Popular(pools, rng).lines(count) if shape == "popular" else \
        _distinct(pools, rng, count)
    kinds: list[str] = []
    with out.open("w", encoding="utf-8", newline="\n") as f:
        for line, kind in gen:
            f.write(line)
            kinds.append(kind)
    return kinds
