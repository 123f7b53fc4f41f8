import Foundation
import Testing
@testable import ArticleCleaning

/// The three seed dumps: gold cleaning checks, golden cleaned texts and an exact source map.
///
/// The golden texts live in `Fixtures/cleaned/<id>.txt`. After an intended change to the cleaner,
/// regenerate them with `UPDATE_GOLDEN=1 swift test --filter SeedCleaningTests` and review the diff.
@Suite struct SeedCleaningTests {
    static let ids = TextTestSupport.seedIDs

    func load(_ id: String) throws -> (raw: [UInt8], gold: TextTestSupport.Gold, article: CleanedArticle) {
        let raw = try TextTestSupport.bytes(TextTestSupport.fixture("seeds/\(id).txt"))
        let gold = try JSONDecoder().decode(TextTestSupport.Gold.self,
                                            from: Data(contentsOf: TextTestSupport.fixture("gold/\(id).gold.json")))
        return (raw, gold, ArticleCleaner.clean(raw))
    }

    @Test(arguments: ids) func detectedAsText(id: String) throws {
        let (_, _, article) = try load(id)
        #expect(article.format == .text)
        #expect(article.encoding == "utf-8")
    }

    @Test(arguments: ids) func titleIsGoldTitle(id: String) throws {
        let (_, gold, article) = try load(id)
        #expect(article.title == gold.title)
    }

    @Test(arguments: ids) func mustRemoveIsGone(id: String) throws {
        let (_, gold, article) = try load(id)
        let text = TextTestSupport.collapse(article.text)
        for s in gold.mustRemove ?? [] {
            #expect(!text.contains(TextTestSupport.collapse(s)), "\(id): still contains \(s.debugDescription)")
        }
    }

    @Test(arguments: ids) func mustKeepIsKept(id: String) throws {
        let (_, gold, article) = try load(id)
        let text = TextTestSupport.collapse(article.text)
        for s in gold.mustKeep ?? [] {
            #expect(text.contains(TextTestSupport.collapse(s)), "\(id): lost \(s.debugDescription)")
        }
    }

    @Test(arguments: ids) func everyFactQuoteSurvives(id: String) throws {
        let (_, gold, article) = try load(id)
        let text = TextTestSupport.collapse(article.text)
        for fact in gold.facts ?? [] {
            guard let quote = fact.quote, !gold.title.contains(quote) else { continue }
            #expect(text.contains(TextTestSupport.collapse(quote)), "\(id): lost quote \(quote.debugDescription)")
        }
    }

    @Test(arguments: ids) func matchesGoldenText(id: String) throws {
        let (_, _, article) = try load(id)
        let url = TextTestSupport.fixture("cleaned/\(id).txt")
        if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data((article.text + "\n").utf8).write(to: url)
        }
        let golden = try String(contentsOf: url, encoding: .utf8)
        #expect(article.text + "\n" == golden, "\(id): cleaned text differs from Fixtures/cleaned/\(id).txt")
    }

    @Test(arguments: ids) func sourceMapIsExact(id: String) throws {
        let (raw, _, article) = try load(id)
        #expect(TextTestSupport.sourceMapProblems(article, raw: raw, samples: 8) == [])
        #expect(TextTestSupport.structureProblems(article, rawCount: raw.count) == [])
    }

    @Test func removalsAreRecorded() throws {
        let (_, _, a0) = try load(Self.ids[0])
        let (_, _, a1) = try load(Self.ids[1])
        let (_, _, a2) = try load(Self.ids[2])
        // The stray tag tail at the start of the second seed.
        #expect(a1.removed.first?.kind == .scriptFragment)
        #expect(a1.removed.first?.source == ByteRange(start: 0, end: 18))
        #expect(a1.removed.first?.preview == "ript async src=\"\">")
        // Teasers, comment chrome and share prompts are boilerplate; headline echoes are captions.
        #expect(a0.removed.filter { $0.kind == .boilerplate }.count == 4)
        #expect(a0.removed.contains { $0.kind == .caption && $0.preview == "Ashes of Love Season 2 update" })
        #expect(a1.removed.filter { $0.kind == .caption }.count == 2)
        #expect(a1.removed.last?.kind == .boilerplate)
        #expect(a2.removed.filter { $0.kind == .boilerplate }.count == 4)
        #expect(a2.removed.filter { $0.kind == .caption }.count == 4)
    }

    @Test func headingsStayAndAreHeadings() throws {
        let (_, _, a0) = try load(Self.ids[0])
        let (_, _, a1) = try load(Self.ids[1])
        func headings(_ a: CleanedArticle) -> [String] {
            let bytes = Array(a.text.utf8)
            return a.blocks.filter { $0.kind == .heading }.map { String(decoding: bytes[$0.text.range], as: UTF8.self) }
        }
        #expect(headings(a0).contains("Ashes of Love Season 2: Will there be Another Season?"))
        #expect(headings(a0).contains("Is there any official trailer?"))
        #expect(headings(a1).contains("Recap of Ashes of Love Season 1"))
        #expect(headings(a1).contains("Ashes of Love Season 2 Trailer"))
        #expect(!headings(a0).contains("Ashes of Love Season 2 update"))
        // The glued alt text "Ashes of Love Season 2" before "Ashes of Love is a Chinese Series" is gone.
        #expect(a0.text.contains("\n\nAshes of Love is a Chinese Series"))
    }
}
