/// Tells HTML documents and fragments from plain-text dumps with markup remnants.
///
/// Plain text must not reach the HTML parser as it is (`x<y in May` would lose everything after
/// `x`), and a text dump with a few leftover tags must not be parsed as a page. The evidence, in order:
///
/// 1. A YAML front-matter block (`---` … `---` with `key: value` lines) at the start: **text**
///    (Markdown/CMS exports whose body may be mostly inline HTML).
/// 2. A document that starts (after whitespace and comments) with `<!doctype`, `<html`, `<head`,
///    `<body` or `<?xml`, or has `<html`/`<body` near its start: **HTML**.
/// 3. A fragment: it starts with a known tag, and most of its lines start with a tag or tags are
///    dense (more than one per 40 text bytes): **HTML**.
/// 4. Anything else (a dump that opens with a line of prose, prose with occasional tags): **text**.
public enum InputKindDetector {
    /// Detects the kind of the decoded UTF-8 input.
    public static func detect(_ utf8: [UInt8]) -> InputFormat {
        utf8.withUnsafeBufferPointer { detect($0) }
    }

    /// Detects the kind of the decoded UTF-8 input in `u`.
    public static func detect(_ u: UnsafeBufferPointer<UInt8>) -> InputFormat {
        let n = u.count
        let start = TextDumpCleaner.skipSpace(u, 0)
        guard start < n else { return .text }
        if TextFrontMatter.parse(u, from: start) != nil { return .text }

        // Skip leading comments (`<!-- … -->`), then look for a document start.
        var i = start
        var comments = 0
        while comments < 16, i + 3 < n, u[i] == 0x3C, u[i + 1] == 0x21, u[i + 2] == 0x2D, u[i + 3] == 0x2D {
            var k = i + 4
            while k + 2 < n, k - i < 65_536, !(u[k] == 0x2D && u[k + 1] == 0x2D && u[k + 2] == 0x3E) { k += 1 }
            guard k + 2 < n else { break }
            i = TextDumpCleaner.skipSpace(u, k + 3)
            comments += 1
        }
        if i < n, u[i] == 0x3C {
            for p in ["<!doctype", "<html", "<?xml", "<head", "<body"] where hasPrefix(u, i, p) { return .html }
        }
        // `<html` or `<body` tags within the first 2 KiB (after a stray preamble line).
        let window = min(n, start + 2048)
        var k = start
        while k < window {
            if u[k] == 0x3C, hasPrefix(u, k, "<html") || hasPrefix(u, k, "<body") || hasPrefix(u, k, "<!doctype") {
                let after = k + (hasPrefix(u, k, "<!doctype") ? 9 : 5)
                if after < n, u[after] == 0x3E || u[after] == 0x20 || u[after] == 0x0A || u[after] == 0x09 {
                    return .html
                }
            }
            k += 1
        }

        // A dump that opens with a line of prose (its headline) is text, whatever markup follows.
        guard u[start] == 0x3C, isTagStart(u, start) else { return .text }

        // Fragment heuristics over the first 256 KiB: lines that start with a tag, tag density.
        let limit = min(n, 262_144)
        var lines = 0, tagLines = 0, tags = 0, textBytes = 0
        var inTag = false
        var lineStart = true
        k = start
        while k < limit {
            let c = u[k]
            if c == 0x0A {
                lineStart = true
                k += 1
                continue
            }
            if lineStart, !(c == 0x20 || c == 0x09 || c == 0x0D) {
                lineStart = false
                lines += 1
                if c == 0x3C, isTagStart(u, k) { tagLines += 1 }
            }
            if c == 0x3C, isTagStart(u, k) {
                inTag = true
                tags += 1
            } else if c == 0x3E {
                inTag = false
            } else if !inTag, c != 0x20, c != 0x09, c != 0x0D {
                textBytes += 1
            }
            k += 1
        }
        if tagLines * 2 >= lines && tags >= 2 { return .html }
        if tags > 10 && tags * 40 > textBytes { return .html }
        return .text
    }

    /// Whether a known tag (or closing tag, comment or doctype) starts at `k`.
    static func isTagStart(_ u: UnsafeBufferPointer<UInt8>, _ k: Int) -> Bool {
        let n = u.count
        guard k + 1 < n else { return false }
        var s = k + 1
        if u[s] == 0x21 { return k + 3 < n && u[k + 2] == 0x2D && u[k + 3] == 0x2D }
        if u[s] == 0x2F { s += 1 }
        var e = s
        while e < n, e - s <= 10, TextDumpScanner.isLetter(u[e]) || TextDumpScanner.isDigit(u[e]) { e += 1 }
        guard e > s, e < n else { return false }
        let after = u[e]
        guard after == 0x3E || after == 0x20 || after == 0x2F || after == 0x0A || after == 0x09 || after == 0x0D else {
            return false
        }
        guard let key = TextTagLexicon.pack(u, s, e) else { return false }
        return TextTagLexicon.table[key] != nil
    }

    static func hasPrefix(_ u: UnsafeBufferPointer<UInt8>, _ at: Int, _ p: String) -> Bool {
        let bytes = Array(p.utf8)
        guard u.count - at >= bytes.count else { return false }
        for (j, b) in bytes.enumerated() {
            let c = u[at + j]
            if (c >= 0x41 && c <= 0x5A ? c | 0x20 : c) != b { return false }
        }
        return true
    }
}
