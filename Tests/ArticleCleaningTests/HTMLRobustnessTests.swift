import TestSupport
import Foundation
import Testing
@testable import ArticleCleaning

@Suite struct HTMLRobustnessTests {
    @Test func emptyInputGivesEmptyText() {
        let a = ArticleCleaner.clean([UInt8](), options: .init(format: .html))
        #expect(a.text.isEmpty)
        #expect(a.blocks.isEmpty)
        #expect(a.format == .html)
        let b = ArticleCleaner.clean(Array("   \n\t ".utf8), options: .init(format: .html))
        #expect(b.text.isEmpty)
    }

    @Test func brokenMarkupKeepsItsText() throws {
        let a = try HTMLTestSupport.clean("broken-markup.html")
        #expect(a.text.contains("The first paragraph is not closed"))
        #expect(a.text.contains("bold text that is never closed properly"))
        #expect(a.text.contains("A third paragraph follows"))
        #expect(a.text.contains("still a paragraph of article text"))
        #expect(!a.text.contains("Swallowed by the comment"))
    }

    @Test func unterminatedScriptSwallowsOnlyWhatFollows() throws {
        let a = try HTMLTestSupport.clean("unterminated-script.html")
        #expect(a.text == "Text before an unterminated script element, long enough to count as an article paragraph in the page.")
        #expect(a.removed.contains { $0.kind == .script })
    }

    @Test func deeplyNestedDivsDoNotCrash() {
        let depth = 200_000
        var html = "<html><body>"
        html.reserveCapacity(depth * 11 + 200)
        for _ in 0..<depth { html += "<div>" }
        html += "<p>Deep inside the nesting there is a sentence, with commas, that should survive the trip.</p>"
        for _ in 0..<depth { html += "</div>" }
        html += "</body></html>"
        let a = ArticleCleaner.clean(html, options: .init(format: .html))
        #expect(a.text.contains("Deep inside the nesting"))
    }

    @Test func deeplyNestedUnclosedDivsDoNotCrash() {
        let html = String(repeating: "<div>", count: 200_000) + "unclosed text at the bottom"
        let a = ArticleCleaner.clean(html, options: .init(format: .html))
        #expect(a.text.contains("unclosed text at the bottom"))
    }

    @Test func hugeAttributeIsHarmless() {
        let big = String(repeating: "x", count: 5_000_000)
        let html = "<div class=\"\(big)\" data-x=\"\(big)\"><p>A normal paragraph after a huge attribute value, with words, and commas.</p></div>"
        let a = ArticleCleaner.clean(html, options: .init(format: .html))
        #expect(a.text == "A normal paragraph after a huge attribute value, with words, and commas.")
    }

    @Test func unterminatedCommentAndTagsAtTheEnd() {
        for tail in ["<!-- never closed", "<script>never closed", "<style>never closed", "<div class=\"", "<", "&", "&#", "&#x110000;", "</"] {
            let html = "<p>Some leading text that is long enough to be counted as a paragraph of the article.</p>" + tail
            let a = ArticleCleaner.clean(html, options: .init(format: .html))
            #expect(a.text.hasPrefix("Some leading text"), "tail \(tail)")
        }
    }

    @Test func arbitraryBytesNeverCrash() {
        var rng = SplitMix64(seed: 42)
        let alphabet = Array("<>/=\"'&#;! abcdivpscript-styletitle\n\u{0}".utf8) + [0xC3, 0xA9, 0xFF, 0xE2, 0x80]
        for _ in 0..<200 {
            let n = Int(rng.next() % 2_000)
            let bytes = (0..<n).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }
            let a = ArticleCleaner.clean(bytes, options: .init(format: .html))
            // The map stays inside the input.
            for run in a.sourceMap.runs {
                #expect(run.source.start >= 0 && run.source.end <= bytes.count)
            }
            for r in a.removed { #expect(r.source.start >= 0 && r.source.end <= bytes.count) }
        }
    }

    @Test func parsingIsThreadSafe() async throws {
        let bytes = try HTMLTestSupport.fixture("article-full.html")
        let expected = ArticleCleaner.clean(bytes, options: .init(format: .html)).text
        let texts = await withTaskGroup(of: String.self) { group in
            for _ in 0..<16 { group.addTask { ArticleCleaner.clean(bytes, options: .init(format: .html)).text } }
            var out: [String] = []
            for await t in group { out.append(t) }
            return out
        }
        #expect(texts.allSatisfy { $0 == expected })
    }
}
