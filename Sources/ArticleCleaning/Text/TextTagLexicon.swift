/// How the text-dump cleaner treats an HTML element it finds in a dump.
enum TextTagRole: UInt8, Sendable {
    /// Inline markup (`<a>`, `<em>`, `<span>`): the tag goes, its text stays, no space is added.
    case inline
    /// A void element (`<img>`, `<meta>`): the tag goes; there is no content.
    case void
    /// A void element that breaks the text into blocks (`<br>`, `<hr>`).
    case voidBreak
    /// A block element (`<p>`, `<li>`, `<h2>`): the tag goes and the text breaks into blocks around it.
    case block
    /// A table cell: the tag goes and a space separates the cells.
    case cell
    /// An element whose content is raw text that is dropped with it (`<script>`, `<style>`).
    case rawText
    /// An element dropped with everything inside it (`<iframe>`, `<nav>`, `<figcaption>`).
    case drop
}

/// What the text-dump cleaner knows about one tag name.
struct TextTagInfo: Sendable {
    var role: TextTagRole
    /// The removal kind recorded for dropped content (raw-text and drop elements).
    var kind: RemovalKind
    /// The block kind the element gives the text inside it, if any.
    var hint: TextBlock.Kind?
    /// Whether a newline inside the element is ordinary whitespace (a paragraph-like container).
    var container: Bool

    init(_ role: TextTagRole, _ kind: RemovalKind = .markup, hint: TextBlock.Kind? = nil, container: Bool = false) {
        self.role = role
        self.kind = kind
        self.hint = hint
        self.container = container
    }
}

/// The HTML tag names the text-dump cleaner recognises, packed into integers for fast lookup.
enum TextTagLexicon {
    /// Packs an ASCII tag name (letters and digits, at most 10) lower-cased into an integer; `nil` otherwise.
    @inline(__always)
    static func pack(_ u: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> UInt64? {
        let count = end - start
        guard count > 0, count <= 10 else { return nil }
        var key: UInt64 = 0
        var k = start
        while k < end {
            let c = u[k] | 0x20
            let code: UInt64
            if c >= 0x61 && c <= 0x7A {
                code = UInt64(c - 0x60)
            } else if u[k] >= 0x30 && u[k] <= 0x39 {
                code = UInt64(u[k] - 0x30) + 27
            } else {
                return nil
            }
            key = key << 6 | code
            k += 1
        }
        return key
    }

    static func pack(_ name: String) -> UInt64 {
        let bytes = Array(name.utf8)
        return bytes.withUnsafeBufferPointer { pack($0, 0, $0.count) ?? 0 }
    }

    /// The tag table.
    static let table: [UInt64: TextTagInfo] = {
        var t: [UInt64: TextTagInfo] = [:]
        func add(_ names: [String], _ info: TextTagInfo) {
            for n in names { t[pack(n)] = info }
        }
        add(["a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em", "font", "i", "kbd", "mark", "q",
             "s", "samp", "small", "span", "strike", "strong", "sub", "sup", "time", "u", "var", "ins", "del", "big",
             "tt", "nobr", "label", "acronym", "picture", "output", "meter", "progress", "blink", "marquee", "ruby",
             "rb", "rt", "rp"], TextTagInfo(.inline))
        add(["img", "input", "meta", "link", "wbr", "source", "embed", "area", "base", "col", "param", "track",
             "keygen", "basefont", "image"], TextTagInfo(.void))
        add(["br", "hr"], TextTagInfo(.voidBreak))
        add(["div", "center", "section", "article", "main", "header", "address", "pre", "figure", "details",
             "summary", "fieldset", "legend", "hgroup", "menu", "ul", "ol", "dl", "table", "thead", "tbody", "tfoot",
             "tr", "caption", "colgroup", "html", "body", "form", "frameset", "frame", "dir", "listing", "plaintext",
             "optgroup", "option", "dialog"], TextTagInfo(.block))
        add(["p", "dt", "dd"], TextTagInfo(.block, container: true))
        add(["li"], TextTagInfo(.block, hint: .listItem, container: true))
        add(["blockquote"], TextTagInfo(.block, hint: .quote, container: true))
        add(["h1", "h2", "h3", "h4", "h5", "h6"], TextTagInfo(.block, hint: .heading, container: true))
        add(["td", "th"], TextTagInfo(.cell, container: true))
        add(["script"], TextTagInfo(.rawText, .script))
        add(["style"], TextTagInfo(.rawText, .style))
        add(["textarea", "title", "xmp", "template"], TextTagInfo(.rawText, .markup))
        add(["noscript"], TextTagInfo(.drop, .script))
        add(["iframe", "svg", "math", "object", "video", "audio", "canvas", "select", "map", "applet", "noembed",
             "noframes", "head", "button"], TextTagInfo(.drop, .markup))
        add(["nav", "aside", "footer", "menuitem"], TextTagInfo(.drop, .navigation))
        add(["figcaption"], TextTagInfo(.drop, .caption))
        return t
    }()

    /// Class or id tokens (split at spaces, `-` and `_`) that mark an element as droppable, with the kind recorded.
    static let classTokenKinds: [[UInt8]: RemovalKind] = {
        var t: [[UInt8]: RemovalKind] = [:]
        func add(_ kind: RemovalKind, _ tokens: [String]) { for token in tokens { t[Array(token.utf8)] = kind } }
        add(.caption, ["caption", "captions", "credit", "credits", "photocredit", "image", "images", "img", "photo",
                       "photos", "figure", "thumbnail", "thumb", "gallery", "enclosure"])
        add(.boilerplate, ["ad", "ads", "advert", "adverts", "advertisement", "advertising", "adsbygoogle", "sponsor",
                           "sponsored", "promo", "promoted", "dfp", "gpt", "share", "sharing", "social", "related",
                           "newsletter", "subscribe", "comments", "comment", "respond", "breadcrumb", "breadcrumbs",
                           "sidebar", "widget", "outbrain", "taboola"])
        add(.navigation, ["nav", "navbar", "navigation", "menu", "footer"])
        return t
    }()

    static func kindForClassToken(_ token: [UInt8]) -> RemovalKind? { classTokenKinds[token] }

    /// Class tokens of embedded social posts whose text is article content (tweets and the like).
    static func isEmbedToken(_ token: [UInt8]) -> Bool {
        switch token.count {
        case 5: return token == Array("tweet".utf8) || token == Array("embed".utf8)
        case 6: return token == Array("tiktok".utf8)
        case 7: return token == Array("twitter".utf8)
        case 9: return token == Array("instagram".utf8)
        default: return false
        }
    }
}
