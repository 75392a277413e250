/*
 * aupguard.web._hostlookup: the category index's host lookup in C.
 *
 * Why: a Squid helper meets a host it has not seen on about one request in four, and
 * in Python hashing the host and each parent domain and bisecting the key arrays costs
 * more than everything else the helper does for that request. This module does exactly
 * what `Index._host_uncached` does (index.py, the reference, which stays in use where
 * this module was not built), reading the same memory-mapped arrays:
 *
 *   packed = OR of the category masks of the host and every parent, << 2
 *            | (1 << 1 when `urls` entries name this host)
 *            | (1 when a request to it needs its path looked up).
 *
 * It also reads the common shape of URL that `urls.parse_url` answers without its general
 * path (`parse_plain`, mirroring the `_PLAIN` expression there), returning None for
 * anything else so that Python reads it.
 *
 * And it writes the end of an access-log line for such a request (`log_what`, which is
 * `accesslog.what(d, squid.log_path(url), host)` given `accesslog.outcome_tail(d)`): with
 * the log on, formatting it in Python cost the helper a quarter of its speed. Anything
 * needing a JSON escape gives None, and Python writes it.
 *
 * Keys are BLAKE2b with an 8-byte digest (RFC 7693), read little-endian: hashlib's
 * `blake2b(key, digest_size=8)`. Tests compare both against the Python code.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <string.h>

#define MAX_WORDS 16 /* index.MAX_CATEGORIES / 64 */

/* ---- BLAKE2b, 8-byte digest, no key ---- */

static const uint64_t IV[8] = {
    0x6a09e667f3bcc908ULL, 0xbb67ae8584caa73bULL, 0x3c6ef372fe94f82bULL,
    0xa54ff53a5f1d36f1ULL, 0x510e527fade682d1ULL, 0x9b05688c2b3e6c1fULL,
    0x1f83d9abfb41bd6bULL, 0x5be0cd19137e2179ULL};

static const uint8_t SIGMA[12][16] = {
    {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15},
    {14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3},
    {11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4},
    {7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8},
    {9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13},
    {2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9},
    {12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11},
    {13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10},
    {6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5},
    {10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0},
    {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15},
    {14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3}};

static inline uint64_t rotr64(uint64_t x, unsigned n) { return (x >> n) | (x << (64 - n)); }

static inline uint64_t load64(const unsigned char *p) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    uint64_t v;
    memcpy(&v, p, 8);
    return v;
#else
    uint64_t v = 0;
    for (int i = 7; i >= 0; i--) v = (v << 8) | p[i];
    return v;
#endif
}

#define G(a, b, c, d, x, y)                \
    do {                                   \
        v[a] = v[a] + v[b] + (x);          \
        v[d] = rotr64(v[d] ^ v[a], 32);    \
        v[c] = v[c] + v[d];                \
        v[b] = rotr64(v[b] ^ v[c], 24);    \
        v[a] = v[a] + v[b] + (y);          \
        v[d] = rotr64(v[d] ^ v[a], 16);    \
        v[c] = v[c] + v[d];                \
        v[b] = rotr64(v[b] ^ v[c], 63);    \
    } while (0)

static void compress(uint64_t h[8], const unsigned char block[128], uint64_t t, int last) {
    uint64_t v[16], m[16];
    for (int i = 0; i < 16; i++) m[i] = load64(block + 8 * i);
    for (int i = 0; i < 8; i++) {
        v[i] = h[i];
        v[i + 8] = IV[i];
    }
    v[12] ^= t; /* messages here are far below 2**64 bytes: the high counter stays 0 */
    if (last) v[14] = ~v[14];
#define ROUND(r)                                         \
    do {                                                 \
        G(0, 4, 8, 12, m[SIGMA[r][0]], m[SIGMA[r][1]]);   \
        G(1, 5, 9, 13, m[SIGMA[r][2]], m[SIGMA[r][3]]);   \
        G(2, 6, 10, 14, m[SIGMA[r][4]], m[SIGMA[r][5]]);  \
        G(3, 7, 11, 15, m[SIGMA[r][6]], m[SIGMA[r][7]]);  \
        G(0, 5, 10, 15, m[SIGMA[r][8]], m[SIGMA[r][9]]);  \
        G(1, 6, 11, 12, m[SIGMA[r][10]], m[SIGMA[r][11]]); \
        G(2, 7, 8, 13, m[SIGMA[r][12]], m[SIGMA[r][13]]); \
        G(3, 4, 9, 14, m[SIGMA[r][14]], m[SIGMA[r][15]]); \
    } while (0)
    /* unrolled, so that every message index is a constant */
    ROUND(0); ROUND(1); ROUND(2); ROUND(3); ROUND(4); ROUND(5);
    ROUND(6); ROUND(7); ROUND(8); ROUND(9); ROUND(10); ROUND(11);
#undef ROUND
    for (int i = 0; i < 8; i++) h[i] ^= v[i] ^ v[i + 8];
}

/* The first 8 bytes of BLAKE2b-64(data), read little-endian: h[0]. */
static uint64_t blake2b_64(const unsigned char *data, size_t len) {
    uint64_t h[8];
    unsigned char block[128];
    memcpy(h, IV, sizeof h);
    h[0] ^= 0x01010000ULL ^ 8; /* fanout 1, depth 1, no key, 8-byte digest */
    uint64_t t = 0;
    while (len > 128) {
        t += 128;
        compress(h, data, t, 0);
        data += 128;
        len -= 128;
    }
    memset(block, 0, sizeof block);
    memcpy(block, data, len);
    compress(h, block, t + len, 1);
    return h[0];
}

/* ---- the host table ---- */

/* What a parent domain resolved to, so that "a.example.com" and "b.example.com" hash
 * "example.com" and "com" once between them: a direct-mapped cache, keyed by the name
 * (never stale: an index never changes once loaded). */
#define PARENT_SLOTS 4096
#define PARENT_NAME 64

typedef struct {
    unsigned char len; /* 0: empty */
    char name[PARENT_NAME];
    unsigned flags;
    uint64_t mask[MAX_WORDS];
} ParentSlot;

typedef struct {
    PyObject_HEAD
    Py_buffer keys, table, ids, masks, url_hosts;
    int shift, words, open;
    ParentSlot *parents;
} HostTable;

static void release_all(HostTable *self) {
    if (!self->open) return;
    PyBuffer_Release(&self->keys);
    PyBuffer_Release(&self->table);
    PyBuffer_Release(&self->ids);
    PyBuffer_Release(&self->masks);
    PyBuffer_Release(&self->url_hosts);
    self->open = 0;
}

static int HostTable_init(HostTable *self, PyObject *args, PyObject *kwds) {
    static char *kwlist[] = {"keys", "table", "bits", "ids", "masks", "words", "url_hosts", NULL};
    PyObject *keys, *table, *ids, *masks, *url_hosts;
    int bits, words;
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "OOiOOiO", kwlist, &keys, &table, &bits, &ids,
                                     &masks, &words, &url_hosts))
        return -1;
    if (bits < 0 || bits > 63 || words < 1 || words > MAX_WORDS) {
        PyErr_SetString(PyExc_ValueError, "bad bucket bits or mask words");
        return -1;
    }
    release_all(self);
    PyObject *objs[5] = {keys, table, ids, masks, url_hosts};
    Py_buffer *bufs[5] = {&self->keys, &self->table, &self->ids, &self->masks, &self->url_hosts};
    const Py_ssize_t sizes[5] = {8, 8, 2, 8, 8};
    for (int i = 0; i < 5; i++) {
        if (PyObject_GetBuffer(objs[i], bufs[i], PyBUF_C_CONTIGUOUS) < 0) {
            for (int j = 0; j < i; j++) PyBuffer_Release(bufs[j]);
            return -1;
        }
    }
    self->open = 1;
    for (int i = 0; i < 5; i++) {
        if (bufs[i]->len % sizes[i] != 0) {
            release_all(self);
            PyErr_SetString(PyExc_ValueError, "array length is not a whole number of items");
            return -1;
        }
    }
    size_t nkeys = (size_t)(self->keys.len / 8), ntable = (size_t)(self->table.len / 8);
    if (ntable != ((size_t)1 << bits) + 1 || (size_t)(self->ids.len / 2) != nkeys ||
        self->masks.len % (8 * words) != 0) {
        release_all(self);
        PyErr_SetString(PyExc_ValueError, "index arrays do not fit together");
        return -1;
    }
    const uint64_t *tab = (const uint64_t *)self->table.buf;
    for (size_t b = 0; b < ntable; b++) {
        if (tab[b] > nkeys || (b && tab[b] < tab[b - 1])) {
            release_all(self);
            PyErr_SetString(PyExc_ValueError, "bucket table out of range");
            return -1;
        }
    }
    const uint16_t *id = (const uint16_t *)self->ids.buf;
    size_t nmasks = (size_t)(self->masks.len / (8 * words));
    for (size_t i = 0; i < nkeys; i++) {
        if (id[i] >= nmasks) {
            release_all(self);
            PyErr_SetString(PyExc_ValueError, "category set number out of range");
            return -1;
        }
    }
    if (self->parents == NULL) {
        self->parents = PyMem_Calloc(PARENT_SLOTS, sizeof(ParentSlot));
        if (self->parents == NULL) {
            release_all(self);
            PyErr_NoMemory();
            return -1;
        }
    } else {
        memset(self->parents, 0, PARENT_SLOTS * sizeof(ParentSlot));
    }
    self->shift = 64 - bits;
    self->words = words;
    return 0;
}

static void HostTable_dealloc(HostTable *self) {
    release_all(self);
    PyMem_Free(self->parents);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

/* The first row in [lo, hi) of a sorted array holding h, or -1. */
static Py_ssize_t bisect_u64(const uint64_t *keys, size_t lo, size_t hi, uint64_t h) {
    size_t end = hi;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (keys[mid] < h)
            lo = mid + 1;
        else
            hi = mid;
    }
    return (lo < end && keys[lo] == h) ? (Py_ssize_t)lo : -1;
}

/* Row of h in the domain keys: bisect only its bucket. */
static Py_ssize_t find_key(const HostTable *self, uint64_t h) {
    const uint64_t *tab = (const uint64_t *)self->table.buf;
    size_t b = self->shift >= 64 ? 0 : (size_t)(h >> self->shift);
    return bisect_u64((const uint64_t *)self->keys.buf, tab[b], tab[b + 1], h);
}

static int has_url_entries(const HostTable *self, uint64_t h) {
    size_t n = (size_t)(self->url_hosts.len / 8);
    return bisect_u64((const uint64_t *)self->url_hosts.buf, 0, n, h) >= 0;
}

/* urls.is_ip for an ASCII host: a ':' anywhere, or only digits and dots (some digit). */
static int is_ip(const char *s, size_t n) {
    int digits = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == ':') return 1;
        if (s[i] >= '0' && s[i] <= '9')
            digits = 1;
        else if (s[i] != '.')
            return 0;
    }
    return digits;
}

/* urls.url_host(host) != host: "www", digits, ".", then a further "." after one char. */
static int starts_www(const char *s, size_t n) {
    if (n < 3 || memcmp(s, "www", 3) != 0) return 0;
    size_t i = 3;
    while (i < n && s[i] >= '0' && s[i] <= '9') i++;
    if (i >= n || s[i] != '.' || i + 2 >= n) return 0;
    return memchr(s + i + 2, '.', n - (i + 2)) != NULL;
}

/* Fills mask[words]; returns the two flag bits, as Index._host_uncached packs them. */
static unsigned lookup(const HostTable *self, const char *s, size_t n, uint64_t *mask) {
    uint64_t h = blake2b_64((const unsigned char *)s, n);
    Py_ssize_t row = find_key(self, h);
    if (row >= 0) {
        const uint16_t *ids = (const uint16_t *)self->ids.buf;
        const uint64_t *m = (const uint64_t *)self->masks.buf + (size_t)ids[row] * self->words;
        for (int w = 0; w < self->words; w++) mask[w] |= m[w];
    }
    unsigned named = (unsigned)has_url_entries(self, h);
    const char *dot = memchr(s, '.', n);
    if (dot == NULL || (s[n - 1] >= '0' && s[n - 1] <= '9' && is_ip(s, n)))
        return named << 1 | named;
    const char *p = dot + 1;
    size_t pn = n - (size_t)(p - s);
    unsigned parent;
    if (pn > 0 && pn < PARENT_NAME) {
        uint32_t fnv = 2166136261u; /* FNV-1a picks the slot */
        for (size_t i = 0; i < pn; i++) fnv = (fnv ^ (unsigned char)p[i]) * 16777619u;
        ParentSlot *slot = &self->parents[fnv & (PARENT_SLOTS - 1)];
        if (slot->len != pn || memcmp(slot->name, p, pn) != 0) {
            /* into a local first: the grandparents' lookups may reuse this slot */
            uint64_t found[MAX_WORDS] = {0};
            unsigned flags = lookup(self, p, pn, found);
            memcpy(slot->mask, found, sizeof found);
            slot->flags = flags;
            memcpy(slot->name, p, pn);
            slot->len = (unsigned char)pn;
        }
        for (int w = 0; w < self->words; w++) mask[w] |= slot->mask[w];
        parent = slot->flags;
    } else {
        parent = lookup(self, p, pn, mask);
    }
    unsigned paths = starts_www(s, n) ? (parent >> 1 & 1) : named;
    return named << 1 | paths;
}

static PyObject *HostTable_lookup(HostTable *self, PyObject *host) {
    if (!self->open) {
        PyErr_SetString(PyExc_ValueError, "host table is closed");
        return NULL;
    }
    if (!PyUnicode_Check(host) || !PyUnicode_IS_ASCII(host)) {
        PyErr_SetString(PyExc_TypeError, "host must be an ASCII str");
        return NULL;
    }
    Py_ssize_t n = PyUnicode_GET_LENGTH(host);
    const char *s = (const char *)PyUnicode_DATA(host);
    uint64_t mask[MAX_WORDS] = {0};
    unsigned flags = lookup(self, s, (size_t)n, mask);
    int words = self->words;
    if (words == 1 && mask[0] >> 62 == 0)
        return PyLong_FromUnsignedLongLong(mask[0] << 2 | flags);
    /* mask << 2 | flags as little-endian bytes, one word longer for the carry */
    unsigned char bytes[8 * (MAX_WORDS + 1)];
    for (int w = 0; w <= words; w++) {
        uint64_t v = (w < words ? mask[w] << 2 : 0) | (w ? mask[w - 1] >> 62 : flags);
        for (int i = 0; i < 8; i++) bytes[8 * w + i] = (unsigned char)(v >> (8 * i));
    }
    return _PyLong_FromByteArray(bytes, (size_t)(8 * (words + 1)), 1, 0);
}

static PyObject *HostTable_close(HostTable *self, PyObject *Py_UNUSED(ignored)) {
    release_all(self);
    Py_RETURN_NONE;
}

static PyMethodDef HostTable_methods[] = {
    {"lookup", (PyCFunction)HostTable_lookup, METH_O,
     "lookup(host) -> int: Index._host_uncached for an ASCII host."},
    {"close", (PyCFunction)HostTable_close, METH_NOARGS,
     "close(): release the index arrays (the table is unusable afterwards)."},
    {NULL, NULL, 0, NULL}};

static PyTypeObject HostTableType = {
    PyVarObject_HEAD_INIT(NULL, 0).tp_name = "aupguard.web._hostlookup.HostTable",
    .tp_doc = "HostTable(keys, table, bits, ids, masks, words, url_hosts): the index's domain "
              "arrays, looked up in C.",
    .tp_basicsize = sizeof(HostTable),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_new = PyType_GenericNew,
    .tp_init = (initproc)HostTable_init,
    .tp_dealloc = (destructor)HostTable_dealloc,
    .tp_methods = HostTable_methods,
};

/* ---- urls._PLAIN, without the regular expression ---- */

#define MAX_URL 16384 /* urls.MAX_URL */
#define MAX_HOST 253  /* urls.MAX_HOST */

static inline int host_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

/* (?:[a-z0-9_\-]{1,63}\.)*[a-z_\-][a-z0-9_\-]{0,62} */
static int plain_domain(const char *s, size_t n) {
    size_t start = 0;
    for (size_t i = 0; i <= n; i++) {
        if (i < n && s[i] != '.') {
            if (!host_char(s[i])) return 0;
            continue;
        }
        size_t len = i - start;
        if (len < 1 || len > 63) return 0;
        if (i == n) { /* the last label must not start with a digit */
            char c = s[start];
            return !(c >= '0' && c <= '9');
        }
        start = i + 1;
    }
    return 0;
}

/* four octets 0-255 written without leading zeros */
static int plain_quad(const char *s, size_t n) {
    int parts = 0;
    size_t start = 0;
    for (size_t i = 0; i <= n; i++) {
        if (i < n && s[i] != '.') {
            if (s[i] < '0' || s[i] > '9') return 0;
            continue;
        }
        size_t len = i - start;
        if (len < 1 || len > 3 || (len > 1 && s[start] == '0')) return 0;
        int v = 0;
        for (size_t j = start; j < i; j++) v = v * 10 + (s[j] - '0');
        if (v > 255) return 0;
        parts++;
        start = i + 1;
    }
    return parts == 4;
}

/* [!"$&-\[\]-~]: printable ASCII except space, '#', '%' and backslash */
static inline int path_char(char c) {
    return c >= '!' && c <= '~' && c != '#' && c != '%' && c != '\\';
}

static PyObject *parse_plain(PyObject *Py_UNUSED(module), PyObject *arg) {
    if (!PyUnicode_Check(arg)) {
        PyErr_SetString(PyExc_TypeError, "url must be a str");
        return NULL;
    }
    if (!PyUnicode_IS_ASCII(arg) || PyUnicode_GET_LENGTH(arg) > MAX_URL) Py_RETURN_NONE;
    const char *s = (const char *)PyUnicode_DATA(arg);
    size_t n = (size_t)PyUnicode_GET_LENGTH(arg), i = 0;
    if (n >= 7 && memcmp(s, "http://", 7) == 0)
        i = 7;
    else if (n >= 8 && memcmp(s, "https://", 8) == 0)
        i = 8;
    size_t hs = i;
    while (i < n && s[i] != ':' && s[i] != '/') i++;
    size_t hn = i - hs;
    if (hn == 0 || hn > MAX_HOST || !(plain_domain(s + hs, hn) || plain_quad(s + hs, hn)))
        Py_RETURN_NONE;
    if (i < n && s[i] == ':') {
        size_t ps = ++i;
        long port = 0;
        while (i < n && s[i] >= '0' && s[i] <= '9') port = port * 10 + (s[i++] - '0');
        if (i == ps || i - ps > 5 || port > 65535) Py_RETURN_NONE;
    }
    PyObject *host = PyUnicode_FromStringAndSize(s + hs, (Py_ssize_t)hn);
    if (host == NULL) return NULL;
    if (i == n) return Py_BuildValue("(Ns)", host, "/");
    if (s[i] != '/') goto none;
    for (size_t j = i; j < n; j++) {
        if (!path_char(s[j])) goto none;
        if (s[j] == '/' && j + 1 < n && (s[j + 1] == '/' || s[j + 1] == '.')) goto none;
    }
    return Py_BuildValue("(Ns#)", host, s + i, (Py_ssize_t)(n - i));
none:
    Py_DECREF(host);
    Py_RETURN_NONE;
}

/* Printable ASCII that a JSON string holds as it is: no '"', no backslash. */
static int json_plain(const char *s, size_t n) {
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)(s[i] - ' ') > '~' - ' ' || s[i] == '"' || s[i] == '\\') return 0;
    return 1;
}

static PyObject *log_what(PyObject *Py_UNUSED(module), PyObject *const *args, Py_ssize_t nargs) {
    /* METH_FASTCALL: PyArg_ParseTuple cost more than the rest of this function */
    if (nargs != 3) {
        PyErr_SetString(PyExc_TypeError, "log_what takes url, host and tail");
        return NULL;
    }
    PyObject *url = args[0], *host = args[1], *tail = args[2];
    if (!PyUnicode_Check(url) || !PyUnicode_Check(host) || !PyUnicode_Check(tail)) {
        PyErr_SetString(PyExc_TypeError, "log_what takes three str");
        return NULL;
    }
    if (!PyUnicode_IS_ASCII(url) || !PyUnicode_IS_ASCII(host) || !PyUnicode_IS_ASCII(tail))
        Py_RETURN_NONE;
    const char *u = (const char *)PyUnicode_DATA(url);
    const char *h = (const char *)PyUnicode_DATA(host);
    const char *t = (const char *)PyUnicode_DATA(tail);
    size_t un = (size_t)PyUnicode_GET_LENGTH(url), hn = (size_t)PyUnicode_GET_LENGTH(host);
    size_t tn = (size_t)PyUnicode_GET_LENGTH(tail);
    /* squid.log_path: None without "://"; "/" without a path; else up to '?' or '#' */
    const char *path = NULL;
    size_t pn = 0;
    const char *scheme = un >= 3 ? memchr(u, ':', un) : NULL;
    while (scheme != NULL && (size_t)(scheme - u) + 3 <= un && memcmp(scheme, "://", 3) != 0)
        scheme = memchr(scheme + 1, ':', un - (size_t)(scheme + 1 - u));
    if (scheme != NULL && (size_t)(scheme - u) + 3 <= un) {
        size_t from = (size_t)(scheme - u) + 3;
        const char *slash = memchr(u + from, '/', un - from);
        if (slash == NULL) {
            path = "/";
            pn = 1;
        } else {
            path = slash;
            while (path + pn < u + un && path[pn] != '?' && path[pn] != '#') pn++;
        }
    }
    if ((path != NULL && !json_plain(path, pn)) || !json_plain(h, hn)) Py_RETURN_NONE;
    static const char P[] = "\"path\":", H[] = ",\"host\":\"", E[] = "\",";
    size_t total = 7 + (path ? pn + 2 : 4) + 9 + hn + 2 + tn;
    PyObject *out = PyUnicode_New((Py_ssize_t)total, 127);
    if (out == NULL) return NULL;
    char *o = (char *)PyUnicode_DATA(out);
    memcpy(o, P, 7), o += 7;
    if (path != NULL) {
        *o++ = '"';
        memcpy(o, path, pn), o += pn;
        *o++ = '"';
    } else {
        memcpy(o, "null", 4), o += 4;
    }
    memcpy(o, H, 9), o += 9;
    memcpy(o, h, hn), o += hn;
    memcpy(o, E, 2), o += 2;
    memcpy(o, t, tn);
    return out;
}

static PyObject *hash64(PyObject *Py_UNUSED(module), PyObject *arg) {
    Py_buffer view;
    if (PyUnicode_Check(arg)) {
        Py_ssize_t n;
        const char *s = PyUnicode_AsUTF8AndSize(arg, &n);
        if (s == NULL) return NULL;
        return PyLong_FromUnsignedLongLong(blake2b_64((const unsigned char *)s, (size_t)n));
    }
    if (PyObject_GetBuffer(arg, &view, PyBUF_SIMPLE) < 0) return NULL;
    uint64_t h = blake2b_64((const unsigned char *)view.buf, (size_t)view.len);
    PyBuffer_Release(&view);
    return PyLong_FromUnsignedLongLong(h);
}

static PyMethodDef module_methods[] = {
    {"hash64", hash64, METH_O, "hash64(str or bytes) -> int: index.key_int, in C."},
    {"parse_plain", parse_plain, METH_O,
     "parse_plain(url) -> (host, path) | None: urls.parse_url for the common shape only."},
    {"log_what", (PyCFunction)(void (*)(void))log_what, METH_FASTCALL,
     "log_what(url, host, tail) -> str | None: accesslog.what for plain ASCII only."},
    {NULL, NULL, 0, NULL}};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "aupguard.web._hostlookup",
    "The category index's host lookup in C (see index.py for the reference).", -1,
    module_methods};

PyMODINIT_FUNC PyInit__hostlookup(void) {
    if (PyType_Ready(&HostTableType) < 0) return NULL;
    PyObject *m = PyModule_Create(&module);
    if (m == NULL) return NULL;
    Py_INCREF(&HostTableType);
    if (PyModule_AddObject(m, "HostTable", (PyObject *)&HostTableType) < 0) {
        Py_DECREF(&HostTableType);
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
