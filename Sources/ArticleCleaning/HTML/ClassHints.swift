/// Reads class, id and role names for hints about what an element holds.
///
/// Hints are general CSS vocabulary used across sites (`article-body`,
/// `related-posts`, `share-buttons`, `sidebar`), never site names.
struct ClassHints: OptionSet {
    let rawValue: UInt32
    /// article, content, entry, post, story, body, text, main: likely the article.
    static let positive = ClassHints(rawValue: 1 << 0)
    /// related, comment, share, social, sidebar, promo, newsletter, ads, …: not the article.
    static let negative = ClassHints(rawValue: 1 << 1)
    /// Menus, breadcrumbs, mastheads, footers and sidebars.
    static let navigation = ClassHints(rawValue: 1 << 2)
    /// Captions and image credits.
    static let caption = ClassHints(rawValue: 1 << 3)
    /// `articleBody`, `article-body`, `story-body`, `entry-content`, …: the body itself.
    static let articleBody = ClassHints(rawValue: 1 << 4)
    /// Bylines, datelines, author and date labels.
    static let byline = ClassHints(rawValue: 1 << 5)
    /// Strongly unlikely to be or hold the article (comments, related lists, ads, share bars).
    static let unlikely = ClassHints(rawValue: 1 << 6)
    /// Hidden visually (`hidden`, `sr-only`, `visually-hidden`).
    static let hidden = ClassHints(rawValue: 1 << 7)
    /// Tags, topics and keyword lists.
    static let tags = ClassHints(rawValue: 1 << 8)
    /// Reader comments.
    static let comments = ClassHints(rawValue: 1 << 9)
    /// Embedded content (`social-media-embed`, `embed-tweet`): quoted posts that belong to the article.
    static let embed = ClassHints(rawValue: 1 << 10)

    /// Substring hints, matched inside each lower-cased class/id token.
    private static let substrings: [(String, ClassHints)] = [
        ("articlebody", [.articleBody, .positive]), ("article-body", [.articleBody, .positive]),
        ("article__body", [.articleBody, .positive]), ("article_body", [.articleBody, .positive]),
        ("articletext", [.articleBody, .positive]), ("article-text", [.articleBody, .positive]),
        ("article-content", [.articleBody, .positive]), ("articlecontent", [.articleBody, .positive]),
        ("article__content", [.articleBody, .positive]), ("article_content", [.articleBody, .positive]),
        ("story-body", [.articleBody, .positive]), ("storybody", [.articleBody, .positive]),
        ("story-content", [.articleBody, .positive]), ("story-text", [.articleBody, .positive]),
        ("entry-content", [.articleBody, .positive]), ("post-content", [.articleBody, .positive]),
        ("post-body", [.articleBody, .positive]), ("postbody", [.articleBody, .positive]),
        ("post-entry", [.articleBody, .positive]), ("entry-body", [.articleBody, .positive]),
        ("body-text", [.articleBody, .positive]), ("bodytext", [.articleBody, .positive]),
        ("content-body", [.articleBody, .positive]), ("main-content", [.positive]),
        ("article", [.positive]), ("content", [.positive]), ("entry", [.positive]), ("post", [.positive]),
        ("story", [.positive]), ("body", [.positive]), ("text", [.positive]), ("blog", [.positive]),
        ("main", [.positive]), ("hentry", [.positive]),
        ("comment", [.negative, .unlikely, .comments]), ("disqus", [.negative, .unlikely, .comments]), ("related", [.negative, .unlikely]),
        ("share", [.negative, .unlikely]), ("sharing", [.negative, .unlikely]), ("social", [.negative, .unlikely]),
        ("sidebar", [.negative, .unlikely, .navigation]), ("promo", [.negative, .unlikely]),
        ("newsletter", [.negative, .unlikely]), ("subscri", [.negative, .unlikely]),
        ("signup", [.negative, .unlikely]), ("sign-up", [.negative, .unlikely]),
        ("footer", [.negative, .unlikely, .navigation]), ("advert", [.negative, .unlikely]),
        ("sponsor", [.negative, .unlikely]), ("breadcrumb", [.negative, .unlikely, .navigation]),
        ("widget", [.negative, .unlikely]), ("popup", [.negative, .unlikely]), ("modal", [.negative, .unlikely]),
        ("cookie", [.negative, .unlikely]), ("consent", [.negative, .unlikely]), ("gdpr", [.negative, .unlikely]),
        ("banner", [.negative, .unlikely]), ("outbrain", [.negative, .unlikely]), ("taboola", [.negative, .unlikely]),
        ("recommend", [.negative, .unlikely]), ("trending", [.negative, .unlikely]), ("popular", [.negative, .unlikely]),
        ("masthead", [.negative, .unlikely, .navigation]), ("navbar", [.negative, .unlikely, .navigation]),
        ("navigation", [.negative, .unlikely, .navigation]), ("menu", [.negative, .unlikely, .navigation]),
        ("toolbar", [.negative, .unlikely]), ("skyscraper", [.negative, .unlikely]), ("shoutbox", [.negative, .unlikely]),
        ("pagination", [.negative, .unlikely]), ("pager", [.negative, .unlikely]), ("paywall", [.negative]),
        ("caption", [.negative, .caption]), ("credit", [.negative, .caption]), ("byline", [.byline]),
        ("dateline", [.byline]), ("author", [.byline]), ("timestamp", [.byline]), ("published", [.byline]),
        ("more-stories", [.negative, .unlikely]), ("read-more", [.negative, .unlikely]), ("readmore", [.negative, .unlikely]),
        ("read-next", [.negative, .unlikely]), ("see-also", [.negative, .unlikely]), ("seealso", [.negative, .unlikely]),
        ("sr-only", [.hidden]), ("visually-hidden", [.hidden]), ("visuallyhidden", [.hidden]),
        ("screen-reader", [.hidden]), ("print-only", [.hidden]),
        ("keyword", [.tags]), ("topics", [.tags]), ("tag-list", [.tags]), ("taglist", [.tags]),
        ("community", [.negative, .unlikely]), ("embed", [.embed]), ("replies", [.negative, .unlikely, .comments]), ("rss", [.negative]),
    ]

    /// Whole-token hints (short words that would match too much as substrings).
    private static let tokenList: [(String, ClassHints)] = [
        ("ad", [.negative, .unlikely]), ("ads", [.negative, .unlikely]), ("adv", [.negative, .unlikely]),
        ("advertisement", [.negative, .unlikely]), ("nav", [.negative, .unlikely, .navigation]),
        ("tags", [.negative, .tags]), ("tag", [.negative, .tags]), ("meta", [.negative, .byline]),
("header", [.navigation]), ("extra", [.negative]),
        ("aside", [.negative, .navigation]), ("foot", [.negative, .navigation]), ("date", [.byline]),
        ("info", [.byline]), ("tools", [.negative, .unlikely]), ("print", [.negative]), ("email", [.negative]),
        ("video", [.negative]), ("photo", [.negative]), ("gallery", [.negative]), ("media", [.negative]),
        ("supplemental", [.negative, .unlikely]), ("bio", [.negative, .byline]), ("copyright", [.negative, .unlikely]),
        ("legal", [.negative]), ("disclaimer", [.negative]), ("teaser", [.negative, .unlikely]),
    ]

    private static let tokens: [([UInt8], ClassHints)] = tokenList.map { (Array($0.0.utf8), $0.1) }
    private static let substringBytes: [([UInt8], ClassHints)] = substrings.map { (Array($0.0.utf8), $0.1) }

    /// Whole class names that hide an element.
    private static let hiddenClasses: [[UInt8]] = ["hidden", "hide", "d-none", "is-hidden", "invisible", "visually-hidden",
                                                   "sr-only", "screen-reader-text", "element-invisible", "offscreen"]
        .map { Array($0.utf8) }

    /// Computes the hints of a lower-cased attribute string (class, id, role or itemprop values joined by spaces).
    static func of(_ s: UnsafeBufferPointer<UInt8>) -> ClassHints {
        var h: ClassHints = []
        var i = 0
        let n = s.count
        while i < n {
            while i < n && !isTokenByte(s[i]) { i += 1 }
            let start = i
            while i < n && isTokenByte(s[i]) { i += 1 }
            guard i > start else { continue }
            let tok = UnsafeBufferPointer(rebasing: s[start..<i])
            h.formUnion(ofToken(tok))
            for c in hiddenClasses where c.count == tok.count && equal(tok, 0, c) { h.formUnion(.hidden) }
        }
        return h
    }

    @inline(__always) private static func isTokenByte(_ c: UInt8) -> Bool {
        c != 0x20 && c != 0x09 && c != 0x0A && c != 0x0D && c != 0x0C
    }

    private static func ofToken(_ tok: UnsafeBufferPointer<UInt8>) -> ClassHints {
        var h: ClassHints = []
        // Sub-words split on '-' and '_' are checked as whole tokens.
        var i = 0
        let n = tok.count
        while i < n {
            while i < n && (tok[i] == 0x2D || tok[i] == 0x5F) { i += 1 }
            let start = i
            while i < n && tok[i] != 0x2D && tok[i] != 0x5F { i += 1 }
            if i > start {
                let word = UnsafeBufferPointer(rebasing: tok[start..<i])
                for (t, v) in tokens where t.count == word.count && equal(word, 0, t) { h.formUnion(v) }
            }
        }
        // Substrings, found through an index by first byte.
        var p = 0
        while p < n {
            for k in firstByteIndex[Int(tok[p])] {
                let (sub, v) = substringBytes[k]
                if p + sub.count <= n && !h.isSuperset(of: v) && equal(tok, p, sub) { h.formUnion(v) }
            }
            p += 1
        }
        return h
    }

    /// For each byte, the substring hints that start with it.
    private static let firstByteIndex: [[Int]] = {
        var index = [[Int]](repeating: [], count: 256)
        for (k, (sub, _)) in substringBytes.enumerated() where !sub.isEmpty { index[Int(sub[0])].append(k) }
        return index
    }()

    @inline(__always) private static func equal(_ b: UnsafeBufferPointer<UInt8>, _ at: Int, _ t: [UInt8]) -> Bool {
        var k = 0
        while k < t.count {
            if b[at + k] != t[k] { return false }
            k += 1
        }
        return true
    }

}
