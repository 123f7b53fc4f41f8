#ifndef ARTICLE_XML_H
#define ARTICLE_XML_H

#include <stddef.h>
#include <stdint.h>

/// Initialises libxml2 once per process (thread-safe, idempotent).
void ax_init(void);

/// The libxml2 version the program was linked with, e.g. 20914.
int ax_libxml_version(void);

/// The code point of the HTML named entity `name` (`len` bytes, without `&` and `;`) as
/// libxml2's HTML parser knows it, or 0 when it does not know the name.
uint32_t ax_html_entity(const uint8_t *name, size_t len);

/* ------------------------------------------------------------------------ */
/* HTML event stream                                                         */
/*                                                                           */
/* ax_parse_html runs libxml2's HTML parser in SAX mode over a UTF-8 buffer  */
/* and records a compact stream of events. No libxml2 pointer or type leaves */
/* the call: the result holds plain arrays owned by the caller, released     */
/* with ax_result_free.                                                      */
/* ------------------------------------------------------------------------ */

/// Event kinds.
enum {
    AX_EV_START = 1,   ///< element start; start..end = the start tag (end = after '>')
    AX_EV_END = 2,     ///< element end; start..end = the end tag (empty when implied)
    AX_EV_TEXT = 3,    ///< character data; start..end = its source span
    AX_EV_COMMENT = 4, ///< a comment; start..end = the whole comment
};

/// Event flags.
enum {
    AX_FL_COPY = 1,     ///< text: the source bytes are exactly the text (no pool data)
    AX_FL_HIDDEN = 2,   ///< start: hidden attribute, aria-hidden=true, or style display:none / visibility:hidden
    AX_FL_LDJSON = 4,   ///< start: <script type="application/ld+json">
};

/// Attributes that are recorded (others are skipped).
enum {
    AX_ATTR_CLASS = 1,
    AX_ATTR_ID,
    AX_ATTR_ROLE,
    AX_ATTR_ITEMPROP,
    AX_ATTR_PROPERTY,
    AX_ATTR_NAME,
    AX_ATTR_CONTENT,
    AX_ATTR_DATETIME,
    AX_ATTR_ITEMTYPE,
    AX_ATTR_REL,
};

/// Element names known to the cleaner; anything else is AX_TAG_UNKNOWN.
enum {
    AX_TAG_UNKNOWN = 0,
    AX_TAG_A, AX_TAG_ABBR, AX_TAG_ADDRESS, AX_TAG_AREA, AX_TAG_ARTICLE, AX_TAG_ASIDE, AX_TAG_AUDIO,
    AX_TAG_B, AX_TAG_BASE, AX_TAG_BDI, AX_TAG_BDO, AX_TAG_BIG, AX_TAG_BLOCKQUOTE, AX_TAG_BODY, AX_TAG_BR,
    AX_TAG_BUTTON, AX_TAG_CANVAS, AX_TAG_CAPTION, AX_TAG_CENTER, AX_TAG_CITE, AX_TAG_CODE, AX_TAG_COL,
    AX_TAG_COLGROUP, AX_TAG_DATA, AX_TAG_DD, AX_TAG_DEL, AX_TAG_DETAILS, AX_TAG_DFN, AX_TAG_DIALOG,
    AX_TAG_DIV, AX_TAG_DL, AX_TAG_DT, AX_TAG_EM, AX_TAG_EMBED, AX_TAG_FIELDSET, AX_TAG_FIGCAPTION,
    AX_TAG_FIGURE, AX_TAG_FONT, AX_TAG_FOOTER, AX_TAG_FORM, AX_TAG_FRAME, AX_TAG_FRAMESET, AX_TAG_H1,
    AX_TAG_H2, AX_TAG_H3, AX_TAG_H4, AX_TAG_H5, AX_TAG_H6, AX_TAG_HEAD, AX_TAG_HEADER, AX_TAG_HGROUP,
    AX_TAG_HR, AX_TAG_HTML, AX_TAG_I, AX_TAG_IFRAME, AX_TAG_IMG, AX_TAG_INPUT, AX_TAG_INS, AX_TAG_KBD,
    AX_TAG_LABEL, AX_TAG_LEGEND, AX_TAG_LI, AX_TAG_LINK, AX_TAG_MAIN, AX_TAG_MAP, AX_TAG_MARK,
    AX_TAG_MARQUEE, AX_TAG_MATH, AX_TAG_MENU, AX_TAG_META, AX_TAG_METER, AX_TAG_NAV, AX_TAG_NOBR,
    AX_TAG_NOSCRIPT, AX_TAG_OBJECT, AX_TAG_OL, AX_TAG_OPTGROUP, AX_TAG_OPTION, AX_TAG_OUTPUT, AX_TAG_P,
    AX_TAG_PARAM, AX_TAG_PICTURE, AX_TAG_PRE, AX_TAG_PROGRESS, AX_TAG_Q, AX_TAG_RP, AX_TAG_RT,
    AX_TAG_RUBY, AX_TAG_S, AX_TAG_SAMP, AX_TAG_SCRIPT, AX_TAG_SECTION, AX_TAG_SELECT, AX_TAG_SMALL,
    AX_TAG_SOURCE, AX_TAG_SPAN, AX_TAG_STRIKE, AX_TAG_STRONG, AX_TAG_STYLE, AX_TAG_SUB, AX_TAG_SUMMARY,
    AX_TAG_SUP, AX_TAG_SVG, AX_TAG_TABLE, AX_TAG_TBODY, AX_TAG_TD, AX_TAG_TEMPLATE, AX_TAG_TEXTAREA,
    AX_TAG_TFOOT, AX_TAG_TH, AX_TAG_THEAD, AX_TAG_TIME, AX_TAG_TITLE, AX_TAG_TR, AX_TAG_TT, AX_TAG_U,
    AX_TAG_UL, AX_TAG_VAR, AX_TAG_VIDEO, AX_TAG_WBR,
    AX_TAG_COUNT
};

/// One recorded event. Offsets are byte offsets into the parsed buffer.
typedef struct ax_event {
    uint8_t kind;   ///< AX_EV_*
    uint8_t flags;  ///< AX_FL_*
    uint16_t tag;   ///< AX_TAG_* for start and end events
    int32_t start;  ///< source start
    int32_t end;    ///< source end
    int32_t data;   ///< text without AX_FL_COPY: offset of the text in the pool; start: first attribute index
    int32_t len;    ///< text without AX_FL_COPY: its length in bytes; start: number of attributes
} ax_event;

/// One recorded attribute; its value lives in the pool.
typedef struct ax_attr {
    int32_t name;   ///< AX_ATTR_*
    int32_t off;    ///< offset of the value in the pool
    int32_t len;    ///< length of the value
} ax_attr;

/// The result of ax_parse_html.
typedef struct ax_result {
    ax_event *events;
    size_t event_count;
    ax_attr *attrs;
    size_t attr_count;
    uint8_t *pool;
    size_t pool_len;
    /// 0 on success; -1 when the input could not be parsed at all; -2 when memory ran out (partial result).
    int status;
    /// Number of text chunks whose source position had to be searched for.
    int adjusted_chunks;
} ax_result;

/// Parses `len` bytes of UTF-8 HTML at `buf` and fills `out` (which the caller must release with
/// ax_result_free, whatever the status).
int ax_parse_html(const uint8_t *buf, size_t len, ax_result *out);

/// Releases the arrays of a result; safe on a zeroed or already released result.
void ax_result_free(ax_result *r);

#endif
