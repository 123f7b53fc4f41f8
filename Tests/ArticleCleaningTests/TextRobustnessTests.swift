import TestSupport
import Foundation
import Testing
@testable import ArticleCleaning

/// Hostile and degenerate input: the text cleaner must never crash, must keep its map exact,
/// and must stay linear.
@Suite struct TextRobustnessTests {
    func check(_ raw: [UInt8], _ label: String) {
        let a = ArticleCleaner.clean(raw, options: CleaningOptions(format: .text))
        #expect(a.format == .text)
        if a.encoding == "utf-8" {
            let problems = TextTestSupport.sourceMapProblems(a, raw: raw, samples: 2)
            #expect(problems.isEmpty, "\(label): \(problems.prefix(3))")
        }
        let structure = TextTestSupport.structureProblems(a, rawCount: raw.count)
        #expect(structure.isEmpty, "\(label): \(structure.prefix(3))")
        // Every text byte maps inside the input.
        let full = a.sourceMap.source(forText: ByteRange(start: 0, end: a.text.utf8.count))
        #expect(full.end <= raw.count, "\(label)")
    }

    @Test func degenerateInputs() {
        let cases: [String] = [
            "", " ", "\n\n\n", "\t \r\n \u{A0}", "<", ">", "&", "&#", "&#x", "&amp", "[", "![", "**", "]", "---",
            "---\n", "---\ntitle: x\n", "---\ntitle: x\n---", "<!--", "<!-- x", "-->", "<![CDATA[", "<!", "<?", "</",
            "</p", "<p", "<p ", "<p class=", "<p class=\"x", "<script>", "<script>var x", "<style", "<iframe>",
            "<nav>menu", "x<y", "a < b > c", "<<<<>>>>", "<p><p><p>", "</p></p>", "&&&&;;;", "[a](", "[a](b", "[a][",
            "![a](b", "**a", "# ", "#", "- ", "> ", "http://", "\u{FEFF}text", "ript async src=\"\">", "div>",
            "\"></a>", "x\n<div class=\"ad\"", "<blockquote class=\"twitter-tweet\"><p>t</p>", "<td>a<td>b",
            "<h2>Heading</h2>", "<li>a\n<li>b", "&nbsp;&nbsp;", "Title\n\n&nbsp;", "\u{A0}\u{A0}x\u{A0}\u{A0}",
        ]
        for c in cases { check(Array(c.utf8), c.debugDescription) }
    }

    @Test func binaryAndInvalidBytes() {
        var rng = SplitMix64(seed: 7)
        for k in 0..<200 {
            let n = Int(rng.next() % 600)
            let bytes = (0..<n).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            check(bytes, "random #\(k)")
        }
        check([0xFF, 0xFE, 0x3C, 0x00], "utf-16 BOM with a <")
        check([0xEF, 0xBB, 0xBF, 0x3C, 0x70, 0x3E, 0xE2, 0x82], "BOM, tag and truncated sequence")
        check([0x41, 0x00, 0x3C, 0x00, 0x70, 0x3E, 0x42], "NUL bytes")
    }

    /// Random documents assembled from the tokens the scanner reacts to.
    @Test func tokenSoup() {
        let tokens = [
            "<", ">", "&", ";", "#", "[", "]", "(", ")", "!", "*", "**", "\n", "\n\n", " ", "  ", "\t", "\u{A0}",
            "\u{2009}", "\r\n", "<p>", "</p>", "<br>", "<script>", "</script>", "<style>", "</style>", "<!--", "-->",
            "<a href=\"x\">", "</a>", "<span class=\"photo_caption\">", "</span>", "<div class=\"ad\">", "</div>",
            "<iframe src=x>", "</iframe>", "<blockquote class=\"twitter-tweet\">", "</blockquote>", "<li>", "<h2>",
            "</h2>", "&amp;", "&#8217;", "&#x2014;", "&nbsp;", "&bogus;", "---\n", "title: T\n", "date: 2020-01-02\n",
            "# ", "- ", "> ", "![a](http://x/y.png)", "[link](http://x.y/z)", "[r][1]", "[1]: http://x.y\n",
            "http://example.com", "Read more: x", "Comments are closed.", "var a = 1;", "});", "function(){",
            "word", "Title Words", "Season 2", "é", "\u{1F600}", "x<y", "=\"", "'", "\"", "`",
        ]
        var rng = SplitMix64(seed: 42)
        for k in 0..<600 {
            var s = ""
            let count = Int(rng.next() % 60)
            for _ in 0..<count { s += tokens[Int(rng.next() % UInt64(tokens.count))] }
            var bytes = Array(s.utf8)
            if k % 7 == 0, !bytes.isEmpty { bytes[Int(rng.next() % UInt64(bytes.count))] = 0xFF }
            check(bytes, "soup #\(k): \(s.debugDescription)")
        }
    }

    // MARK: - Linearity

    func seconds(_ body: () -> Void) -> Double {
        let t0 = DispatchTime.now().uptimeNanoseconds
        body()
        return Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
    }

    /// Times cleaning `make(1)` and `make(8)`: linear work takes 8 times as long (up to 24 allowing for
    /// caches and other load on the machine); quadratic work would take 64 times as long.
    func expectLinear(_ label: String, _ make: (Int) -> [UInt8]) {
        let small = make(1)
        let large = make(8)
        // The best of three runs each, so that other work on the machine does not decide the outcome.
        let ts = (0..<3).map { _ in seconds { _ = ArticleCleaner.clean(small, options: CleaningOptions(format: .text)) } }.min() ?? 0
        let tl = (0..<3).map { _ in seconds { _ = ArticleCleaner.clean(large, options: CleaningOptions(format: .text)) } }.min() ?? 0
        #expect(tl < max(ts, 0.005) * 24, "\(label): \(ts)s for \(small.count) bytes, \(tl)s for \(large.count) bytes")
    }

    @Test func singleLongLineIsLinear() {
        expectLinear("one line of prose") { k in
            Array(String(repeating: "The drama returned for a new season and critics liked it; ", count: 1_500 * k).utf8)
        }
    }

    @Test func manyTagsAreLinear() {
        expectLinear("tags") { k in Array(String(repeating: "<p>a <b>b</b> &amp; c</p>", count: 3_000 * k).utf8) }
    }

    @Test func unterminatedConstructsAreLinear() {
        expectLinear("unterminated comments") { k in Array(String(repeating: "x <!-- y ", count: 2_500 * k).utf8) }
        expectLinear("unterminated tags") { k in Array(String(repeating: "a <div class=\"q b ", count: 2_500 * k).utf8) }
        expectLinear("unclosed scripts") { k in Array(String(repeating: "t <script>var a = 1; ", count: 2_500 * k).utf8) }
        expectLinear("open brackets") { k in Array(String(repeating: "[a](b [c ", count: 2_500 * k).utf8) }
        expectLinear("emphasis") { k in Array(String(repeating: "**a ** b", count: 2_500 * k).utf8) }
        expectLinear("single emphasis") { k in Array(String(repeating: "*a *b _c _d ", count: 2_500 * k).utf8) }
        expectLinear("nested drops") { k in Array(String(repeating: "<iframe><div class=\"ad\">", count: 2_500 * k).utf8) }
        expectLinear("lone quotes in tags") { k in Array(String(repeating: "<a title=\"x>y ", count: 2_500 * k).utf8) }
    }

    @Test func manyShortLinesAreLinear() {
        expectLinear("lines") { k in
            Array(String(repeating: "Short line\n(adsbygoogle = window.adsbygoogle || []).push({});\n\n", count: 1_500 * k).utf8)
        }
    }
}
