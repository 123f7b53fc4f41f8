#include "article_xml.h"
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/HTMLparser.h>
#include <libxml/xmlversion.h>

static pthread_once_t ax_once = PTHREAD_ONCE_INIT;

static void ax_build_tag_table(void);

static void ax_do_init(void) {
    xmlInitParser();
    ax_build_tag_table();
}

void ax_init(void) {
    pthread_once(&ax_once, ax_do_init);
}

int ax_libxml_version(void) {
    return LIBXML_VERSION;
}

uint32_t ax_html_entity(const uint8_t *name, size_t len) {
    char buf[64];
    if (name == NULL || len == 0 || len >= sizeof(buf)) return 0;
    memcpy(buf, name, len);
    buf[len] = 0;
    const htmlEntityDesc *e = htmlEntityLookup((const xmlChar *)buf);
    return e != NULL && e->value > 0 ? (uint32_t)e->value : 0;
}

/* ---------------------------------------------------------------- tags */

typedef struct { const char *name; uint16_t tag; } ax_tag_name;

/* Sorted by name (strcmp order) for bsearch. */
static const ax_tag_name ax_tag_names[] = {
    {"a", AX_TAG_A}, {"abbr", AX_TAG_ABBR}, {"address", AX_TAG_ADDRESS}, {"area", AX_TAG_AREA},
    {"article", AX_TAG_ARTICLE}, {"aside", AX_TAG_ASIDE}, {"audio", AX_TAG_AUDIO}, {"b", AX_TAG_B},
    {"base", AX_TAG_BASE}, {"bdi", AX_TAG_BDI}, {"bdo", AX_TAG_BDO}, {"big", AX_TAG_BIG},
    {"blockquote", AX_TAG_BLOCKQUOTE}, {"body", AX_TAG_BODY}, {"br", AX_TAG_BR}, {"button", AX_TAG_BUTTON},
    {"canvas", AX_TAG_CANVAS}, {"caption", AX_TAG_CAPTION}, {"center", AX_TAG_CENTER}, {"cite", AX_TAG_CITE},
    {"code", AX_TAG_CODE}, {"col", AX_TAG_COL}, {"colgroup", AX_TAG_COLGROUP}, {"data", AX_TAG_DATA},
    {"dd", AX_TAG_DD}, {"del", AX_TAG_DEL}, {"details", AX_TAG_DETAILS}, {"dfn", AX_TAG_DFN},
    {"dialog", AX_TAG_DIALOG}, {"div", AX_TAG_DIV}, {"dl", AX_TAG_DL}, {"dt", AX_TAG_DT}, {"em", AX_TAG_EM},
    {"embed", AX_TAG_EMBED}, {"fieldset", AX_TAG_FIELDSET}, {"figcaption", AX_TAG_FIGCAPTION},
    {"figure", AX_TAG_FIGURE}, {"font", AX_TAG_FONT}, {"footer", AX_TAG_FOOTER}, {"form", AX_TAG_FORM},
    {"frame", AX_TAG_FRAME}, {"frameset", AX_TAG_FRAMESET}, {"h1", AX_TAG_H1}, {"h2", AX_TAG_H2},
    {"h3", AX_TAG_H3}, {"h4", AX_TAG_H4}, {"h5", AX_TAG_H5}, {"h6", AX_TAG_H6}, {"head", AX_TAG_HEAD},
    {"header", AX_TAG_HEADER}, {"hgroup", AX_TAG_HGROUP}, {"hr", AX_TAG_HR}, {"html", AX_TAG_HTML},
    {"i", AX_TAG_I}, {"iframe", AX_TAG_IFRAME}, {"img", AX_TAG_IMG}, {"input", AX_TAG_INPUT},
    {"ins", AX_TAG_INS}, {"kbd", AX_TAG_KBD}, {"label", AX_TAG_LABEL}, {"legend", AX_TAG_LEGEND},
    {"li", AX_TAG_LI}, {"link", AX_TAG_LINK}, {"main", AX_TAG_MAIN}, {"map", AX_TAG_MAP},
    {"mark", AX_TAG_MARK}, {"marquee", AX_TAG_MARQUEE}, {"math", AX_TAG_MATH}, {"menu", AX_TAG_MENU},
    {"meta", AX_TAG_META}, {"meter", AX_TAG_METER}, {"nav", AX_TAG_NAV}, {"nobr", AX_TAG_NOBR},
    {"noscript", AX_TAG_NOSCRIPT}, {"object", AX_TAG_OBJECT}, {"ol", AX_TAG_OL},
    {"optgroup", AX_TAG_OPTGROUP}, {"option", AX_TAG_OPTION}, {"output", AX_TAG_OUTPUT}, {"p", AX_TAG_P},
    {"param", AX_TAG_PARAM}, {"picture", AX_TAG_PICTURE}, {"pre", AX_TAG_PRE}, {"progress", AX_TAG_PROGRESS},
    {"q", AX_TAG_Q}, {"rp", AX_TAG_RP}, {"rt", AX_TAG_RT}, {"ruby", AX_TAG_RUBY}, {"s", AX_TAG_S},
    {"samp", AX_TAG_SAMP}, {"script", AX_TAG_SCRIPT}, {"section", AX_TAG_SECTION}, {"select", AX_TAG_SELECT},
    {"small", AX_TAG_SMALL}, {"source", AX_TAG_SOURCE}, {"span", AX_TAG_SPAN}, {"strike", AX_TAG_STRIKE},
    {"strong", AX_TAG_STRONG}, {"style", AX_TAG_STYLE}, {"sub", AX_TAG_SUB}, {"summary", AX_TAG_SUMMARY},
    {"sup", AX_TAG_SUP}, {"svg", AX_TAG_SVG}, {"table", AX_TAG_TABLE}, {"tbody", AX_TAG_TBODY},
    {"td", AX_TAG_TD}, {"template", AX_TAG_TEMPLATE}, {"textarea", AX_TAG_TEXTAREA}, {"tfoot", AX_TAG_TFOOT},
    {"th", AX_TAG_TH}, {"thead", AX_TAG_THEAD}, {"time", AX_TAG_TIME}, {"title", AX_TAG_TITLE},
    {"tr", AX_TAG_TR}, {"tt", AX_TAG_TT}, {"u", AX_TAG_U}, {"ul", AX_TAG_UL}, {"var", AX_TAG_VAR},
    {"video", AX_TAG_VIDEO}, {"wbr", AX_TAG_WBR},
};

/* Open-addressing hash of the names above, filled once by ax_init. */
enum { AX_TAG_SLOTS = 512 };
static int16_t ax_tag_slots[AX_TAG_SLOTS];

static uint32_t ax_hash(const unsigned char *p) {
    uint32_t h = 2166136261u;
    while (*p) { h ^= *p++; h *= 16777619u; }
    return h;
}

static void ax_build_tag_table(void) {
    for (int i = 0; i < AX_TAG_SLOTS; i++) ax_tag_slots[i] = -1;
    for (size_t k = 0; k < sizeof(ax_tag_names) / sizeof(ax_tag_names[0]); k++) {
        uint32_t h = ax_hash((const unsigned char *)ax_tag_names[k].name) & (AX_TAG_SLOTS - 1);
        while (ax_tag_slots[h] >= 0) h = (h + 1) & (AX_TAG_SLOTS - 1);
        ax_tag_slots[h] = (int16_t)k;
    }
}

static uint16_t ax_tag_of(const xmlChar *name) {
    if (name == NULL) return AX_TAG_UNKNOWN;
    uint32_t h = ax_hash(name) & (AX_TAG_SLOTS - 1);
    while (ax_tag_slots[h] >= 0) {
        const ax_tag_name *t = &ax_tag_names[ax_tag_slots[h]];
        if (strcmp((const char *)name, t->name) == 0) return t->tag;
        h = (h + 1) & (AX_TAG_SLOTS - 1);
    }
    return AX_TAG_UNKNOWN;
}

/* --------------------------------------------------------------- state */

typedef struct {
    htmlParserCtxtPtr ctxt;
    const uint8_t *buf;
    size_t len;
    int32_t prev_end;  /* end of the last event, in source bytes */
    ax_result *out;
    size_t event_cap, attr_cap, pool_cap;
} ax_state;

enum { AX_MAX_ATTR_VALUE = 8192, AX_SEARCH_WINDOW = 8 };

static int32_t ax_pos(ax_state *s) {
    xmlParserInputPtr in = s->ctxt->input;
    if (in == NULL || in->cur == NULL || in->base == NULL) return s->prev_end;
    long long p = (long long)in->consumed + (long long)(in->cur - in->base);
    if (p < 0) p = 0;
    if ((size_t)p > s->len) p = (long long)s->len;
    return (int32_t)p;
}

static void ax_oom(ax_state *s) {
    s->out->status = -2;
    xmlStopParser(s->ctxt);
}

static int ax_grow(ax_state *s, void **arr, size_t *cap, size_t need, size_t elem) {
    if (need <= *cap) return 1;
    size_t ncap = *cap ? *cap : 256;
    while (ncap < need) ncap *= 2;
    void *p = realloc(*arr, ncap * elem);
    if (p == NULL) { ax_oom(s); return 0; }
    *arr = p;
    *cap = ncap;
    return 1;
}

static ax_event *ax_push(ax_state *s) {
    ax_result *r = s->out;
    if (r->status == -2) return NULL;
    if (!ax_grow(s, (void **)&r->events, &s->event_cap, r->event_count + 1, sizeof(ax_event))) return NULL;
    ax_event *e = &r->events[r->event_count++];
    memset(e, 0, sizeof(*e));
    return e;
}

static int32_t ax_pool_add(ax_state *s, const uint8_t *p, size_t n) {
    ax_result *r = s->out;
    if (r->status == -2) return -1;
    if (!ax_grow(s, (void **)&r->pool, &s->pool_cap, r->pool_len + n + 1, 1)) return -1;
    int32_t off = (int32_t)r->pool_len;
    if (n) memcpy(r->pool + r->pool_len, p, n);
    r->pool_len += n;
    return off;
}

/* First '<' in [from, to) of the source, or `from` when there is none. */
static int32_t ax_find_lt(ax_state *s, int32_t from, int32_t to) {
    if (from < 0) from = 0;
    if (to > (int32_t)s->len) to = (int32_t)s->len;
    if (from >= to) return to < from ? to : from;
    const void *hit = memchr(s->buf + from, '<', (size_t)(to - from));
    return hit ? (int32_t)((const uint8_t *)hit - s->buf) : from;
}

/* Last '<' in [from, to) of the source, or -1. */
static int32_t ax_find_last_lt(ax_state *s, int32_t from, int32_t to) {
    if (from < 0) from = 0;
    if (to > (int32_t)s->len) to = (int32_t)s->len;
    for (int32_t i = to - 1; i >= from; i--) {
        if (s->buf[i] == '<') return i;
    }
    return -1;
}

/* Whether the source at `at` is '<' + `name` (ASCII case-insensitive) + a delimiter: a start
   tag really written there, not a '>' that merely ends the text before an implied element. */
static int ax_is_tag(ax_state *s, int32_t at, const xmlChar *name) {
    if (name == NULL || at < 0 || (size_t)at >= s->len || s->buf[at] != '<') return 0;
    size_t i = (size_t)at + 1;
    for (const xmlChar *p = name; *p; p++, i++) {
        if (i >= s->len) return 0;
        unsigned char c = s->buf[i], d = *p;
        if (c >= 'A' && c <= 'Z') c |= 0x20;
        if (d >= 'A' && d <= 'Z') d |= 0x20;
        if (c != d) return 0;
    }
    if (i >= s->len) return 1;
    unsigned char c = s->buf[i];
    return c == '>' || c == '/' || c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static int ax_ieq(const xmlChar *a, const char *b) {
    return a && xmlStrcasecmp(a, (const xmlChar *)b) == 0;
}

/* Whether a style attribute hides the element (display:none or visibility:hidden). */
static int ax_style_hides(const xmlChar *v) {
    char buf[64];
    size_t n = 0;
    for (const xmlChar *p = v; *p; p++) {
        unsigned char c = *p;
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') continue;
        if (c >= 'A' && c <= 'Z') c |= 0x20;
        if (c == ';') { n = 0; continue; }
        if (n < sizeof(buf) - 1) buf[n++] = (char)c;
        buf[n] = 0;
        if (n == 12 && memcmp(buf, "display:none", 12) == 0) return 1;
        if (n == 17 && memcmp(buf, "visibility:hidden", 17) == 0) return 1;
    }
    return 0;
}

static int ax_attr_code(const xmlChar *name) {
    switch (name[0]) {
    case 'c':
        if (strcmp((const char *)name, "class") == 0) return AX_ATTR_CLASS;
        if (strcmp((const char *)name, "content") == 0) return AX_ATTR_CONTENT;
        break;
    case 'd':
        if (strcmp((const char *)name, "datetime") == 0) return AX_ATTR_DATETIME;
        break;
    case 'i':
        if (strcmp((const char *)name, "id") == 0) return AX_ATTR_ID;
        if (strcmp((const char *)name, "itemprop") == 0) return AX_ATTR_ITEMPROP;
        if (strcmp((const char *)name, "itemtype") == 0) return AX_ATTR_ITEMTYPE;
        break;
    case 'n':
        if (strcmp((const char *)name, "name") == 0) return AX_ATTR_NAME;
        break;
    case 'p':
        if (strcmp((const char *)name, "property") == 0) return AX_ATTR_PROPERTY;
        break;
    case 'r':
        if (strcmp((const char *)name, "role") == 0) return AX_ATTR_ROLE;
        if (strcmp((const char *)name, "rel") == 0) return AX_ATTR_REL;
        break;
    }
    return 0;
}

/* ----------------------------------------------------------- callbacks */

static void ax_start(void *ctx, const xmlChar *name, const xmlChar **atts) {
    ax_state *s = (ax_state *)ctx;
    int32_t pos = ax_pos(s);
    uint16_t tag = ax_tag_of(name);
    ax_event *e = ax_push(s);
    if (e == NULL) return;
    e->kind = AX_EV_START;
    e->tag = tag;
    /* libxml2 reports a start tag with the cursor on its closing '>' (or "/>") or just after it; an
       implied element (html, body, p, ...) has no tag of its own. A start is real only where '<' and
       its name are written. */
    int implied = 1;
    int32_t after = -1;
    if ((size_t)pos < s->len && s->buf[pos] == '>') after = pos + 1;
    else if ((size_t)pos + 1 < s->len && s->buf[pos] == '/' && s->buf[pos + 1] == '>') after = pos + 2;
    else if (pos > 0 && s->buf[pos - 1] == '>') after = pos;
    if (after >= 0) {
        int32_t lt = ax_find_lt(s, s->prev_end, after);
        if (ax_is_tag(s, lt, name)) { implied = 0; e->start = lt; pos = after; }
    }
    if (implied) e->start = pos;
    e->end = pos;
    e->data = (int32_t)s->out->attr_count;
    e->len = 0;
    uint8_t flags = 0;
    if (atts != NULL) {
        for (size_t i = 0; atts[i] != NULL; i += 2) {
            const xmlChar *an = atts[i];
            const xmlChar *av = atts[i + 1];
            if (an[0] == 'h' && strcmp((const char *)an, "hidden") == 0) {
                if (tag != AX_TAG_INPUT) flags |= AX_FL_HIDDEN;
                continue;
            }
            if (an[0] == 'a' && strcmp((const char *)an, "aria-hidden") == 0) {
                if (ax_ieq(av, "true")) flags |= AX_FL_HIDDEN;
                continue;
            }
            if (an[0] == 's' && strcmp((const char *)an, "style") == 0) {
                if (av && ax_style_hides(av)) flags |= AX_FL_HIDDEN;
                continue;
            }
            if (an[0] == 't' && tag == AX_TAG_SCRIPT && strcmp((const char *)an, "type") == 0) {
                if (av && xmlStrcasestr(av, (const xmlChar *)"ld+json")) flags |= AX_FL_LDJSON;
                continue;
            }
            int code = ax_attr_code(an);
            if (code == 0 || av == NULL) continue;
            size_t vl = strlen((const char *)av);
            if (vl > AX_MAX_ATTR_VALUE) vl = AX_MAX_ATTR_VALUE;
            int32_t off = ax_pool_add(s, av, vl);
            if (off < 0) return;
            ax_result *r = s->out;
            if (!ax_grow(s, (void **)&r->attrs, &s->attr_cap, r->attr_count + 1, sizeof(ax_attr))) return;
            /* ax_grow may have moved nothing in events; e stays valid (events not reallocated here). */
            ax_attr *a = &r->attrs[r->attr_count++];
            a->name = code;
            a->off = off;
            a->len = (int32_t)vl;
            e->len++;
        }
    }
    e->flags = flags;
    /* An implied element consumes no input: text that libxml2 read before implying it (and
       delivers after it) still starts at prev_end, so prev_end stays where it was. */
    if (!implied) s->prev_end = pos;
}

static void ax_end(void *ctx, const xmlChar *name) {
    ax_state *s = (ax_state *)ctx;
    int32_t pos = ax_pos(s);
    ax_event *e = ax_push(s);
    if (e == NULL) return;
    e->kind = AX_EV_END;
    e->tag = ax_tag_of(name);
    int32_t start = pos;
    int implied = 1;
    if (pos > 0 && s->buf[pos - 1] == '>') {
        int32_t lt = ax_find_last_lt(s, s->prev_end, pos);
        if (lt >= 0 && lt + 1 < pos && s->buf[lt + 1] == '/') { start = lt; implied = 0; }
    }
    if (implied) {
        /* Implied end (auto-closed by the next tag or the end of input): the cursor may sit
           inside the next tag's name; end the element where that tag starts. */
        int32_t lt = ax_find_last_lt(s, s->prev_end, pos);
        if (lt >= 0) { start = lt; pos = lt; }
    }
    if (start < s->prev_end) start = s->prev_end <= pos ? s->prev_end : pos;
    e->start = start;
    e->end = pos;
    /* Like an implied start, an implied end consumes no input: text libxml2 has read but not
       yet delivered (text in <head> that closes it) must still be found after it. */
    if (!implied) s->prev_end = pos;
}

/* Whether the source [a, b) is written as a reference libxml2 decodes: '&#' digits, '&#x' hex
   digits (each with or without ';'), or '&' name ';'. */
static int ax_is_reference(ax_state *s, int32_t a, int32_t b) {
    if (a < 0 || b > (int32_t)s->len || b - a < 3 || s->buf[a] != '&') return 0;
    int32_t k = a + 1;
    if (s->buf[k] == '#') {
        k++;
        int hex = k < b && (s->buf[k] | 0x20) == 'x';
        if (hex) k++;
        int32_t digits = k;
        while (k < b) {
            unsigned char c = s->buf[k];
            if ((c >= '0' && c <= '9') || (hex && (c | 0x20) >= 'a' && (c | 0x20) <= 'f')) k++; else break;
        }
        if (k == digits) return 0;
        if (k < b && s->buf[k] == ';') k++;
        return k == b;
    }
    while (k < b) {
        unsigned char c = s->buf[k];
        if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') k++;
        else if ((c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_' || c == ':') k++;
        else break;
    }
    return k > a + 1 && k + 1 == b && s->buf[k] == ';';
}

static void ax_text(void *ctx, const xmlChar *ch, int len) {
    ax_state *s = (ax_state *)ctx;
    if (len <= 0) return;
    int32_t pos = ax_pos(s);
    int32_t n = len;
    int32_t found = -1;
    int literal_amp = 0;
    /* The reference this chunk may come from starts at the last '&' since the last event (input
       libxml2 drops without an event, such as "</" with no name, may lie before it). */
    int32_t amp = -1;
    for (int32_t k = pos - 1; k >= s->prev_end && k >= 0 && pos - k <= 40; k--) {
        if (s->buf[k] == '&') { amp = k; break; }
    }
    if (pos - n >= s->prev_end && pos - n >= 0 && memcmp(s->buf + pos - n, ch, (size_t)n) == 0) {
        found = pos;
    } else if (amp >= 0 && n == 1 && ch[0] == '&' && amp + 1 < pos && s->buf[amp + 1] != '#'
               && s->buf[pos - 1] != ';') {
        /* A reference libxml2 does not decode (an unknown name, or a name without ';'): it reads
           the name first, then delivers "&" and the name as two chunks of text. The "&" is the
           byte at amp; the name, next, ends at the cursor and is found as a copy too. */
        found = amp + 1;
        literal_amp = 1;
    } else if (amp >= 0 && ax_is_reference(s, amp, pos)) {
        /* A character or entity reference ending at the cursor: decoded text, handled below. */
        found = -2;
    }
    /* Locate the chunk: normally it ends at the cursor; after a buffer flush the cursor can
       sit a few bytes off, so search a small window around it. */
    for (int32_t d = 1; d <= AX_SEARCH_WINDOW && found == -1; d++) {
        int32_t cand[2] = { pos + d, pos - d };
        for (int k = 0; k < 2; k++) {
            int32_t end = cand[k];
            int32_t start = end - n;
            if (start < 0 || end > (int32_t)s->len || start < s->prev_end) continue;
            if (memcmp(s->buf + start, ch, (size_t)n) == 0) { found = end; break; }
        }
    }
    ax_result *r = s->out;
    if (found >= 0) {
        if (found != pos && !literal_amp) r->adjusted_chunks++;
        int32_t start = found - n;
        /* Merge with a directly preceding copied chunk. */
        if (r->event_count > 0) {
            ax_event *p = &r->events[r->event_count - 1];
            if (p->kind == AX_EV_TEXT && (p->flags & AX_FL_COPY) && p->end == start) {
                p->end = found;
                s->prev_end = found;
                return;
            }
        }
        ax_event *e = ax_push(s);
        if (e == NULL) return;
        e->kind = AX_EV_TEXT;
        e->flags = AX_FL_COPY;
        e->start = start;
        e->end = found;
        s->prev_end = found;
        return;
    }
    /* Decoded text (an entity or character reference): it stands for the bytes since the last event. */
    int32_t off = ax_pool_add(s, ch, (size_t)n);
    if (off < 0) return;
    ax_event *e = ax_push(s);
    if (e == NULL) return;
    e->kind = AX_EV_TEXT;
    e->flags = 0;
    int32_t start = found == -2 ? amp : s->prev_end <= pos ? s->prev_end : pos;
    e->start = start;
    e->end = pos;
    e->data = off;
    e->len = n;
    s->prev_end = pos;
}

static void ax_raw(void *ctx, const xmlChar *ch, int len) {
    /* Script and style content: nothing to record; the element's own range covers it. */
    (void)ch; (void)len;
    ax_state *s = (ax_state *)ctx;
    s->prev_end = ax_pos(s);
}

static void ax_comment(void *ctx, const xmlChar *value) {
    (void)value;
    ax_state *s = (ax_state *)ctx;
    int32_t pos = ax_pos(s);
    ax_event *e = ax_push(s);
    if (e == NULL) return;
    e->kind = AX_EV_COMMENT;
    e->start = ax_find_lt(s, s->prev_end, pos);
    e->end = pos;
    s->prev_end = pos;
}

static void ax_skip_pi(void *ctx, const xmlChar *target, const xmlChar *data) {
    (void)target; (void)data;
    ax_state *s = (ax_state *)ctx;
    s->prev_end = ax_pos(s);
}

static void ax_skip_subset(void *ctx, const xmlChar *name, const xmlChar *ext, const xmlChar *sys) {
    (void)name; (void)ext; (void)sys;
    ax_state *s = (ax_state *)ctx;
    s->prev_end = ax_pos(s);
}

/* -------------------------------------------------------------- driver */

int ax_parse_html(const uint8_t *buf, size_t len, ax_result *out) {
    memset(out, 0, sizeof(*out));
    if (len == 0) return 0;
    if (len > (size_t)INT32_MAX - 16) { out->status = -1; return -1; }
    ax_init();

    htmlParserCtxtPtr ctxt = htmlCreateMemoryParserCtxt((const char *)buf, (int)len);
    if (ctxt == NULL) { out->status = -1; return -1; }

    ax_state s;
    memset(&s, 0, sizeof(s));
    s.ctxt = ctxt;
    s.buf = buf;
    s.len = len;
    s.out = out;

    htmlSAXHandler h;
    memset(&h, 0, sizeof(h));
    h.internalSubset = ax_skip_subset;
    h.startElement = ax_start;
    h.endElement = ax_end;
    h.characters = ax_text;
    h.ignorableWhitespace = ax_text;
    h.cdataBlock = ax_raw;
    h.comment = ax_comment;
    h.processingInstruction = ax_skip_pi;
    h.initialized = 1;
    if (ctxt->sax != NULL) memcpy(ctxt->sax, &h, sizeof(h));
    ctxt->userData = &s;

    htmlCtxtUseOptions(ctxt, HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR |
                                 HTML_PARSE_NOWARNING | HTML_PARSE_IGNORE_ENC);
    /* The buffer is UTF-8 already; never let a <meta charset> or a guess re-decode it. */
    xmlSwitchEncoding(ctxt, XML_CHAR_ENCODING_UTF8);
    ctxt->replaceEntities = 1;
    ctxt->loadsubset = 0;
    ctxt->validate = 0;

    htmlParseDocument(ctxt);

    if (ctxt->myDoc != NULL) {
        xmlFreeDoc(ctxt->myDoc);
        ctxt->myDoc = NULL;
    }
    htmlFreeParserCtxt(ctxt);
    return out->status;
}

void ax_result_free(ax_result *r) {
    if (r == NULL) return;
    free(r->events);
    free(r->attrs);
    free(r->pool);
    r->events = NULL;
    r->attrs = NULL;
    r->pool = NULL;
    r->event_count = r->attr_count = r->pool_len = 0;
}
