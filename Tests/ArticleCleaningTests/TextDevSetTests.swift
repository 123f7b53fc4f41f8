import Foundation
import Testing
@testable import ArticleCleaning

/// The text dumps of the development set (`../shared/dev`): 9 Markdown dumps with YAML front matter and
/// leftover HTML, 4 plain-text BBC articles. Also: every HTML page there and in the main-content
/// benchmark is detected as HTML.
@Suite struct TextDevSetTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var url: URL
        var testDescription: String { url.lastPathComponent }
    }

    static let cases: [Case] = ((try? TextTestSupport.devTextFiles()) ?? []).map { Case(url: $0) }

    @Test func thirteenTextDumps() {
        #expect(Self.cases.count == 13, "expected the 13 dev .txt files under ../shared/dev/articles")
    }

    @Test(arguments: cases) func goldChecks(_ c: Case) throws {
        let raw = try TextTestSupport.bytes(c.url)
        let gold = try TextTestSupport.devGold(for: c.url)
        let article = ArticleCleaner.clean(raw)
        let name = c.url.lastPathComponent
        #expect(article.format == .text)
        #expect(article.title == gold.title, "\(name): title")
        #expect(article.published == gold.published, "\(name): published")
        let text = TextTestSupport.collapse(article.text)
        for s in gold.mustRemove ?? [] {
            #expect(!text.contains(TextTestSupport.collapse(s)), "\(name): still contains \(s.debugDescription)")
        }
        for s in gold.mustKeep ?? [] {
            #expect(text.contains(TextTestSupport.collapse(s)), "\(name): lost \(s.debugDescription)")
        }
        for fact in gold.facts ?? [] where fact.optional != true {
            guard let quote = fact.quote else { continue }
            #expect(text.contains(TextTestSupport.collapse(quote)), "\(name): lost required quote \(quote.debugDescription)")
        }
    }

    @Test(arguments: cases) func optionalQuotesSurviveOutsideTheTitle(_ c: Case) throws {
        let raw = try TextTestSupport.bytes(c.url)
        let gold = try TextTestSupport.devGold(for: c.url)
        let article = ArticleCleaner.clean(raw)
        let text = TextTestSupport.collapse(article.text)
        for fact in gold.facts ?? [] where fact.optional == true {
            guard let quote = fact.quote, !gold.title.contains(quote) else { continue }
            #expect(text.contains(TextTestSupport.collapse(quote)), "lost optional quote \(quote.debugDescription)")
        }
    }

    @Test(arguments: cases) func sourceMapIsExact(_ c: Case) throws {
        let raw = try TextTestSupport.bytes(c.url)
        let article = ArticleCleaner.clean(raw)
        #expect(TextTestSupport.sourceMapProblems(article, raw: raw, samples: 6) == [])
        #expect(TextTestSupport.structureProblems(article, rawCount: raw.count) == [])
    }

    @Test(arguments: cases) func noMarkupLeftInText(_ c: Case) throws {
        let article = ArticleCleaner.clean(try TextTestSupport.bytes(c.url))
        for needle in ["<p>", "</p>", "<a href", "</a>", "<em>", "&#x", "&quot;", "&apos;", "<script", "<iframe", "web.archive.org"] {
            #expect(!article.text.contains(needle), "\(c.url.lastPathComponent): \(needle) left in the text")
        }
    }

    @Test func embeddedTweetTextIsKeptAndItsBylineDropped() throws {
        let url = TextTestSupport.sharedRoot.appendingPathComponent("dev/articles/d20-gothamist-louie-s4.txt")
        let raw = try TextTestSupport.bytes(url)
        let article = ArticleCleaner.clean(raw)
        #expect(article.text.contains("FX ordered 13 episodes, Louis CK delivered 14."))
        #expect(!article.text.contains("@ditzkoff"))
        let bytes = Array(article.text.utf8)
        let quote = article.blocks.first { $0.kind == .quote }
        #expect(quote.map { String(decoding: bytes[$0.text.range], as: UTF8.self) }
            == "Louie, season 4, on FX, May 5. FX ordered 13 episodes, Louis CK delivered 14.")
        #expect(article.removed.contains {
            $0.kind == .script && String(decoding: raw[$0.source.range], as: UTF8.self).contains("widgets.js")
        })
        #expect(article.removed.contains { $0.kind == .caption && $0.preview.contains("photo_caption") })
        #expect(article.removed.first?.kind == .markup && article.removed.first?.source.start == 0)
    }

    @Test func bbcDumpsKeepEverythingButTheTitleLine() throws {
        for c in Self.cases where c.url.lastPathComponent.contains("-bbc-") {
            let raw = try TextTestSupport.bytes(c.url)
            let article = ArticleCleaner.clean(raw)
            #expect(article.removed.isEmpty, "\(c.url.lastPathComponent): \(article.removed)")
            #expect(article.blocks.count >= 3)
            #expect(article.blocks.allSatisfy { $0.kind == .paragraph })
        }
    }

    @Test func devHTMLPagesAreDetectedAsHTML() throws {
        let files = try TextTestSupport.devHTMLFiles()
        #expect(files.count == 12)
        for url in files {
            let decoded = InputDecoder.decode(try TextTestSupport.bytes(url))
            #expect(InputKindDetector.detect(decoded.utf8) == .html, "\(url.lastPathComponent)")
        }
    }

    @Test func benchmarkPagesAreDetectedAsHTML() throws {
        let dir = TextTestSupport.sharedRoot.appendingPathComponent("benchmarks/scrapinghub/html")
        let files = try FileManager.default.contentsOfDirectory(at: dir, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "html" }
        #expect(files.count == 181)
        for url in files {
            let decoded = InputDecoder.decode(try TextTestSupport.bytes(url))
            #expect(InputKindDetector.detect(decoded.utf8) == .html, "\(url.lastPathComponent)")
        }
    }
}
