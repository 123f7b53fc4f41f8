import ArticleCleaning
import Foundation

/// Scores claims/1 results against gold claim files (the `*.gold.json` format of the seed and
/// development sets).
///
/// Facts are matched at document level, distinct facts, by type and key: viewCount and
/// episodeCount by subject + count; date by subject + event + timex; cast by actor; crew by
/// person + role; company by name; basedOn by author or work; renewal by subject + status.
/// Names compare case-, space-, hyphen- and order-insensitively; titles also ignore a leading
/// "The". Optional gold facts count when found and are not missed when absent. A predicted claim
/// that matches a `mustNot` entry (every key the entry gives) is a trap hit.
public enum ClaimsScorer {
    /// The gold answers for one document.
    public struct Gold: Sendable {
        public var source: String
        public var title: String?
        public var mainSubject: String?
        public var published: String?
        public var facts: [[String: String]]
        public var optional: [Bool]
        public var mustNot: [[String: String]]
        public var mustRemove: [String]
        public var mustKeep: [String]

        /// Parses a gold file's JSON.
        public init(json data: Data) throws {
            guard let obj = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
                throw DocumentError(code: "bad-gold", message: "gold file is not a JSON object")
            }
            source = obj["source"] as? String ?? ""
            title = obj["title"] as? String
            mainSubject = obj["mainSubject"] as? String
            published = obj["published"] as? String
            mustRemove = obj["mustRemove"] as? [String] ?? []
            mustKeep = obj["mustKeep"] as? [String] ?? []
            facts = []
            optional = []
            for f in obj["facts"] as? [[String: Any]] ?? [] {
                facts.append(Self.flatten(f))
                optional.append(f["optional"] as? Bool ?? false)
            }
            mustNot = (obj["mustNot"] as? [[String: Any]] ?? []).map(Self.flatten)
        }

        static func flatten(_ f: [String: Any]) -> [String: String] {
            var out: [String: String] = [:]
            for (k, v) in f {
                switch v {
                case let s as String: out[k] = s
                case let n as NSNumber: out[k] = n.stringValue
                case is NSNull: out[k] = "null"
                default: continue
                }
            }
            return out
        }
    }

    /// Counts for one document or a whole set.
    public struct Score: Sendable, CustomStringConvertible {
        public var truePositives = 0
        public var falsePositives = 0
        public var falseNegatives = 0
        public var trapHits = 0
        public var provenanceChecked = 0
        public var provenanceFailed = 0
        public var attributesChecked = 0
        public var attributesRight = 0

        public init() {}

        public var precision: Double { truePositives + falsePositives == 0 ? 1 : Double(truePositives) / Double(truePositives + falsePositives) }
        public var recall: Double { truePositives + falseNegatives == 0 ? 1 : Double(truePositives) / Double(truePositives + falseNegatives) }
        public var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }

        public static func += (lhs: inout Score, rhs: Score) {
            lhs.truePositives += rhs.truePositives
            lhs.falsePositives += rhs.falsePositives
            lhs.falseNegatives += rhs.falseNegatives
            lhs.trapHits += rhs.trapHits
            lhs.provenanceChecked += rhs.provenanceChecked
            lhs.provenanceFailed += rhs.provenanceFailed
            lhs.attributesChecked += rhs.attributesChecked
            lhs.attributesRight += rhs.attributesRight
        }

        public var description: String {
            String(format: "P %.3f  R %.3f  F1 %.3f  (tp %d, fp %d, fn %d)  traps %d  provenance %d/%d",
                   precision, recall, f1, truePositives, falsePositives, falseNegatives, trapHits,
                   provenanceChecked - provenanceFailed, provenanceChecked)
        }
    }

    /// The detailed outcome for one document.
    public struct DocumentReport: Sendable {
        public var score = Score()
        public var perType: [String: Score] = [:]
        /// Predicted facts that matched nothing: `type key | quote`.
        public var falsePositives: [String] = []
        /// Required gold facts not found.
        public var misses: [String] = []
        /// mustNot entries hit.
        public var traps: [String] = []
        /// Claims whose evidence.source bytes do not hold their quote.
        public var provenanceFailures: [String] = []
        /// Cleaning checks that failed (mustRemove present, mustKeep absent, title differs).
        public var cleaningFailures: [String] = []
        public var cleaningChecks = 0
    }

    /// The flat fields of a predicted claim, in the gold vocabulary.
    public static func fields(of claim: Claim) -> [String: String] {
        var f: [String: String] = ["type": claim.type.rawValue]
        if let t = claim.subject.title { f["subject"] = t }
        if let s = claim.subject.season { f["season"] = String(s) }
        f["modality"] = claim.modality.rawValue
        if let a = claim.attribution { f["attribution"] = a }
        switch claim.value {
        case let .viewCount(count, bound, within, asOf):
            f["count"] = String(count); f["bound"] = bound.rawValue
            if let within { f["within"] = within }
            if let asOf { f["asOf"] = asOf }
        case let .episodeCount(count): f["count"] = String(count)
        case let .date(event, timex, mod):
            f["event"] = event.rawValue; f["timex"] = timex
            if let mod { f["mod"] = mod }
        case let .cast(actor, character):
            f["actor"] = actor
            if let character { f["character"] = character }
        case let .crew(person, role): f["person"] = person; f["role"] = role.rawValue
        case let .company(name, role): f["name"] = name; f["role"] = role.rawValue
        case let .basedOn(work, author, medium):
            if let work { f["work"] = work }
            if let author { f["author"] = author }
            if let medium { f["medium"] = medium }
        case let .renewal(status): f["status"] = status.rawValue
        }
        return f
    }

    /// Normalises a person's or company's name: lower-case, letters and digits only, words sorted.
    public static func normName(_ s: String) -> String {
        let words = s.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber && $0 != "-" })
            .map { $0.replacingOccurrences(of: "-", with: "") }
        let joined = words.sorted().joined()
        return joined
    }

    /// Normalises a title: lower-case, no leading "the", letters and digits only.
    public static func normTitle(_ s: String) -> String {
        var t = s.lowercased()
        for p in ["the ", "“", "\"", "'", "‘"] where t.hasPrefix(p) { t.removeFirst(p.count) }
        if t.hasPrefix("the ") { t.removeFirst(4) }
        return String(t.unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) }.map(Character.init))
    }

    static let nameKeys: Set<String> = ["actor", "person", "name", "author", "attribution", "character"]
    static let titleKeys: Set<String> = ["subject", "work"]

    static func same(_ key: String, _ a: String?, _ b: String?) -> Bool {
        guard let a, let b else { return a == nil && b == nil }
        if nameKeys.contains(key) { return normName(a) == normName(b) }
        if titleKeys.contains(key) { return normTitle(a) == normTitle(b) }
        return a == b
    }

    /// Whether predicted fields `p` match gold fact `g` on the type's key.
    public static func matches(_ p: [String: String], _ g: [String: String]) -> Bool {
        guard p["type"] == g["type"], let type = g["type"] else { return false }
        switch type {
        case "viewCount", "episodeCount":
            return same("subject", p["subject"], g["subject"]) && p["count"] == g["count"]
        case "date":
            return same("subject", p["subject"], g["subject"]) && p["event"] == g["event"] && p["timex"] == g["timex"]
        case "cast": return same("actor", p["actor"], g["actor"])
        case "crew": return same("person", p["person"], g["person"]) && p["role"] == g["role"]
        case "company": return same("name", p["name"], g["name"])
        case "basedOn":
            if let ga = g["author"], ga != "null", let pa = p["author"], same("author", pa, ga) { return true }
            if let gw = g["work"], gw != "null", let pw = p["work"], same("work", pw, gw) { return true }
            return false
        case "renewal":
            return same("subject", p["subject"], g["subject"]) && p["status"] == g["status"]
        default: return false
        }
    }

    /// Whether predicted fields `p` hit trap `t` (every key the trap gives matches).
    public static func hitsTrap(_ p: [String: String], _ t: [String: String]) -> Bool {
        for (k, v) in t where k != "why" {
            if k == "type" { if p["type"] != v { return false }; continue }
            guard let pv = p[k] else { return false }
            if !same(k, pv, v) { return false }
        }
        return true
    }

    /// A printable key of a predicted fact.
    static func describe(_ f: [String: String]) -> String {
        let order = ["type", "subject", "season", "status", "event", "timex", "mod", "count", "bound", "actor", "character",
                     "person", "name", "role", "work", "author", "medium", "modality", "attribution"]
        return order.compactMap { k in f[k].map { "\(k)=\($0)" } }.joined(separator: " ")
    }

    /// Scores one document.
    /// - Parameters:
    ///   - result: the tool's result for the document.
    ///   - text: the cleaned text (for the cleaning checks), if available.
    ///   - input: the original input bytes (for the provenance check).
    public static func score(_ result: DocumentResult, text: String?, input: [UInt8], gold: Gold) -> DocumentReport {
        var report = DocumentReport()
        // Provenance: bytes at evidence.source must hold the quote.
        for c in result.claims {
            report.score.provenanceChecked += 1
            if !provenanceHolds(c, input: input, isHTML: result.source.format == .html) {
                report.score.provenanceFailed += 1
                report.provenanceFailures.append("\(c.evidence.rule): \(c.evidence.quote) @ \(c.evidence.source)")
            }
        }
        // Distinct predicted facts.
        var predicted: [([String: String], Claim)] = []
        for c in result.claims {
            let f = fields(of: c)
            if !predicted.contains(where: { keyEqual($0.0, f) }) { predicted.append((f, c)) }
        }
        var goldFound = Array(repeating: false, count: gold.facts.count)
        for (f, c) in predicted {
            var any = false
            for (i, g) in gold.facts.enumerated() where matches(f, g) {
                any = true
                if !goldFound[i] {
                    goldFound[i] = true
                    // Attributes scored separately.
                    for a in ["bound", "within", "asOf", "mod", "character", "season", "role", "medium", "modality"] where g[a] != nil {
                        report.score.attributesChecked += 1
                        let gv = g[a] == "null" ? nil : g[a]
                        if same(a, f[a], gv) || (a == "modality" && f[a] == g[a]) { report.score.attributesRight += 1 }
                    }
                }
            }
            let type = f["type"] ?? "?"
            if any {
                report.score.truePositives += 1
                report.perType[type, default: Score()].truePositives += 1
            } else {
                report.score.falsePositives += 1
                report.perType[type, default: Score()].falsePositives += 1
                report.falsePositives.append("\(describe(f)) | \(c.evidence.rule) | \(c.evidence.quote)")
            }
            for t in gold.mustNot where hitsTrap(f, t) {
                report.score.trapHits += 1
                report.traps.append("\(describe(f)) | \(c.evidence.quote)")
            }
        }
        for (i, g) in gold.facts.enumerated() where !goldFound[i] && !gold.optional[i] {
            report.score.falseNegatives += 1
            report.perType[g["type"] ?? "?", default: Score()].falseNegatives += 1
            report.misses.append("\(describe(g)) | \(g["quote"] ?? "")")
        }
        // Cleaning checks.
        if let text {
            let flat = collapse(text)
            for s in gold.mustRemove {
                report.cleaningChecks += 1
                if flat.contains(collapse(s)) { report.cleaningFailures.append("mustRemove present: \(s)") }
            }
            for s in gold.mustKeep {
                report.cleaningChecks += 1
                if !flat.contains(collapse(s)) { report.cleaningFailures.append("mustKeep absent: \(s)") }
            }
        }
        if let t = gold.title {
            report.cleaningChecks += 1
            if result.title != t { report.cleaningFailures.append("title: got \(result.title ?? "nil") want \(t)") }
        }
        return report
    }

    /// Two predicted facts are the same fact when they match each other's key.
    static func keyEqual(_ a: [String: String], _ b: [String: String]) -> Bool {
        guard a["type"] == b["type"] else { return false }
        if a["type"] == "basedOn" { return same("author", a["author"], b["author"]) && same("work", a["work"], b["work"]) }
        return matches(a, b)
    }

    /// Collapses whitespace (including NBSP) to single spaces.
    public static func collapse(_ s: String) -> String {
        s.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// ``provenanceHolds(_:input:isHTML:)`` for any encoding: `evidence.source` counts bytes of
    /// the raw input, which the decoder's offset table carries into its UTF-8 text, so the check
    /// works for Windows-1252, UTF-16/32 and replaced bytes as well as for plain UTF-8.
    public static func provenanceHolds(_ c: Claim, decoded: DecodedInput, isHTML: Bool) -> Bool {
        /// The smallest decoded offset whose raw offset is at least `raw` (the map is monotone).
        func firstDecoded(atOrAfterRaw raw: Int) -> Int {
            var lo = 0, hi = decoded.utf8.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if decoded.rawOffset(mid) < raw { lo = mid + 1 } else { hi = mid }
            }
            return lo
        }
        let s = c.evidence.source
        let lo = firstDecoded(atOrAfterRaw: s.start)
        let hi = max(lo, firstDecoded(atOrAfterRaw: s.end))
        let slice = Array(decoded.utf8[lo..<hi])
        var shifted = c
        shifted.evidence.source = ByteRange(start: 0, end: slice.count)
        return provenanceHolds(shifted, input: slice, isHTML: isHTML)
    }

    /// Whether the input bytes at the claim's `evidence.source` hold its quote: byte for byte, or
    /// — the cleaners take markup out and decode character references — after removing markup,
    /// decoding references and collapsing whitespace.
    ///
    /// Markup is what the cleaner of the input's format takes for markup (``textPieces``): for HTML
    /// as libxml2 reads it — a tag runs from `<` and a letter to the first `>` outside a quoted
    /// attribute value (a quote opens a value only after `=`), a comment from `<!--` to `-->` —
    /// and for a text dump as its cleaner reads it (also after taking its Markdown out first: the
    /// cleaner drops a link target whole, a `<!--` inside it included). Parsers disagree on broken tags, so a second
    /// reading ends every tag at its first `>`. Either reading may hold the quote, with each piece
    /// of markup read as a space or as nothing ("b<i>y</i>" → "by"). References are decoded within
    /// each piece of text, by the HTML rules (``CharacterReferences``) or, for HTML input, as the
    /// HTML cleaner reads them (``HTMLReferences``: libxml2 leaves `&amp` without `;` as written
    /// and drops `&#19;`). For a text dump the Markdown syntax its cleaner takes out — emphasis
    /// markers, link brackets and targets, inline images — counts as markup too (``forms``).
    ///
    /// Text that is not markup (the words of a hidden element, script code) never counts: a source
    /// range that spans removed text does not hold the quote.
    public static func provenanceHolds(_ c: Claim, input: [UInt8], isHTML: Bool) -> Bool {
        let r = c.evidence.source
        guard r.start >= 0, r.end <= input.count, r.start <= r.end else { return false }
        let raw = input[r.start..<r.end]
        if raw.elementsEqual(c.evidence.quote.utf8) { return true }
        let quote = forms(c.evidence.quote, isHTML: isHTML, isQuote: true)
        let readings: [(String) -> String] = isHTML ? [CharacterReferences.decode, HTMLReferences.decode]
                                                    : [CharacterReferences.decode]
        // A text dump's cleaner takes a Markdown link target out whole, so a "<!--" or "<" inside
        // one starts no comment or tag: the source is also read with its Markdown taken out first.
        let sources: [[UInt8]] = isHTML ? [Array(raw)] : [Array(raw), stripMarkdown(Array(raw))]
        for source in sources {
            for quotedValues in [true, false] {
                let pieces = textPieces(source, quotedValues: quotedValues, textDump: !isHTML)
                for decode in readings {
                    // References are read within each piece of text, as the cleaners read them.
                    let decoded = pieces.map { decode(String(decoding: $0, as: UTF8.self)) }
                    for joiner in [" ", ""] where zip(forms(decoded.joined(separator: joiner), isHTML: isHTML, isQuote: false), quote).contains(where: ==) {
                        return true
                    }
                }
            }
        }
        return false
    }

    /// The forms in which the visible text of a source range and a quote are compared, the same
    /// form of each: whitespace collapsed; for a text dump also without Markdown syntax, and
    /// without anything that reads as a tag (read as a space or as nothing, with and without
    /// Markdown) — in the quote only, and in both. A text dump's cleaner keeps what is not its
    /// markup as text (`<rtyle>` of an unknown element), so the quote may hold it where the tag
    /// reading of the source dropped it; the quote read the same way compares the rest. Whether
    /// the visible text, read once already, must be read again depends on what it kept next to
    /// the tags it lost (`<a st of <em>…` keeps `<a` as text in the source, but a tag in the
    /// quote that lost `<em>` may end at a later `>`), so both are tried.
    ///
    /// Zero-width spaces and no-break spaces (U+200B, U+FEFF) are left out of every form: the HTML
    /// cleaner drops them from the text.
    static func forms(_ s: String, isHTML: Bool, isQuote: Bool) -> [String] {
        let s = s.unicodeScalars.contains { $0.value == 0x200B || $0.value == 0xFEFF }
            ? String(String.UnicodeScalarView(s.unicodeScalars.filter { $0.value != 0x200B && $0.value != 0xFEFF }))
            : s
        guard !isHTML else { return [collapse(s)] }
        let bytes = Array(s.utf8)
        let pieces = textPieces(bytes, quotedValues: true, textDump: true)
        var out = [bytes, stripMarkdown(bytes)]
        for joiner: [UInt8] in [[0x20], []] {
            let noTags = Array(pieces.joined(separator: joiner))
            let quoteOnly = isQuote ? noTags : bytes
            out += [quoteOnly, stripMarkdown(quoteOnly), noTags, stripMarkdown(noTags)]
        }
        return out.map { collapse(String(decoding: $0, as: UTF8.self)) }
    }

    /// The pieces of text of `s` between its markup (an empty piece where markup starts or ends `s`).
    ///
    /// For HTML, markup is what libxml2 reads as such: `<` and a letter starts a tag, `</` without
    /// a name is dropped alone, after `<!` only a comment or a DOCTYPE is markup, and an
    /// unterminated tag runs to the end. With `quotedValues`, a `"` or `'` after `=` inside a tag
    /// opens a value that may hold `>`; without, a tag ends at its first `>`. A comment runs to
    /// `-->`. With `textDump`, markup is what the text-dump cleaner reads as such: a name starts a
    /// tag only when a space, `/` or `>` follows it (`<a&#x2014;` is text), `<scheme:…>` is an
    /// autolink, and a tag without its `>`, or with a `<` before it, is text.
    static func textPieces<C: Collection>(_ s: C, quotedValues: Bool, textDump: Bool = false) -> [[UInt8]]
    where C.Element == UInt8 {
        let b = Array(s)
        let n = b.count
        func isLetter(_ c: UInt8) -> Bool { (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A }
        func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == 0x0C }
        /// One past the `>` of a tag whose name or body starts at `k`, or nil when it is text.
        func tagEnd(_ k: Int) -> Int? {
            var k = k
            var quote: UInt8 = 0
            var lastNonSpace: UInt8 = 0
            while k < n {
                let d = b[k]
                // The text-dump cleaner's tag never holds a '<'.
                if textDump && d == 0x3C { return nil }
                if quote != 0 {
                    if d == quote { quote = 0 }
                } else if quotedValues, d == 0x22 || d == 0x27, lastNonSpace == 0x3D {
                    quote = d
                } else if d == 0x3E {
                    return k + 1
                }
                if !isSpace(d) { lastNonSpace = d }
                k += 1
            }
            // Unterminated: libxml2 reads on to the end; the text-dump cleaner keeps it as text (or
            // removes it as a fragment, which splits the text).
            return textDump ? nil : n
        }
        /// One past the markup starting with the `<` at `i`, or nil when that `<` is text.
        func markupEnd(_ i: Int) -> Int? {
            guard i + 1 < n else { return nil }
            let c1 = b[i + 1]
            if c1 == 0x21 {
                if i + 3 < n, b[i + 2] == 0x2D, b[i + 3] == 0x2D {
                    var k = i + 4
                    while k + 2 < n, !(b[k] == 0x2D && b[k + 1] == 0x2D && b[k + 2] == 0x3E) { k += 1 }
                    return k + 2 < n ? k + 3 : n
                }
                // libxml2 knows only comments and DOCTYPE after "<!"; the rest is text to it.
                let doctype = i + 3 < n && (b[i + 2] | 0x20) == 0x64 && (b[i + 3] | 0x20) == 0x6F
                return textDump || doctype ? tagEnd(i + 2) : nil
            }
            if c1 == 0x3F { return tagEnd(i + 2) }
            if c1 == 0x2F {
                if i + 2 < n, isLetter(b[i + 2]) { return textDump ? nameThenTag(i + 2, closing: true) : tagEnd(i + 2) }
                // libxml2 drops "</" without a name and reads on; a text dump keeps it.
                return textDump ? nil : i + 2
            }
            guard isLetter(c1) else { return nil }
            return textDump ? nameThenTag(i + 1, closing: false) : tagEnd(i + 1)
        }
        /// A text dump's tag from its name at `k`: the name must be followed by a space, `/` or
        /// `>`; a start tag's name followed by `:` may open an autolink `<scheme:…>`.
        func nameThenTag(_ k: Int, closing: Bool) -> Int? {
            var k = k
            while k < n, isLetter(b[k]) || (b[k] >= 0x30 && b[k] <= 0x39) || b[k] == 0x2D { k += 1 }
            guard k < n else { return nil }
            let d = b[k]
            if d == 0x3A && !closing {
                var m = k + 1
                while m < n, m - k < 2048, b[m] != 0x3E, !isSpace(b[m]), b[m] != 0x3C { m += 1 }
                return m < n && b[m] == 0x3E && m > k + 1 ? m + 1 : nil
            }
            guard d == 0x3E || d == 0x2F || isSpace(d) else { return nil }
            return tagEnd(k)
        }
        var pieces: [[UInt8]] = []
        var out: [UInt8] = []
        out.reserveCapacity(n)
        var i = 0
        while i < n {
            guard b[i] == 0x3C, let end = markupEnd(i) else {
                out.append(b[i])
                i += 1
                continue
            }
            pieces.append(out)
            out.removeAll(keepingCapacity: true)
            i = end
        }
        pieces.append(out)
        return pieces
    }

    /// `s` without the Markdown syntax the text-dump cleaner takes out: inline images
    /// `![alt](target)`, link targets `](target)`, reference labels `][label]`, and the bracket
    /// and emphasis characters `[`, `]`, `*`, `_`. A target or label ends on its own line; a label
    /// is at most 41 bytes and holds no `[` or `<`, as the cleaner reads it.
    static func stripMarkdown(_ b: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(b.count)
        let n = b.count
        /// The end (after `)`) of a `(target)` opening at `open`, or nil.
        func targetEnd(_ open: Int) -> Int? {
            guard open < n, b[open] == 0x28 else { return nil }
            var k = open + 1
            while k < n, b[k] != 0x29, b[k] != 0x0A { k += 1 }
            return k < n && b[k] == 0x29 ? k + 1 : nil
        }
        var i = 0
        while i < n {
            let c = b[i]
            if c == 0x21, i + 1 < n, b[i + 1] == 0x5B {
                // An inline image: "![" … "](" … ")" on one line.
                var k = i + 2
                while k < n, b[k] != 0x5D, b[k] != 0x0A { k += 1 }
                if let e = targetEnd(k + 1), b[k] == 0x5D {
                    out.append(0x20)
                    i = e
                    continue
                }
            }
            if c == 0x5D, let e = targetEnd(i + 1) {
                i = e
                continue
            }
            if c == 0x5D, i + 1 < n, b[i + 1] == 0x5B {
                // A reference link's label: "][label]", read as the text-dump cleaner reads it
                // (`TextDumpScanner.markdownReferenceEnd`): a "]" within 41 bytes, no "[", "<" or
                // line break before it.
                let a = i + 2
                var k = a
                var end: Int? = nil
                while k < n, k - a <= 40 {
                    let d = b[k]
                    if d == 0x5D { end = k + 1; break }
                    if d == 0x5B || d == 0x0A || d == 0x3C { break }
                    k += 1
                }
                if let end {
                    i = end
                    continue
                }
            }
            if c == 0x5B || c == 0x5D || c == 0x2A || c == 0x5F {
                i += 1
                continue
            }
            out.append(c)
            i += 1
        }
        return out
    }
}
