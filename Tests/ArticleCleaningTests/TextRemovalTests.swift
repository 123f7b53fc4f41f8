import Foundation
import Testing
@testable import ArticleCleaning

/// One fixture per kind of removal (`Fixtures/text/*.txt`), plus small inline cases.
@Suite struct TextRemovalTests {
    func clean(_ name: String) throws -> (raw: [UInt8], article: CleanedArticle) {
        let raw = try TextTestSupport.bytes(TextTestSupport.fixture("text/\(name)"))
        let article = ArticleCleaner.clean(raw)
        #expect(article.format == .text)
        #expect(TextTestSupport.sourceMapProblems(article, raw: raw) == [])
        #expect(TextTestSupport.structureProblems(article, rawCount: raw.count) == [])
        return (raw, article)
    }

    func removedText(_ raw: [UInt8], _ article: CleanedArticle, _ kind: RemovalKind) -> String {
        article.removed.filter { $0.kind == kind }.map { String(decoding: raw[$0.source.range], as: UTF8.self) }
            .joined(separator: "\n")
    }

    func blockTexts(_ a: CleanedArticle) -> [String] {
        let bytes = Array(a.text.utf8)
        return a.blocks.map { String(decoding: bytes[$0.text.range], as: UTF8.self) }
    }

    @Test func scriptFragments() throws {
        let (raw, a) = try clean("fragments.txt")
        #expect(a.title == "The Quiet Coast Gets a Second Season")
        #expect(a.text == "The streaming service confirmed the renewal on Monday.\n\nProduction begins in the fall.")
        let fragments = a.removed.filter { $0.kind == .scriptFragment }
        #expect(fragments.count == 2)
        #expect(fragments.first?.source == ByteRange(start: 0, end: 18))
        #expect(fragments.last.map { String(decoding: raw[$0.source.range], as: UTF8.self) } == "<div class=\"ad\"")
        #expect(a.warnings.count == 2)
    }

    @Test func scriptAndStyleLines() throws {
        let (raw, a) = try clean("script-lines.txt")
        #expect(blockTexts(a) == [
            "The drama returned last spring and drew a loyal audience; critics praised the writing (and the score).",
            "The network has not said whether a third season is coming.",
            "The cast is expected to return if the series is renewed.",
            "Filming would start next year at the earliest.",
        ])
        let script = removedText(raw, a, .script)
        for s in ["adsbygoogle", "googletag.cmd.push", "window.dataLayer", "gtag('js'", "getElementById", "=> {",
                  "console.log"] {
            #expect(script.contains(s), "\(s) not removed as script")
        }
        let style = removedText(raw, a, .style)
        #expect(style.contains(".ad-slot { display: none"))
        #expect(style.contains("@media"))
        #expect(style.contains("<style>"))
    }

    @Test func markdownAndFrontMatter() throws {
        let (raw, a) = try clean("markdown.txt")
        #expect(a.title == "Night Market: \"Season 2\" Is Coming")
        #expect(a.published == "2021-06-03")
        #expect(blockTexts(a) == [
            "The series was renewed by the streaming service after a record first season.",
            "Who is back?",
            "Mara Lind returns as the lead.",
            "Theo Park joins the cast.",
            "Read the full announcement for details.",
        ])
        #expect(a.blocks.map(\.kind) == [.paragraph, .heading, .listItem, .listItem, .paragraph])
        let markup = removedText(raw, a, .markup)
        #expect(markup.hasPrefix("---\ntitle:"))
        #expect(markup.contains("](https://example.com/news/renewal \"Renewal news\")"))
        #expect(markup.contains("![Night Market poster](https://example.com/images/poster.jpg)"))
        #expect(markup.contains("[1]: https://example.com/announcement"))
        // The body's repeated headline is an echo of the title.
        #expect(removedText(raw, a, .caption) == "Night Market: \"Season 2\" Is Coming")
    }

    @Test func boilerplate() throws {
        let (raw, a) = try clean("boilerplate.txt")
        #expect(a.text == "The fourth season will premiere in March, the network said on Tuesday.\n\nThe showrunner said the season has ten episodes.")
        let removed = removedText(raw, a, .boilerplate)
        for s in ["You may also like: Ten Shows", "Read more: The Long Road Season 3 Review", "Read More: Everything",
                  "Also read: Best", "Related: Renewal", "See also: The Long Road Season 2 Recap", "Advertisement",
                  "please visit our website.", "Comments are closed.", "Leave a Comment", "Also Check: The Long Road",
                  "Your email address will not be published."] {
            #expect(removed.contains(s), "\(s) not removed as boilerplate")
        }
    }

    @Test func captionsAndHeadings() throws {
        let (raw, a) = try clean("captions.txt")
        let blocks = blockTexts(a)
        #expect(blocks.contains("Silver Valley Season 2: Will It Happen?"))
        #expect(blocks.contains("Recap of Silver Valley Season 1"))
        #expect(blocks.contains("Silver Valley Season 2 Trailer"))
        #expect(blocks.contains("Is There a Trailer?"))
        let captions = removedText(raw, a, .caption)
        #expect(captions.contains("Silver Valley Season 2 update"))
        #expect(captions.contains("silver valley season 2 release date"))
        #expect(captions.contains("Photo: Studio handout"))
        #expect(captions.contains("Silver Valley Season 2 Release Date\n"))
        #expect(blocks.contains("Silver Valley"))
        #expect(!blocks.contains { $0.lowercased() == "silver valley season 2 release date" })
        let kinds = Dictionary(zip(blocks, a.blocks.map(\.kind)), uniquingKeysWith: { x, _ in x })
        #expect(kinds["Recap of Silver Valley Season 1"] == .heading)
        #expect(kinds["Is There a Trailer?"] == .heading)
        #expect(kinds["There is no trailer yet."] == .paragraph)
    }

    @Test func htmlRemnants() throws {
        let (raw, a) = try clean("html-remnants.txt")
        #expect(blockTexts(a) == [
            "The studio confirmed the third film on Friday \u{2014} shooting starts in May\u{2019}s last week & runs to August.",
            "Ticket sales were strong: x<y in May, and y>z in June.",
            "We are back for a third film!",
            "The cast includes three returning stars.",
            "An unterminated comment follows.",
        ])
        #expect(a.blocks[2].kind == .quote)
        #expect(removedText(raw, a, .navigation).hasPrefix("<nav>"))
        #expect(removedText(raw, a, .caption).contains("The poster for the second film."))
        #expect(removedText(raw, a, .boilerplate).contains("@director"))
        #expect(removedText(raw, a, .script).contains("widgets.js"))
        #expect(removedText(raw, a, .markup).contains("<!-- never closed"))
        #expect(removedText(raw, a, .markup).contains("<iframe"))
    }

    // MARK: - Inline cases

    func cleanText(_ s: String) -> CleanedArticle {
        ArticleCleaner.clean(s, options: CleaningOptions(format: .text))
    }

    @Test func lessThanInProseKeepsTheRest() {
        let a = cleanText("Title\n\nSales rose as x<y in May and a<b and c stayed flat.\n")
        #expect(a.text == "Sales rose as x<y in May and a<b and c stayed flat.")
        #expect(a.removed.isEmpty)
    }

    @Test func entitiesDecodeWithExactMap() {
        let raw = "Headline\n\nTom &amp; Jerry&#8217;s &quot;show&quot;&nbsp;&nbsp;returns &#x2014; in &lt;May&gt; &bogus; &#0; &#x110000; &#150;.\n"
        let a = cleanText(raw)
        #expect(a.text == "Tom & Jerry\u{2019}s \"show\" returns \u{2014} in <May> &bogus; \u{FFFD} \u{FFFD} \u{2013}.")
        #expect(TextTestSupport.sourceMapProblems(a, raw: Array(raw.utf8)) == [])
    }

    @Test func whitespaceNormalised() {
        let raw = "Headline\n\n  Tabs\tand\u{A0}no-break\u{A0}\u{A0}spaces \u{2009} and   runs.  \n"
        let a = cleanText(raw)
        #expect(a.text == "Tabs and no-break spaces and runs.")
        #expect(TextTestSupport.sourceMapProblems(a, raw: Array(raw.utf8)) == [])
        // Single ASCII spaces stay copied: the map has few runs.
        #expect(a.sourceMap.runs.filter(\.copied).count >= 3)
    }

    @Test func hardWrappedParagraphsJoin() {
        let raw = """
        A Headline About Wrapping

        This paragraph was wrapped at a fixed width by the tool that saved it, so
        its lines continue one another and must be joined with a single space
        rather than split into blocks of their own.

        A second paragraph, also wrapped at the same width by the same tool so
        that it spans more than one line of the dump.
        """
        let a = cleanText(raw)
        #expect(a.blocks.count == 2)
        #expect(a.text.hasPrefix("This paragraph was wrapped at a fixed width by the tool that saved it, so its lines"))
        #expect(TextTestSupport.sourceMapProblems(a, raw: Array(raw.utf8)) == [])
    }

    @Test func linesWithoutBlankLinesAreBlocks() {
        let a = cleanText("Headline\nFirst paragraph ends here.\nSecond paragraph ends here.\n")
        #expect(a.title == "Headline")
        #expect(a.blocks.count == 2)
    }

    @Test func titleOfFrontMatterWithQuotes() {
        let a = cleanText("---\ntitle: 'It''s Back'\ndate: July 4, 2019\n---\nBody text here.\n")
        #expect(a.title == "It's Back")
        #expect(a.published == "2019-07-04")
        let b = cleanText("---\ntitle: 'Show' Returns In May\ndate: 13 March 2014\n---\nBody.\n")
        #expect(b.title == "'Show' Returns In May")
        #expect(b.published == "2014-03-13")
    }

    @Test func notFrontMatterWhenNotYAML() {
        let a = cleanText("---\nThis is just a rule above prose, not metadata at all.\n---\nBody.\n")
        #expect(a.published == nil)
        #expect(a.text.contains("Body."))
    }

    @Test func leadingScriptTail() {
        let a = cleanText("googletag.display('ad-1'); });</script>\nHeadline Here\n\nBody text.")
        #expect(a.removed.first?.kind == .scriptFragment)
        #expect(a.title == "Headline Here")
        #expect(a.text == "Body text.")
    }

    @Test func titleThatReadsAsASentenceStaysInText() {
        let line = "The network said on Monday that the long-running drama will return for a ninth season in the autumn, with most of the cast."
        let a = cleanText(line + "\n\nMore text follows here.")
        #expect(a.title == line)
        #expect(a.text.hasPrefix(line))
    }

    @Test func unclosedScriptDropsOnlyCodeLines() {
        let a = cleanText("Headline\n\n<script async src=\"x.js\">\nvar a = 1;\nThe article goes on after the script.\n")
        #expect(a.text == "The article goes on after the script.")
        #expect(a.removed.contains { $0.kind == .script })
    }

    @Test func droppedElementStopsAtBlankLine() {
        let a = cleanText("Headline\n\n<div class=\"photo-credit\">Photo by someone\n\nThe story continues here.\n")
        #expect(a.text == "The story continues here.")
        #expect(a.removed.contains { $0.kind == .caption })
    }

    @Test func inlineScriptStatementsInsideParagraphs() {
        let raw = "Headline\n\nThe show returns in May. (adsbygoogle = window.adsbygoogle || []).push({}); The cast is back.\n\n"
            + "googletag.cmd.push(function() { googletag.display('div-gpt-ad-1'); }); Filming starts soon.\n\n"
            + "It was renewed (again); fans cheered. window.dataLayer = window.dataLayer || [];\n"
        let a = cleanText(raw)
        // A statement cut out of the middle of a paragraph splits it: no sentence (and no quote)
        // joins the words on both sides, as no source range holds them without the code.
        #expect(blockTexts(a) == [
            "The show returns in May.",
            "The cast is back.",
            "Filming starts soon.",
            "It was renewed (again); fans cheered.",
        ])
        let bytes = Array(raw.utf8)
        #expect(removedText(bytes, a, .script).contains("(adsbygoogle = window.adsbygoogle || []).push({});"))
        #expect(removedText(bytes, a, .script).contains("googletag.display('div-gpt-ad-1'); });"))
        #expect(removedText(bytes, a, .script).contains("window.dataLayer = window.dataLayer || [];"))
        #expect(TextTestSupport.sourceMapProblems(a, raw: bytes) == [])
    }

    @Test func markdownEmphasis() {
        let raw = "Headline\n\nThe cast of *Jersey Days* and __Night Owls__ returns; 5 * 3 = 15, snake_case_name stays, "
            + "*NSYNC too, and **bold** ends.\n"
        let a = cleanText(raw)
        #expect(a.text == "The cast of Jersey Days and Night Owls returns; 5 * 3 = 15, snake_case_name stays, *NSYNC too, and bold ends.")
        #expect(TextTestSupport.sourceMapProblems(a, raw: Array(raw.utf8)) == [])
    }

    @Test func proseIsNotCode() {
        let prose = [
            "The cast includes: Anna (lead); Ben (villain); Cara (narrator).",
            "Ratings rose 10% (from 2.1 to 2.3) = a series high; the network was pleased.",
            "If the show returns {as expected} it will air in May.",
            "He said: \"It's done; we're finished.\"",
        ]
        for p in prose {
            let bytes = Array(p.utf8)
            let kind = bytes.withUnsafeBufferPointer { TextBlockClassifier.codeKind($0, 0, $0.count) }
            #expect(kind == nil, "\(p) taken for code")
        }
    }
}
