import Foundation
import Testing
@testable import ArticleCleaning

@Suite struct HTMLCleanerTests {
    // MARK: removal kinds

    @Test func scriptsAndStylesAreDroppedAndRecorded() throws {
        let a = try HTMLTestSupport.clean("article-full.html")
        #expect(!a.text.contains("dataLayer"))
        #expect(!a.text.contains("font-family"))
        let scripts = a.removed.filter { $0.kind == .script }
        let styles = a.removed.filter { $0.kind == .style }
        #expect(scripts.count == 2)
        #expect(scripts.first?.preview.hasPrefix("window.dataLayer") == true)
        #expect(styles.count == 1)
        #expect(styles.first?.preview.hasPrefix("body { font-family") == true)
    }

    @Test func navigationAndPageFurnitureAreDropped() throws {
        let a = try HTMLTestSupport.clean("article-full.html")
        for gone in ["Most popular", "Filed under", "All rights reserved", "Home >", "Music"] {
            #expect(!a.text.contains(gone), "\(gone) leaked into the text")
        }
        let nav = a.removed.filter { $0.kind == .navigation }.map(\.preview)
        #expect(nav.contains { $0.contains("TV Film Music") })
        #expect(nav.contains { $0.hasPrefix("Most popular") })
        #expect(nav.contains { $0.contains("All rights reserved") })
    }

    @Test func boilerplateInsideTheArticleIsDropped() throws {
        let a = try HTMLTestSupport.clean("article-full.html")
        for gone in ["Share on Facebook", "Advertisement", "Read more:", "Another drama gets", "most watched series",
                     "First! This is a comment", "By Jane Writer"] {
            #expect(!a.text.contains(gone), "\(gone) leaked into the text")
        }
        let previews = a.removed.filter { $0.kind == .boilerplate }.map(\.preview)
        #expect(previews.contains("Share on Facebook Share on Twitter"))
        #expect(previews.contains("Advertisement"))
        #expect(previews.contains("Read more:"))
        #expect(previews.contains("Another drama gets a surprise fourth season"))
    }

    @Test func captionsAreDropped() throws {
        let a = try HTMLTestSupport.clean("article-full.html")
        #expect(!a.text.contains("Photo: Studio Press"))
        #expect(a.removed.contains { $0.kind == .caption && $0.preview.contains("The cast on set") })
    }

    @Test func commentsAreRecordedAsMarkup() throws {
        let a = try HTMLTestSupport.clean("article-full.html")
        #expect(a.removed.contains { $0.kind == .markup && $0.preview == "<!-- tracking pixel below -->" })
    }

    @Test func removedSpansAreGroupedSortedAndShort() throws {
        let bytes = try HTMLTestSupport.fixture("article-full.html")
        let a = ArticleCleaner.clean(bytes, options: .init(format: .html))
        // One entry per dropped subtree, not one per tag.
        #expect(a.removed.count < 25)
        var last = -1
        for r in a.removed {
            #expect(r.preview.count <= 80)
            #expect(r.source.start >= last)
            #expect(r.source.end <= bytes.count)
            #expect(r.source.start < r.source.end)
            last = r.source.start
        }
        // Source ranges cover whole elements: a nav entry starts at its tag.
        let header = try #require(a.removed.first { $0.preview.hasPrefix("The Example Gazette") })
        #expect(String(decoding: bytes[header.source.range], as: UTF8.self).hasPrefix("<header"))
        #expect(String(decoding: bytes[header.source.range], as: UTF8.self).hasSuffix("</header>"))
    }

    @Test func articleBlocksKeepTheirRoles() throws {
        let a = try HTMLTestSupport.clean("article-full.html")
        let text = Array(a.text.utf8)
        func block(_ b: TextBlock) -> String { String(decoding: text[b.text.range], as: UTF8.self) }
        #expect(a.blocks.count == 8)
        #expect(a.blocks.first.map(block)?.hasPrefix("The streaming service has renewed") == true)
        #expect(a.blocks.contains { $0.kind == .heading && block($0) == "What comes next" })
        #expect(a.blocks.contains { $0.kind == .quote && block($0).hasPrefix("It has been the most rewarding") })
        #expect(a.blocks.filter { $0.kind == .listItem }.map(block)
                == ["Eight new episodes, each about an hour long", "Two new series regulars joining the ensemble cast"])
        // Blocks are separated by exactly one blank line.
        #expect(a.text == a.blocks.map(block).joined(separator: "\n\n"))
        #expect(a.text.contains("company’s own figures"))
        #expect(a.text.contains("“We’re thrilled to go back to the harbour,”"))
    }

    @Test func hiddenElementsAreDropped() throws {
        let a = try HTMLTestSupport.clean("hidden-elements.html")
        #expect(a.text == """
            The visible opening paragraph of the story is long enough to be scored as article text by any reasonable measure.

            The visible closing paragraph also carries enough words, commas, and detail to be kept in the text.
            """)
        let previews = a.removed.map(\.preview)
        #expect(previews.contains("This paragraph is hidden with the hidden attribute and must not appear."))
        #expect(previews.contains("This block is hidden from assistive technology and must not appear."))
        #expect(previews.contains("This paragraph is hidden with an inline style and must not appear."))
        #expect(previews.contains("This paragraph is invisible and must not appear either."))
    }

    // MARK: text normalisation

    @Test func entitiesAreDecodedAndWhitespaceCollapsed() throws {
        let a = try HTMLTestSupport.clean("entities.html")
        #expect(a.text == """
            Tom & Jerry met at the café on 5 May, said “hello” — then left…

            Line one continues here with irregular spacing and a non‑breaking hyphen, plus <tags> as text.

            Unicode spaces: en space, thin space, ideographic space, and a zerowidth space.
            """)
    }

    @Test func nbspBecomesAPlainSpace() {
        let a = ArticleCleaner.clean("<p>Season\u{A0}2 and&nbsp;&nbsp;season&#160;3 of the long running show are both coming out this year for sure.</p>",
                                     options: .init(format: .html))
        #expect(a.text == "Season 2 and season 3 of the long running show are both coming out this year for sure.")
        #expect(!a.text.unicodeScalars.contains("\u{A0}"))
    }

    // MARK: title and date

    @Test func titleFromOpenGraphWithoutSiteName() throws {
        #expect(try HTMLTestSupport.clean("article-full.html").title == "Harbour Lights Renewed for a Third Season")
    }

    @Test func titleFromTwitterCard() throws {
        #expect(try HTMLTestSupport.clean("title-twitter.html").title == "Casting News: Lead Role Filled")
    }

    @Test func titleFromHeading() throws {
        #expect(try HTMLTestSupport.clean("title-h1.html").title == "Director Signs On For Sequel")
    }

    @Test func titleTagSuffixStripped() throws {
        #expect(try HTMLTestSupport.clean("title-suffix.html").title == "Tour Dates Announced for Spring")
        #expect(try HTMLTestSupport.clean("dates-time.html").title == "Premiere Date Set")
        #expect(HTMLMetadata.stripSiteName("Big Reveal | Entertainment | Site", siteName: nil) == "Big Reveal | Entertainment")
        #expect(HTMLMetadata.stripSiteName("Star - Crossed - A Long Headline About Many Things Indeed", siteName: nil)
                == "Star - Crossed - A Long Headline About Many Things Indeed")
    }

    @Test func publishedFromArticleMeta() throws {
        #expect(try HTMLTestSupport.clean("article-full.html").published == "2021-03-04T09:15:00Z")
    }

    @Test func publishedFromItemprop() throws {
        #expect(try HTMLTestSupport.clean("dates-itemprop.html").published == "2020-07-15T08:00:00+02:00")
    }

    @Test func publishedFromJSONLD() throws {
        #expect(try HTMLTestSupport.clean("dates-jsonld.html").published == "2019-11-20T14:30:00-05:00")
    }

    @Test func publishedFromTimeElement() throws {
        #expect(try HTMLTestSupport.clean("dates-time.html").published == "2018-05-02")
    }

    @Test func publishedFromDateline() throws {
        #expect(try HTMLTestSupport.clean("dates-dateline.html").published == "2017-09-09")
    }

    @Test func dateNormalisation() {
        #expect(HTMLMetadata.normaliseDate("2019/11/19") == "2019-11-19")
        #expect(HTMLMetadata.normaliseDate("20191119") == "2019-11-19")
        #expect(HTMLMetadata.normaliseDate("Tue, 19 Nov 2019 10:00:00 GMT") == "2019-11-19")
        #expect(HTMLMetadata.normaliseDate("Nov. 19, 2019") == "2019-11-19")
        #expect(HTMLMetadata.normaliseDate("not a date") == nil)
        #expect(HTMLMetadata.normaliseDate("2019-13-40") == nil)
    }

    // MARK: content selection

    @Test func articleBeatsALongerCommentThread() throws {
        let a = try HTMLTestSupport.clean("comments-heavier.html")
        #expect(a.text.hasPrefix("The studio confirmed on Tuesday"))
        #expect(a.text.contains("ensemble voice cast"))
        #expect(!a.text.contains("comment"))
    }
}
