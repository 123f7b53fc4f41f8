/// Decides what a line or block of a text dump is: script code, boilerplate, a caption, a heading.
///
/// The rules look at the shape of the text (punctuation density, sentence endings, length, the
/// words it shares with the headline) and at short general phrase lists; none names a site or an article.
enum TextBlockClassifier {
    // MARK: - Code

    /// Byte classes for the code-shape count.
    static let codeByte: [UInt8] = {
        var t = [UInt8](repeating: 0, count: 256)
        for c in Array(";{}()[]=|&$".utf8) { t[Int(c)] = 1 }
        return t
    }()

    /// Whether `u[a..<b]` (one line or block) is shaped like script or style code rather than prose,
    /// and which: `.script` or `.style`.
    ///
    /// Code has a high density of `;{}()[]=|&$`, and a structural cue: braces with semicolons, a
    /// `function(`, an arrow `=>`, a `var`/`let`/`const` declaration, a dotted call, or a trailing `;`.
    /// Prose with the odd semicolon or parenthesis has a low density and mostly plain words.
    static func codeKind(_ u: UnsafeBufferPointer<UInt8>, _ a: Int, _ b: Int) -> RemovalKind? {
        var s = a, e = b
        while s < e, u[s] == 0x20 || u[s] == 0x09 { s += 1 }
        while e > s, u[e - 1] == 0x20 || u[e - 1] == 0x09 || u[e - 1] == 0x0D { e -= 1 }
        let len = e - s
        guard len > 0 else { return nil }
        if len <= 4 {
            // Closing punctuation of a script: "}", "});", "})();"
            var k = s
            var brace = false
            while k < e {
                let c = u[k]
                if c == 0x7D || c == 0x7B { brace = true } else if !(c == 0x28 || c == 0x29 || c == 0x3B || c == 0x2C || c == 0x5D) {
                    return nil
                }
                k += 1
            }
            return brace ? .script : nil
        }
        let table = codeByte
        var codeChars = 0
        var k = s
        while k < e {
            codeChars &+= Int(table[Int(u[k])])
            k += 1
        }
        // Declarations are recognised by their exact-case keyword ("Let me…" is prose, "let x = 1;" is not).
        let exact = LowerWindow(bytes: Array(UnsafeBufferPointer(rebasing: u[s..<min(e, s + 16)])))
        let declaration = exact.hasPrefix("var ") || exact.hasPrefix("let ") || exact.hasPrefix("const ")
            || exact.hasPrefix("window.") || exact.hasPrefix("document.") || exact.hasPrefix("if (")
            || exact.hasPrefix("if(") || exact.hasPrefix("try{") || exact.hasPrefix("try {")
        guard codeChars >= 3 || (declaration && codeChars >= 2), codeChars * 25 >= len else { return nil }  // ≥ 4 %
        var semi = 0, brace = 0, colon = 0, eq = 0, paren = 0
        var words = 0, plainWords = 0
        var wordStart = s
        var wordPlain = true
        var dottedCall = false
        k = s
        while k <= e {
            let c: UInt8 = k < e ? u[k] : 0x20
            switch c {
            case 0x3B: semi += 1
            case 0x7B, 0x7D: brace += 1
            case 0x3A: colon += 1
            case 0x3D: eq += 1
            case 0x28, 0x29: paren += 1
            default: break
            }
            if c == 0x20 || c == 0x09 {
                if k > wordStart {
                    words += 1
                    if wordPlain && k - wordStart >= 1 { plainWords += 1 }
                }
                wordStart = k + 1
                wordPlain = true
            } else {
                let letter = (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A
                let trailingPunct = (c == 0x2C || c == 0x2E || c == 0x3F || c == 0x21 || c == 0x22 || c == 0x27)
                    && (k + 1 >= e || u[k + 1] == 0x20)
                if !(letter || c >= 0x80 || trailingPunct || c == 0x27 || c == 0x2D) { wordPlain = false }
                if c == 0x2E, k > s, k + 1 < e, isIdent(u[k - 1]), isIdent(u[k + 1]), !isDigit(u[k + 1]) {
                    dottedCall = true
                }
            }
            k += 1
        }
        let last = u[e - 1]
        let lower = LowerWindow(u, s, e)
        let function = lower.contains("function(") || lower.contains("function (") || lower.contains("function ")
            && paren >= 2 && brace >= 1
        let arrow = lower.contains("=>")
        let cssAt = lower.hasPrefix("@media") || lower.hasPrefix("@import") || lower.hasPrefix("@font-face")
        // A call statement: `name(...)` or `name.member(...)` at the start, `;` at the end.
        var identEnd = s
        while identEnd < e, isIdent(u[identEnd]) && u[identEnd] != 0x29 && u[identEnd] != 0x5D || u[identEnd] == 0x2E {
            identEnd += 1
        }
        let callStatement = identEnd > s && identEnd < e && u[identEnd] == 0x28 && last == 0x3B && paren >= 2
        let structural = function || arrow || declaration || cssAt || callStatement || (brace > 0 && semi > 0)
            || (last == 0x3B && (paren >= 2 || eq >= 1) && dottedCall)
            || (last == 0x7B || last == 0x7D)
        guard structural else { return nil }
        // Prose guard: mostly plain words and a low density is a sentence, even with a semicolon.
        let density = Double(codeChars) / Double(len)
        if words >= 6, plainWords * 10 >= words * 7, density < 0.08, !(function || arrow) { return nil }
        if last == 0x2E || last == 0x3F || last == 0x21 || last == 0x22, density < 0.12 { return nil }
        if (cssAt || (brace > 0 && colon > 0 && semi > 0)) && !function && !arrow && eq == 0 { return .style }
        return .script
    }

    @inline(__always) static func isIdent(_ c: UInt8) -> Bool {
        (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A || (c >= 0x30 && c <= 0x39) || c == 0x5F || c == 0x24 || c == 0x29
            || c == 0x5D
    }

    @inline(__always) static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }

    /// A lower-cased ASCII view of at most the first 512 bytes of a range, for phrase tests.
    struct LowerWindow {
        var bytes: [UInt8]

        init(_ u: UnsafeBufferPointer<UInt8>, _ a: Int, _ b: Int) {
            let end = min(b, a + 512)
            bytes = []
            bytes.reserveCapacity(end - a)
            var k = a
            while k < end {
                let c = u[k]
                bytes.append(c >= 0x41 && c <= 0x5A ? c | 0x20 : c)
                k += 1
            }
        }

        init(bytes: [UInt8]) { self.bytes = bytes }

        func hasPrefix(_ p: StaticString) -> Bool {
            let len = p.utf8CodeUnitCount
            guard bytes.count >= len else { return false }
            return p.withUTF8Buffer { pb in
                for k in 0..<len where bytes[k] != pb[k] { return false }
                return true
            }
        }

        func contains(_ p: StaticString) -> Bool {
            let len = p.utf8CodeUnitCount
            guard bytes.count >= len, len > 0 else { return false }
            return p.withUTF8Buffer { pb in
                var i = 0
                let last = bytes.count - len
                while i <= last {
                    if bytes[i] == pb[0] {
                        var k = 1
                        while k < len, bytes[i + k] == pb[k] { k += 1 }
                        if k == len { return true }
                    }
                    i += 1
                }
                return false
            }
        }
    }

    // MARK: - Normalised block text

    /// A block's text lower-cased, curly apostrophes folded to `'`, for phrase comparisons.
    static func folded(_ text: ArraySlice<UInt8>) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: text.count) { out, count in
            text.withUnsafeBufferPointer { t in
                var k = 0, o = 0
                let n = t.count
                while k < n {
                    let c = t[k]
                    if c == 0xE2, k + 2 < n, t[k + 1] == 0x80, t[k + 2] == 0x98 || t[k + 2] == 0x99 {
                        out[o] = 0x27
                        o += 1
                        k += 3
                        continue
                    }
                    out[o] = c >= 0x41 && c <= 0x5A ? c | 0x20 : c
                    o += 1
                    k += 1
                }
                count = o
            }
        }
    }

    @inline(__always) static func starts(_ t: [UInt8], _ p: [UInt8]) -> Bool {
        t.count >= p.count && t[0..<p.count].elementsEqual(p)
    }

    // MARK: - Boilerplate

    /// Related-link teaser labels; a block that starts with one followed by `:` (or a dash) is a teaser.
    static let teaserLabels: [[UInt8]] = [
        "you may also like", "you might also like", "you may like", "you might like", "you may also be interested in",
        "read more", "read also", "also read", "read next", "read this", "related", "related article",
        "related articles", "related post", "related posts", "related story", "related stories", "related news",
        "related reading", "related content", "related coverage", "related link", "related links", "related video",
        "see also", "also see", "check out", "check this out", "don't miss", "do not miss", "must read", "must see",
        "recommended", "recommended for you", "recommended reading", "recommended articles", "suggested",
        "suggested reading", "suggested articles", "more from", "more on this", "more stories", "more news",
        "further reading", "trending now", "also on", "also watch", "watch next", "up next", "next up",
        "previous post", "next post", "previous article", "next article", "more like this", "similar posts",
        "also check", "also check out", "check also", "also, read", "keep reading", "read more about",
    ].map { Array($0.utf8) }

    /// Whole blocks that are boilerplate (compared lower-cased, without trailing punctuation).
    static let boilerplateLines: Set<[UInt8]> = Set([
        "comments are closed", "comments closed", "leave a comment", "leave a reply", "leave your comment",
        "leave a comment below", "post a comment", "add a comment", "add comment", "write a comment", "no comments",
        "no comments yet", "0 comments", "one comment", "1 comment", "share this", "share this article",
        "share this post", "share this story", "share", "share on facebook", "share on twitter", "share on whatsapp",
        "share via email", "tweet", "pin it", "email", "print", "advertisement", "advertisements", "sponsored",
        "sponsored content", "like this", "loading", "subscribe", "subscribe now", "sign up", "follow us",
        "back to top", "skip to content", "skip to main content", "cancel reply", "read more", "read more »",
        "continue reading", "click here", "read the full story", "read full article", "read full story",
        "you must be logged in to post a comment", "related", "related posts", "related articles",
        "you may also like", "you might also like", "also read", "see also", "story continues below advertisement",
        "article continues below advertisement", "scroll to continue with content", "ad", "tags", "filed under",
        "share via", "share this:", "like this:", "related:", "previous", "next", "previous post", "next post",
        "leave a reply cancel reply", "about the author", "your email address will not be published",
        "post navigation", "reply", "report this ad",
    ].map { Array($0.utf8) })

    /// Phrases that make a sentence a reader prompt (share, subscribe, visit, comment).
    static let promptCues: [[UInt8]] = [
        "share your thoughts", "share your views", "share your opinion", "share your feedback", "let us know",
        "tell us", "visit our website", "visit our site", "visit our", "our website", "our posts", "our blog",
        "our newsletter", "our site", "subscribe", "follow us", "stay tuned", "stay connected", "bookmark",
        "comment below", "comments below", "in the comments", "comment section", "comments section",
        "help us", "assist us", "for further details", "for more details", "for more updates", "for more information",
        "keep visiting", "keep reading", "sign up", "click here", "like our page", "share this", "drop a comment",
        "leave a comment", "leave your comments", "write to us", "contact us", "turn on notifications",
    ].map { Array($0.utf8) }

    /// Prefixes of short blocks that are sharing/subscription chrome.
    static let chromePrefixes: [[UInt8]] = [
        "click here to", "click to share", "share on ", "follow us on", "subscribe to our", "sign up for our",
        "you must be logged in", "posted in ", "filed under", "tagged ", "tags:", "share this:", "like this:",
        "join our ", "download our app", "required fields are marked", "save my name, email",
        "your email address will not be published",
    ].map { Array($0.utf8) }

    /// What a block is when it is boilerplate (a teaser, chrome, a reader prompt) or a photo credit.
    ///
    /// Only the first 64 bytes are folded for the prefix and whole-line tests; the prompt test scans
    /// blocks of at most 300 bytes among the last blocks (`endMatter`), 150 elsewhere, so the cost
    /// per block stays small.
    static func boilerplateKind(_ text: ArraySlice<UInt8>, endMatter: Bool = true) -> RemovalKind? {
        guard !text.isEmpty else { return nil }
        let head = folded(text.prefix(64))
        if isTeaser(head) { return .boilerplate }
        if text.count <= 64 {
            var end = head.count
            while end > 0, head[end - 1] == 0x2E || head[end - 1] == 0x21 || head[end - 1] == 0x20 || head[end - 1] == 0x3A {
                end -= 1
            }
            if boilerplateLines.contains(Array(head[0..<end])) { return .boilerplate }
        }
        if text.count <= 120 {
            for p in chromePrefixes where starts(head, p) { return .boilerplate }
        }
        if text.count <= 200 {
            for p in creditPrefixes where starts(head, p) { return .caption }
        }
        // Reader prompts close an article; elsewhere only a short line is taken for one.
        if text.count <= (endMatter ? 300 : 150), hasPromptCue(text), isPromptParagraph(folded(text)) {
            return .boilerplate
        }
        return nil
    }

    /// Whether a block starts with a related-link teaser label: "Read more: <title>", "You may also like: <title>"
    /// (the whole line goes).
    static let teaserLabelsByFirstByte: [[[UInt8]]] = {
        var t = [[[UInt8]]](repeating: [], count: 256)
        for label in teaserLabels { t[Int(label[0])].append(label) }
        return t
    }()

    static func isTeaser(_ f: [UInt8]) -> Bool {
        guard let first = f.first else { return false }
        for label in teaserLabelsByFirstByte[Int(first)] where starts(f, label) {
            var k = label.count
            while k < f.count, f[k] == 0x20 { k += 1 }
            if k >= f.count { return f.count < 40 }
            let c = f[k]
            if c == 0x3A || c == 0x7C || c == 0xBB || (c == 0x2D && k + 1 < f.count && f[k + 1] == 0x20) { return true }
            if c == 0xE2, k + 2 < f.count, f[k + 1] == 0x80, f[k + 2] == 0x93 || f[k + 2] == 0x94 { return true }  // – —
        }
        return false
    }

    /// The prompt cues indexed by their first byte.
    static let promptCuesByFirstByte: [[[UInt8]]] = {
        var t = [[[UInt8]]](repeating: [], count: 256)
        for cue in promptCues { t[Int(cue[0])].append(cue) }
        return t
    }()

    /// One bit per two-byte start of a prompt cue, so most word starts are rejected at once.
    static let promptCueStarts: [UInt64] = {
        var bits = [UInt64](repeating: 0, count: 1024)
        for cue in promptCues where cue.count >= 2 {
            let key = Int(cue[0]) << 8 | Int(cue[1])
            bits[key >> 6] |= 1 << UInt64(key & 63)
        }
        return bits
    }()

    /// Whether `text` holds a prompt cue starting at a word boundary (ASCII letters compared case-insensitively).
    static func hasPromptCue(_ text: ArraySlice<UInt8>) -> Bool {
        promptCueStarts.withUnsafeBufferPointer { bits in
            text.withUnsafeBufferPointer { t in
                @inline(__always) func lower(_ c: UInt8) -> UInt8 { c >= 0x41 && c <= 0x5A ? c | 0x20 : c }
                let b = t.count
                var k = 0
                while k + 1 < b {
                    let c0 = lower(t[k])
                    let key = Int(c0) << 8 | Int(lower(t[k + 1]))
                    if bits[key >> 6] & (1 << UInt64(key & 63)) != 0, k == 0 || !isAlnum(t[k - 1]) {
                        for cue in promptCuesByFirstByte[Int(c0)] where k + cue.count <= b {
                            var j = 2
                            while j < cue.count, lower(t[k + j]) == cue[j] { j += 1 }
                            if j == cue.count { return true }
                        }
                    }
                    k += 1
                }
                return false
            }
        }
    }

    /// Whether a short paragraph consists of reader prompts ("Share your thoughts… please visit our website.").
    static func isPromptParagraph(_ f: [UInt8]) -> Bool {
        guard f.count <= 500 else { return false }
        var sentences = 0, prompts = 0
        var s = 0
        func close(_ e: Int) {
            guard e > s else { return }
            var letters = 0
            for k in s..<e where (f[k] | 0x20) >= 0x61 && (f[k] | 0x20) <= 0x7A { letters += 1 }
            guard letters >= 3 else { return }
            sentences += 1
            if hasPromptCue(f[s..<e]) { prompts += 1 }
        }
        var k = 0
        while k < f.count {
            let c = f[k]
            if (c == 0x2E || c == 0x21 || c == 0x3F) && (k + 1 == f.count || f[k + 1] == 0x20) {
                close(k + 1)
                s = k + 1
                // Stop early once the paragraph cannot qualify.
                if sentences >= 2 && sentences - prompts >= 2 { return false }
            }
            k += 1
        }
        close(f.count)
        guard sentences > 0, prompts > 0 else { return false }
        if sentences <= 2 { return prompts == sentences }
        return prompts >= sentences - 1 && prompts * 3 >= sentences * 2
    }

    @inline(__always) static func isAlnum(_ c: UInt8) -> Bool {
        (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A || (c >= 0x30 && c <= 0x39)
    }

    // MARK: - Captions and credits

    static let creditPrefixes: [[UInt8]] = [
        "photo:", "photos:", "image:", "images:", "photograph:", "photo credit", "image credit", "image source",
        "picture:", "pic:", "credit:", "credits:", "(photo", "(image", "photo by ", "photograph by ", "image via ",
        "photo via ", "image courtesy", "photo courtesy", "courtesy of ", "source: instagram", "source: twitter",
        "via instagram", "via twitter", "screenshot", "(screenshot", "featured image", "©",
    ].map { Array($0.utf8) }

    // MARK: - Headings

    /// Words of a text: ASCII letters and digits lower-cased, non-ASCII bytes kept; apostrophes join.
    static func words(_ text: ArraySlice<UInt8>) -> [(word: [UInt8], capital: Bool, digit: Bool)] {
        var out: [(word: [UInt8], capital: Bool, digit: Bool)] = []
        var cur: [UInt8] = []
        var capital = false
        var digit = false
        func flush() {
            if !cur.isEmpty { out.append((cur, capital, digit)) }
            cur.removeAll(keepingCapacity: true)
            capital = false
            digit = false
        }
        for c in text {
            if isAlnum(c) || c >= 0x80 {
                if cur.isEmpty {
                    capital = c >= 0x41 && c <= 0x5A
                    digit = isDigit(c)
                }
                cur.append(c >= 0x41 && c <= 0x5A ? c | 0x20 : c)
            } else {
                flush()
            }
        }
        flush()
        return out
    }

    /// Whether a block is shaped like a heading: short, one sentence at most, no closing period or comma.
    static func isHeadingShaped(_ text: ArraySlice<UInt8>) -> Bool {
        guard !text.isEmpty, text.count <= 160, let first = text.first, let last = text.last else { return false }
        let startsWell = (first >= 0x41 && first <= 0x5A) || isDigit(first) || first >= 0x80 || first == 0x22
            || first == 0x27
        guard startsWell else { return false }
        if last == 0x2E || last == 0x2C || last == 0x3B || last == 0x3A { return false }
        // No sentence break inside: ". X", "! [", "? (" — a sentence end followed by anything but lower case.
        var k = text.startIndex
        var spaces = 0
        while k < text.endIndex {
            let c = text[k]
            if c == 0x20 { spaces += 1 }
            if c == 0x2E || c == 0x21 || c == 0x3F, k + 2 < text.endIndex, text[k + 1] == 0x20 {
                let d = text[k + 2]
                if !(d >= 0x61 && d <= 0x7A) { return false }
            }
            k += 1
        }
        return spaces < 20
    }

    /// Whether a block ends like a sentence or a heading with a question (final punctuation).
    static func hasFinalPunctuation(_ text: ArraySlice<UInt8>) -> Bool {
        var k = text.endIndex
        // Skip closing quotes and brackets: " ' ) ] ” ’
        while k > text.startIndex {
            let c = text[k - 1]
            if c == 0x22 || c == 0x27 || c == 0x29 || c == 0x5D {
                k -= 1
            } else if (c == 0x9D || c == 0x99), k - 3 >= text.startIndex, text[k - 3] == 0xE2, text[k - 2] == 0x80 {
                k -= 3
            } else {
                break
            }
        }
        guard k > text.startIndex else { return false }
        let c = text[k - 1]
        if c == 0x2E || c == 0x3F || c == 0x21 || c == 0x3A || c == 0x3B || c == 0x2C { return true }
        // "…"
        return c == 0xA6 && k - 3 >= text.startIndex && text[k - 3] == 0xE2 && text[k - 2] == 0x80
    }

    /// Whether a block is an image caption that echoes the headline ("Show Season 2 release date" under a heading).
    ///
    /// - Parameters:
    ///   - text: the block's text.
    ///   - titleWords: the headline's words.
    ///   - afterHeading: the block directly follows a heading (or the headline).
    ///   - beforeParagraph: the block directly precedes a paragraph.
    static func isCaptionEcho(_ text: ArraySlice<UInt8>, titleWords: Set<[UInt8]>, afterHeading: Bool,
                              beforeParagraph: Bool) -> Bool {
        guard !titleWords.isEmpty, text.count <= 120, !hasFinalPunctuation(text) else { return false }
        for c in text where c == 0x3A || c == 0x3F || c == 0x21 || c == 0x7C { return false }
        let ws = words(text)
        guard ws.count >= 2, ws.count <= 12 else { return false }
        var inTitle = 0
        var otherLowercase = true
        for w in ws {
            if titleWords.contains(w.word) {
                inTitle += 1
            } else if w.capital || w.digit {
                otherLowercase = false
            }
        }
        guard inTitle * 5 >= ws.count * 3, otherLowercase else { return false }
        if inTitle == ws.count {
            // Only headline words: an echo under a heading; before a paragraph when it is all lower case
            // or repeats at least half of the headline ("Show Season 2 Release Date" under "Show Season 2
            // Release Date: Confirmed?"), not when it names a part of it ("Show" as a section heading).
            let allLower = !text.contains { $0 >= 0x41 && $0 <= 0x5A }
            let distinct = Set(ws.map(\.word)).count
            return afterHeading || (beforeParagraph && (allLower || distinct * 2 >= titleWords.count))
        }
        return afterHeading || beforeParagraph
    }
}
