import CArticleXML

/// Title and publication date of an HTML page.
struct HTMLMetadata {
    var title: String?
    var published: String?

    static func extract(_ doc: HTMLDocument, selection: ContentSelection) -> HTMLMetadata {
        var ogTitle: String?, twitterTitle: String?, siteName: String?
        var h1: String?, h1InBody: String?
        var titleTag: String?
        var metaDate: String?, itempropDate: String?, ldDate: String?, timeDate: String?, timeDateInBody: String?
        let tree = doc.tree
        let n = doc.count
        let root = selection.top
        for i in 0..<n where tree.nodes[i].kind == .element {
            switch Int(tree.nodes[i].tag) {
            case AX_TAG_META:
                let key = (tree.attributeString(i, Int(AX_ATTR_PROPERTY)) ?? tree.attributeString(i, Int(AX_ATTR_NAME))
                    ?? tree.attributeString(i, Int(AX_ATTR_ITEMPROP)))?.lowercased()
                guard let key, let content = tree.attributeString(i, Int(AX_ATTR_CONTENT)) else { continue }
                switch key {
                case "og:title": if ogTitle == nil { ogTitle = content }
                case "twitter:title": if twitterTitle == nil { twitterTitle = content }
                case "og:site_name", "application-name": if siteName == nil { siteName = content }
                case "article:published_time", "og:published_time", "datepublished", "pubdate", "publishdate",
                     "publish-date", "publish_date", "dc.date.issued", "dc.date", "dcterms.created", "date",
                     "sailthru.date", "parsely-pub-date", "article.published", "published_time", "release_date":
                    if metaDate == nil { metaDate = normaliseDate(content) }
                default: break
                }
            case AX_TAG_TITLE:
                if titleTag == nil { titleTag = collapsedText(doc, i) }
            case AX_TAG_H1:
                guard !doc.skipped[i] else { continue }
                let t = collapsedText(doc, i)
                guard !t.isEmpty else { continue }
                if h1 == nil { h1 = t }
                if h1InBody == nil, root >= 0, doc.contains(doc.parent(root) >= 0 ? doc.parent(root) : root, i) { h1InBody = t }
            case AX_TAG_SCRIPT:
                if Int(tree.nodes[i].flags) & AX_FL_LDJSON != 0, ldDate == nil {
                    let node = tree.nodes[i]
                    let s = Int(node.inner), e = Int(node.innerEnd)
                    if s < e && e <= doc.input.count {
                        ldDate = jsonDate(UnsafeBufferPointer(rebasing: doc.input[s..<e])).flatMap(normaliseDate)
                    }
                }
            case AX_TAG_TIME:
                let value = tree.attributeString(i, Int(AX_ATTR_DATETIME)).flatMap(normaliseDate)
                if let ip = tree.attributeString(i, Int(AX_ATTR_ITEMPROP)), ip.lowercased() == "datepublished",
                   itempropDate == nil {
                    itempropDate = value ?? normaliseDate(collapsedText(doc, i))
                }
                if timeDate == nil { timeDate = value }
                if timeDateInBody == nil, root >= 0, doc.contains(doc.parent(root) >= 0 ? doc.parent(root) : root, i) {
                    timeDateInBody = value
                }
            default:
                if itempropDate == nil, let ip = tree.attributeString(i, Int(AX_ATTR_ITEMPROP)),
                   ip.lowercased() == "datepublished" {
                    let v = tree.attributeString(i, Int(AX_ATTR_CONTENT)) ?? tree.attributeString(i, Int(AX_ATTR_DATETIME))
                        ?? collapsedText(doc, i)
                    itempropDate = normaliseDate(v)
                }
            }
        }
        var meta = HTMLMetadata()
        let rawTitle = [ogTitle, twitterTitle].compactMap { $0 }.first { !$0.htmlTrimmed.isEmpty }
        if let t = rawTitle {
            meta.title = stripSiteName(t.htmlCollapsedWhitespace, siteName: siteName)
        } else if let t = h1InBody ?? h1 {
            meta.title = t
        } else if let t = titleTag, !t.isEmpty {
            meta.title = stripSiteName(t, siteName: siteName)
        }
        meta.published = metaDate ?? itempropDate ?? ldDate ?? timeDateInBody ?? timeDate
        if meta.published == nil { meta.published = dateline(doc) }
        return meta
    }

    /// A date written in a byline or dateline element ("Published September 9, 2017").
    static func dateline(_ doc: HTMLDocument) -> String? {
        var doc = doc
        var looked = 0
        for i in 0..<doc.count where doc.isElement(i) && !doc.skipped[i] && doc.chars[i] > 0 && doc.chars[i] < 200 {
            guard doc.hints(i).contains(.byline) else { continue }
            if let d = DatelineParser.parse(Array(doc.preview(i, limit: 200).utf8)) { return d }
            looked += 1
            if looked >= 20 { break }
        }
        return nil
    }

    /// The whitespace-collapsed text of element `i` (at most 400 scalars).
    static func collapsedText(_ doc: HTMLDocument, _ i: Int) -> String {
        doc.preview(i, limit: 400)
    }

    /// Removes a trailing (or leading) site name: "Headline | Site", "Headline - Site", "Headline – Site".
    static func stripSiteName(_ title: String, siteName: String?) -> String {
        let t = Array(title.htmlTrimmed.utf8)
        let separators: [[UInt8]] = [" | ", " - ", " – ", " — ", " :: ", " · ", " « ", " » "].map { Array($0.utf8) }
        let site = siteName.map { Array($0.htmlTrimmed.lowercased().utf8) } ?? []
        func lower(_ b: ArraySlice<UInt8>) -> [UInt8] { b.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 } }
        func string(_ b: ArraySlice<UInt8>) -> String { String(decoding: b, as: UTF8.self).htmlTrimmed }
        // The last separator in the title.
        var best = -1, bestLen = 0
        for sep in separators where sep.count <= t.count {
            var k = t.count - sep.count
            while k > best {
                if t[k..<(k + sep.count)].elementsEqual(sep) { best = k; bestLen = sep.count; break }
                k -= 1
            }
        }
        if best > 0 {
            let head = t[..<best], tail = t[(best + bestLen)...]
            let tailLower = lower(tail)
            if !site.isEmpty, tailLower.starts(with: site) { return string(head) }
            let tailWords = tail.split(separator: 0x20).count
            if tailWords <= 4 && head.count >= tail.count { return string(head) }
        }
        // "Site | Headline"
        if !site.isEmpty, lower(t[...]).starts(with: site) {
            for sep in separators where t.count > site.count + sep.count {
                if t[site.count..<(site.count + sep.count)].elementsEqual(sep) {
                    return string(t[(site.count + sep.count)...])
                }
            }
        }
        return string(t[...])
    }

    /// The first `"datePublished": "…"` value in JSON-LD bytes.
    static func jsonDate(_ b: UnsafeBufferPointer<UInt8>) -> String? {
        let key = Array("\"datePublished\"".utf8)
        var i = 0
        let n = b.count
        while i + key.count <= n {
            if b[i] == 0x22 {
                var k = 0
                while k < key.count && b[i + k] == key[k] { k += 1 }
                if k == key.count {
                    var j = i + k
                    while j < n && (b[j] == 0x20 || b[j] == 0x0A || b[j] == 0x0D || b[j] == 0x09) { j += 1 }
                    guard j < n, b[j] == 0x3A else { i += 1; continue }
                    j += 1
                    while j < n && (b[j] == 0x20 || b[j] == 0x0A || b[j] == 0x0D || b[j] == 0x09) { j += 1 }
                    guard j < n, b[j] == 0x22 else { i += 1; continue }
                    j += 1
                    let s = j
                    while j < n && b[j] != 0x22 && j - s < 64 { j += 1 }
                    return String(decoding: UnsafeBufferPointer(rebasing: b[s..<j]), as: UTF8.self)
                }
            }
            i += 1
        }
        return nil
    }

    /// An ISO 8601 date (`YYYY-MM-DD`, or the full timestamp when given) from common date spellings.
    static func normaliseDate(_ raw: String) -> String? {
        let s = raw.htmlTrimmed
        let u = Array(s.utf8)
        func digits(_ from: Int, _ count: Int) -> Int? {
            guard from + count <= u.count else { return nil }
            var v = 0
            for k in from..<(from + count) {
                guard u[k] >= 0x30 && u[k] <= 0x39 else { return nil }
                v = v * 10 + Int(u[k] - 0x30)
            }
            return v
        }
        func iso(_ y: Int, _ m: Int, _ d: Int) -> String? {
            guard y >= 1900 && y <= 2100, m >= 1 && m <= 12, d >= 1 && d <= 31 else { return nil }
            return "\(y)-\(m < 10 ? "0" : "")\(m)-\(d < 10 ? "0" : "")\(d)"
        }
        // 2019-11-19, 2019/11/19, 2019-11-19T10:00:00Z
        if let y = digits(0, 4), u.count >= 10, u[4] == 0x2D || u[4] == 0x2F, let m = digits(5, 2),
           u[7] == u[4], let d = digits(8, 2), let date = iso(y, m, d) {
            if u.count > 10, u[10] == 0x54 || u[10] == 0x20, digits(11, 2) != nil, u.count <= 40 {
                let rest = u[11...]
                if rest.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x3A || $0 == 0x2E || $0 == 0x2B
                                     || $0 == 0x2D || $0 == 0x5A }) {
                    return date + "T" + String(decoding: rest, as: UTF8.self)
                }
            }
            return date
        }
        // 20191119
        if u.count == 8, let y = digits(0, 4), let m = digits(4, 2), let d = digits(6, 2) { return iso(y, m, d) }
        return DatelineParser.parse(u)
    }
}

/// Parses English month-name dates: "November 19, 2019", "Nov. 19 2019", "19 November 2019",
/// "Tue, 19 Nov 2019 10:00:00 GMT".
enum DatelineParser {
    static let months: [(String, Int)] = [
        ("january", 1), ("february", 2), ("march", 3), ("april", 4), ("may", 5), ("june", 6), ("july", 7),
        ("august", 8), ("september", 9), ("october", 10), ("november", 11), ("december", 12),
        ("jan", 1), ("feb", 2), ("mar", 3), ("apr", 4), ("jun", 6), ("jul", 7), ("aug", 8), ("sep", 9),
        ("sept", 9), ("oct", 10), ("nov", 11), ("dec", 12),
    ]

    static func parse(_ u: [UInt8]) -> String? {
        // Tokenise into words and numbers.
        var tokens: [(String, Int?)] = []
        var i = 0
        while i < u.count && tokens.count < 40 {
            let c = u[i]
            if c >= 0x30 && c <= 0x39 {
                var v = 0, k = i
                while k < u.count && u[k] >= 0x30 && u[k] <= 0x39 && k - i < 6 { v = v * 10 + Int(u[k] - 0x30); k += 1 }
                tokens.append(("", v))
                i = k
            } else if (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A {
                var k = i
                var w: [UInt8] = []
                while k < u.count && (u[k] | 0x20) >= 0x61 && (u[k] | 0x20) <= 0x7A { w.append(u[k] | 0x20); k += 1 }
                tokens.append((String(decoding: w, as: UTF8.self), nil))
                i = k
            } else {
                i += 1
            }
        }
        func month(_ w: String) -> Int? { months.first { $0.0 == w }?.1 }
        func iso(_ y: Int, _ m: Int, _ d: Int) -> String? {
            guard y >= 1900 && y <= 2100, d >= 1 && d <= 31 else { return nil }
            return "\(y)-\(m < 10 ? "0" : "")\(m)-\(d < 10 ? "0" : "")\(d)"
        }
        for k in tokens.indices {
            guard let m = month(tokens[k].0) else { continue }
            // Month D, YYYY
            if k + 2 < tokens.count, let d = tokens[k + 1].1, let y = tokens[k + 2].1, let r = iso(y, m, d) { return r }
            // D Month YYYY
            if k >= 1, k + 1 < tokens.count, let d = tokens[k - 1].1, let y = tokens[k + 1].1, let r = iso(y, m, d) { return r }
        }
        return nil
    }
}

private extension String {
    var htmlTrimmed: String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s = s.dropFirst() }
        while let l = s.last, l.isWhitespace { s = s.dropLast() }
        return String(s)
    }

    var htmlCollapsedWhitespace: String {
        split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}
