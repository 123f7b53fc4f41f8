/// A YAML front-matter block (`---` … `---`) at the start of a text dump.
struct TextFrontMatter: Sendable {
    /// The decoded byte range of the whole block, closing delimiter line included.
    var range: Range<Int>
    /// The `title` value, unquoted, entities decoded, whitespace collapsed.
    var title: String?
    /// The `date` (or `published`, `pubDate`, …) value as an ISO 8601 date.
    var published: String?

    /// Keys whose value is the publication date, most specific first.
    static let dateKeys = ["date", "published", "pubdate", "published_at", "publishdate", "publish_date",
                           "date_published", "datepublished", "created", "created_at"]

    /// Parses a front-matter block starting at `start` (after leading whitespace), if there is one.
    ///
    /// The block opens with a line `---` and closes with a line `---` or `...` within 64 KiB; every line
    /// in between must look like YAML (`key: value`, an indented continuation, a list item, a comment
    /// or blank), so a horizontal rule followed by prose is not taken for front matter.
    static func parse(_ u: UnsafeBufferPointer<UInt8>, from start: Int) -> TextFrontMatter? {
        let n = u.count
        guard start + 3 <= n, u[start] == 0x2D, u[start + 1] == 0x2D, u[start + 2] == 0x2D else { return nil }
        var i = start + 3
        while i < n, u[i] == 0x20 || u[i] == 0x09 || u[i] == 0x0D { i += 1 }
        guard i < n, u[i] == 0x0A else { return nil }
        i += 1
        var fields: [(key: String, value: String)] = []
        var keyLines = 0
        let limit = min(n, start + 65_536)
        while i < limit {
            var e = i
            while e < n, u[e] != 0x0A { e += 1 }
            var te = e
            while te > i, u[te - 1] == 0x20 || u[te - 1] == 0x09 || u[te - 1] == 0x0D { te -= 1 }
            let lineLen = te - i
            if lineLen == 3, (u[i] == 0x2D && u[i + 1] == 0x2D && u[i + 2] == 0x2D)
                || (u[i] == 0x2E && u[i + 1] == 0x2E && u[i + 2] == 0x2E) {
                guard keyLines > 0 else { return nil }
                let end = e < n ? e + 1 : e
                var fm = TextFrontMatter(range: start..<end, title: nil, published: nil)
                for f in fields where f.key == "title" || f.key == "headline" {
                    if fm.title == nil, !f.value.isEmpty { fm.title = f.value }
                }
                outer: for key in dateKeys {
                    for f in fields where f.key == key {
                        if let iso = TextDates.iso8601(f.value) { fm.published = iso; break outer }
                    }
                }
                return fm
            }
            if lineLen > 0 {
                let first = u[i]
                if first == 0x20 || first == 0x09 || first == 0x23 || first == 0x2D {
                    // continuation, comment or list item
                } else if let colon = keyColon(u, i, te) {
                    keyLines += 1
                    let key = String(decoding: UnsafeBufferPointer(rebasing: u[i..<colon]), as: UTF8.self).lowercased()
                    var vs = colon + 1
                    while vs < te, u[vs] == 0x20 || u[vs] == 0x09 { vs += 1 }
                    fields.append((key, scalarValue(u, vs, te)))
                } else {
                    return nil
                }
            }
            i = e + 1
        }
        return nil
    }

    /// The position of the `:` ending a YAML key at the start of `u[s..<e]`, if the line is `key: value`.
    static func keyColon(_ u: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> Int? {
        var k = s
        while k < e, k - s < 64 {
            let c = u[k]
            if c == 0x3A { return k > s && (k + 1 == e || u[k + 1] == 0x20 || u[k + 1] == 0x09) ? k : nil }
            let ok = (c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A) || c == 0x5F || c == 0x2D
                || c == 0x2E
            if !ok { return nil }
            k += 1
        }
        return nil
    }

    /// A YAML scalar: quotes removed only when the whole value is one quoted scalar; entities decoded.
    static func scalarValue(_ u: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> String {
        guard e > s else { return "" }
        var bytes = Array(UnsafeBufferPointer(rebasing: u[s..<e]))
        if bytes.count >= 2, let q = bytes.first, q == 0x22 || q == 0x27, bytes.last == q {
            let inner = bytes[1..<(bytes.count - 1)]
            var out: [UInt8] = []
            var ok = true
            var k = inner.startIndex
            while k < inner.endIndex {
                let c = inner[k]
                if q == 0x27, c == 0x27 {
                    // '' is an escaped quote inside a single-quoted scalar; a lone ' ends it early.
                    if k + 1 < inner.endIndex, inner[k + 1] == 0x27 { out.append(0x27); k += 2; continue }
                    ok = false; break
                }
                if q == 0x22, c == 0x5C, k + 1 < inner.endIndex {
                    let d = inner[k + 1]
                    switch d {
                    case 0x6E: out.append(0x0A)
                    case 0x74: out.append(0x09)
                    default: out.append(d)
                    }
                    k += 2
                    continue
                }
                if q == 0x22, c == 0x22 { ok = false; break }
                out.append(c)
                k += 1
            }
            if ok { bytes = out }
        }
        return TextDates.cleanText(bytes)
    }
}

/// Small text helpers for titles and dates found in text dumps.
enum TextDates {
    /// Decodes entities and collapses whitespace (NBSP included) in a short piece of text.
    static func cleanText(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        bytes.withUnsafeBufferPointer { u in
            var i = 0
            var space = false
            while i < u.count {
                let c = u[i]
                var isSpace = c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == 0x0C
                var width = 1
                if c == 0xC2, i + 1 < u.count, u[i + 1] == 0xA0 { isSpace = true; width = 2 }
                if c == 0x26, let (scalar, len) = TextEntities.decode(u, at: i) {
                    if scalar == 0xA0 || scalar == 0x20 || scalar == 0x09 || scalar == 0x0A {
                        space = true
                    } else {
                        if space, !out.isEmpty { out.append(0x20) }
                        space = false
                        InputDecoder.appendUTF8(scalar, to: &out)
                    }
                    i += len
                    continue
                }
                if isSpace {
                    space = true
                } else {
                    if space, !out.isEmpty { out.append(0x20) }
                    space = false
                    out.append(c)
                }
                i += width
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    static let months: [String: Int] = [
        "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4, "may": 5,
        "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9,
        "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
    ]

    /// The ISO 8601 date (`YYYY-MM-DD`) of a date value such as `2019-03-04T10:00:00Z`, `Jul 21, 2010 2:10 pm`,
    /// `21 July 2010` or `7/21/2010`; `nil` when no complete, valid date is found.
    static func iso8601(_ value: String) -> String? {
        // Tokens: runs of letters or of digits; ordinal suffixes ("21st") are dropped.
        var tokens: [(text: String, digits: Bool)] = []
        var cur: [UInt8] = []
        var curDigits = false
        func flush() {
            if !cur.isEmpty {
                let text = String(decoding: cur, as: UTF8.self).lowercased()
                let ordinal = !curDigits && ["st", "nd", "rd", "th"].contains(text) && (tokens.last?.digits ?? false)
                if !ordinal { tokens.append((text, curDigits)) }
            }
            cur.removeAll(keepingCapacity: true)
        }
        for c in value.utf8 {
            let isDigit = c >= 0x30 && c <= 0x39
            let isAlpha = (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A
            if isDigit || isAlpha {
                if !cur.isEmpty && isDigit != curDigits { flush() }
                curDigits = isDigit
                cur.append(c)
            } else {
                flush()
            }
            if tokens.count > 40 { break }
        }
        flush()
        func valid(_ y: Int, _ m: Int, _ d: Int) -> String? {
            guard y >= 1800, y <= 2200, m >= 1, m <= 12, d >= 1 else { return nil }
            let days = [31, (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
            guard d <= days[m - 1] else { return nil }
            func pad(_ v: Int, _ w: Int) -> String {
                let s = String(v)
                return String(repeating: "0", count: max(0, w - s.count)) + s
            }
            return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
        }
        // Numeric forms: Y-M-D, Y/M/D, M/D/Y.
        if tokens.count >= 3, tokens[0].digits, tokens[1].digits, tokens[2].digits,
           let a = Int(tokens[0].text), let b = Int(tokens[1].text), let c = Int(tokens[2].text) {
            if tokens[0].text.count == 4 { return valid(a, b, c) }
            if tokens[2].text.count == 4 { return valid(c, a, b) ?? valid(c, b, a) }
        }
        // Month-name forms: "Jul 21, 2010", "21 July 2010", "Wednesday, July 21, 2010".
        for (k, t) in tokens.enumerated() where !t.digits {
            guard let m = months[t.text] else { continue }
            if k + 2 < tokens.count, tokens[k + 1].digits, tokens[k + 2].digits, tokens[k + 2].text.count == 4,
               let d = Int(tokens[k + 1].text), let y = Int(tokens[k + 2].text) {
                return valid(y, m, d)
            }
            if k >= 1, k + 1 < tokens.count, tokens[k - 1].digits, tokens[k + 1].digits, tokens[k + 1].text.count == 4,
               let d = Int(tokens[k - 1].text), let y = Int(tokens[k + 1].text) {
                return valid(y, m, d)
            }
        }
        return nil
    }
}
