import Foundation
import Testing
@testable import ArticleCleaning

@Suite struct HTMLSourceMapTests {
    struct Report {
        var copied = 0
        var replaced = 0
        var synthetic = 0
        var unknownEntities = 0
        var failures: [String] = []
    }

    /// Checks every run of the map: copied runs are byte-identical to the input; replaced runs
    /// decode (entities, whitespace) to their text; synthetic runs are block separators.
    static func audit(_ input: [UInt8], _ a: CleanedArticle) -> Report {
        var r = Report()
        let text = Array(a.text.utf8)
        var covered = 0
        for run in a.sourceMap.runs {
            #expect(run.text.start == covered, "runs must tile the text")
            covered = run.text.end
            let t = String(decoding: text[run.text.range], as: UTF8.self)
            guard run.source.start >= 0, run.source.end <= input.count, run.source.start <= run.source.end else {
                r.failures.append("source out of range: \(run.source)")
                continue
            }
            let s = String(decoding: input[run.source.range], as: UTF8.self)
            if run.copied {
                r.copied += 1
                if Array(input[run.source.range]) != Array(text[run.text.range]) {
                    r.failures.append("copied run differs: text \(t.debugDescription) source \(s.debugDescription)")
                }
            } else if run.source.isEmpty {
                r.synthetic += 1
                if t != "\n\n" { r.failures.append("synthetic run is not a separator: \(t.debugDescription)") }
            } else {
                r.replaced += 1
                guard let decoded = HTMLTestSupport.decodeEntities(s) else { r.unknownEntities += 1; continue }
                if HTMLTestSupport.normalised(decoded) != HTMLTestSupport.normalised(t) {
                    r.failures.append("replaced run: text \(t.debugDescription) source \(s.debugDescription)")
                }
            }
        }
        if covered != text.count { r.failures.append("runs cover \(covered) of \(text.count) bytes") }
        // Blocks point at text and never overlap.
        var last = 0
        for b in a.blocks {
            if b.text.start < last || b.text.end > text.count { r.failures.append("bad block \(b.text)") }
            last = b.text.end
        }
        return r
    }

    @Test func everyRunOfEveryFixtureMapsBack() throws {
        var total = Report()
        for name in try HTMLTestSupport.htmlFixtureNames() {
            let input = try HTMLTestSupport.fixture(name)
            let a = ArticleCleaner.clean(input, options: .init(format: .html))
            let r = Self.audit(input, a)
            #expect(r.failures.isEmpty, "\(name): \(r.failures.prefix(5))")
            #expect(r.unknownEntities == 0, "\(name): entity not in the test table")
            total.copied += r.copied
            total.replaced += r.replaced
            total.synthetic += r.synthetic
        }
        #expect(total.copied > 50)
        #expect(total.replaced > 20)
        #expect(total.synthetic > 10)
    }

    @Test func sourceRangesOfTextPointAtTheirWords() throws {
        let input = try HTMLTestSupport.fixture("entities.html")
        let a = ArticleCleaner.clean(input, options: .init(format: .html))
        let text = Array(a.text.utf8)
        for word in ["Jerry", "café", "continues", "<tags>", "—"] {
            let w = Array(word.utf8)
            let start = try #require((0...(text.count - w.count)).first { Array(text[$0..<($0 + w.count)]) == w })
            let src = a.sourceMap.source(forText: ByteRange(start: start, end: start + w.count))
            let s = String(decoding: input[src.range], as: UTF8.self)
            #expect(HTMLTestSupport.decodeEntities(s) == word, "\(word) maps to \(s.debugDescription)")
        }
    }

    /// References libxml2 leaves as written (an unknown name, a name without `;`) arrive as two
    /// chunks, "&" and the name, both after the parser read the name. Each maps to its own bytes;
    /// before, "&" stood for the whole reference and the name mapped to an empty range after it,
    /// so a quote starting at the name began past it (found by the fuzzer).
    @Test func unknownReferencesMapToTheirBytes() {
        let raw = Array("<p>The &irst season premiered on May 3 &foo; and &copy and &amp; and &#38 again, at length.</p>".utf8)
        let a = ArticleCleaner.clean(raw, options: .init(format: .html))
        #expect(a.text == "The &irst season premiered on May 3 &foo; and &copy and & and & again, at length.")
        expectWordsMapToThemselves(["irst", "&irst", "foo", "&foo;", "copy", "&copy"], raw, a)
    }

    /// Each word, found in the cleaned text, maps back to exactly its own bytes in the input.
    private func expectWordsMapToThemselves(_ words: [String], _ raw: [UInt8], _ a: CleanedArticle) {
        let text = Array(a.text.utf8)
        for word in words {
            let w = Array(word.utf8)
            let start = (0...(text.count - w.count)).first { Array(text[$0..<($0 + w.count)]) == w } ?? 0
            let src = a.sourceMap.source(forText: ByteRange(start: start, end: start + w.count))
            #expect(Array(raw[src.range]) == w, "\(word) maps to \(String(decoding: raw[src.range], as: UTF8.self).debugDescription)")
        }
    }

    /// libxml2 drops `</` without a name and gives no event for it: a reference right after it
    /// must still be found where it is written, not matched to a later `"` of the text, which
    /// then turned the rest of the chunk into one replaced span (found by the fuzzer).
    @Test func referenceAfterNamelessEndTag() {
        let raw = Array("<p>Cast: </&quot;\",Mara Lindqvist as Elin Sand and more words after it.</p>".utf8)
        let a = ArticleCleaner.clean(raw, options: .init(format: .html))
        #expect(a.text == "Cast: \"\",Mara Lindqvist as Elin Sand and more words after it.")
        expectWordsMapToThemselves(["Mara Lindqvist as Elin Sand", "\",Mara"], raw, a)
    }

    /// `&#128;`–`&#159;` read as Windows-1252, as HTML (and the text-dump cleaner) reads them;
    /// libxml2 alone gives the C1 controls. References to characters libxml2 rejects (`&#19;`,
    /// `&#0;`, a surrogate) give no text.
    @Test func numericReferencesFollowHTML() {
        let raw = Array("<p>The show&#146;s first season &#150; and &#x80; more &#19 and &#0; and &#xD800; ended.</p>".utf8)
        let a = ArticleCleaner.clean(raw, options: .init(format: .html))
        #expect(a.text == "The show’s first season – and € more and and ended.")
        let text = Array(a.text.utf8)
        let w = Array("’".utf8)
        let start = (0...(text.count - w.count)).first { Array(text[$0..<($0 + w.count)]) == w } ?? 0
        let src = a.sourceMap.source(forText: ByteRange(start: start, end: start + w.count))
        #expect(String(decoding: raw[src.range], as: UTF8.self) == "&#146;")
    }

    @Test func mapIsExactOnNonUTF8Input() {
        // Windows-1252 bytes: decoded offsets differ from raw ones.
        var raw: [UInt8] = Array("<p>Caf".utf8) + [0xE9] + Array(" society &amp; the ".utf8) + [0x93]
        raw += Array("big night".utf8) + [0x94] + Array(" drew a crowd of hundreds, with friends, and neighbours.</p>".utf8)
        let a = ArticleCleaner.clean(raw, options: .init(format: .html))
        #expect(a.encoding == "windows-1252")
        #expect(a.text == "Café society & the “big night” drew a crowd of hundreds, with friends, and neighbours.")
        let text = Array(a.text.utf8)
        let big = Array("big night".utf8)
        let start = (0...(text.count - big.count)).first { Array(text[$0..<($0 + big.count)]) == big } ?? 0
        let src = a.sourceMap.source(forText: ByteRange(start: start, end: start + big.count))
        #expect(Array(raw[src.range]) == big)
    }

    /// The same audit over real pages: the scrapinghub entertainment subset.
    @Test func everyRunOfTheEntertainmentPagesMapsBack() throws {
        let pages = try BenchmarkPages.load(entertainmentOnly: true)
        #expect(pages.count == 14)
        var replaced = 0, unknown = 0
        for page in pages {
            let a = ArticleCleaner.clean(page.html, options: .init(format: .html))
            let r = Self.audit(page.html, a)
            #expect(r.failures.isEmpty, "\(page.id.prefix(12)): \(r.failures.prefix(3))")
            replaced += r.replaced
            unknown += r.unknownEntities
        }
        #expect(replaced > 0)
        #expect(unknown * 50 <= replaced, "too many entities the test cannot decode: \(unknown) of \(replaced)")
    }
}
