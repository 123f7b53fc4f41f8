import Testing
@testable import ClaimExtraction
import ArticleCleaning

/// Phrasings of the trade press (Variety, Deadline, the BBC, Soompi, ScreenRant), with invented names.
@Suite struct TradePressPhrasingTests {
    static let title = "Harbor Lights Renewed for Season 3 at Streamline"

    func run(_ body: String, published: String? = "2024-03-10") -> [Claim] {
        var article = ArticleCleaner.clean(Self.title + "\n\nHarbor Lights is a drama. " + body, options: CleaningOptions(format: .text))
        article.published = published
        return ClaimExtractor.extract(from: article).claims
    }

    func renewal(_ cs: [Claim]) -> (RenewalStatus, Int?)? {
        for c in cs { if case let .renewal(s) = c.value { return (s, c.subject.season) } }
        return nil
    }

    @Test func orderedASeason() {
        let r = renewal(run("Netflix has ordered a third season of Harbor Lights."))
        #expect(r?.0 == .confirmed)
        #expect(r?.1 == 3)
    }

    @Test func pickedUpForASeason() {
        #expect(renewal(run("Harbor Lights has been picked up for a third season."))?.0 == .confirmed)
    }

    @Test func renewedForFinalSeason() {
        let r = renewal(run("Netflix has renewed Harbor Lights for a third and final season."))
        #expect(r?.0 == .confirmed)
        #expect(r?.1 == 3)
    }

    @Test func canceledAfterTwoSeasons() {
        #expect(renewal(run("The series has been canceled after two seasons."))?.0 == .cancelled)
        #expect(renewal(run("ABC has axed the drama after one season."))?.0 == .cancelled)
    }

    @Test func notYetRenewed() {
        #expect(renewal(run("The network has not yet renewed the series."))?.0 == .notAnnounced)
    }

    @Test func willReturnForASeason() {
        #expect(renewal(run("Harbor Lights will return for a third season in 2025."))?.0 == .confirmed)
    }

    @Test func trailerViewsWithin() {
        let cs = run("The trailer racked up 10 million views in 24 hours.")
        let v = cs.compactMap { if case let .viewCount(c, _, w, _) = $0.value { return "\(c) \(w ?? "-")" } else { return nil } }
        #expect(v == ["10000000 PT24H"])
    }

    @Test func tvAudienceIsNotAViewCount() {
        let cs = run("The premiere drew 2.3 million viewers, and the show earned $4 million.")
        #expect(!cs.contains { $0.type == .viewCount })
    }

    @Test func premieresOnStreamerOnDate() {
        let cs = run("Season 3 premieres Sept. 12 on Apple TV+.")
        let dates = cs.compactMap { if case let .date(e, t, _) = $0.value { return "\(e.rawValue) \(t) S\($0.subject.season ?? 0)" } else { return nil } }
        #expect(dates == ["release 2024-09-12 S3"])
        #expect(cs.contains { if case .company("Apple TV+", .streamer) = $0.value { return true } else { return false } })
    }

    @Test func seriesStarsList() {
        #expect(casts(run("The series stars Kit Harlow, Emma Clarke and Peter Dink.")) == ["Emma Clarke=-", "Kit Harlow=-", "Peter Dink=-"])
    }

    @Test func whoPlays() {
        #expect(casts(run("Pedro Pascual, who plays Joel, returns.")) == ["Pedro Pascual=Joel"])
    }

    @Test func executiveProducedBy() {
        #expect(crews(run("The show is executive produced by Vince Gillan and created by Mara Lund.")) == ["Mara Lund/creator", "Vince Gillan/producer"])
    }

    @Test func producedByStudioWithBros() {
        #expect(companies(run("The series is produced by Warner Bros. Television.")).contains("Warner Bros. Television/producer"))
    }

    @Test func questionHeadlineSentenceYieldsNothing() {
        #expect(renewal(run("Is Harbor Lights renewed for Season 3?")) == nil)
    }
}

@Suite struct AnnouncementPhrasingTests {
    @Test func officiallyConfirmedASeason() {
        var article = ArticleCleaner.clean("Harbor Lights Season 2\n\nHarbor Lights is back. Netflix officially confirmed a second season of Harbor Lights in a tweet.",
                                           options: CleaningOptions(format: .text))
        article.published = "2024-03-10"
        let cs = ClaimExtractor.extract(from: article).claims
        #expect(cs.contains { if case .renewal(.confirmed) = $0.value { return $0.subject.season == 2 && $0.attribution == "Netflix" } else { return false } })
    }

    @Test func expectedReleaseIsHedged() {
        let article = ArticleCleaner.clean("Harbor Lights Season 2\n\nHarbor Lights is back. Season 2 is expected to release in 2025.",
                                           options: CleaningOptions(format: .text))
        let cs = ClaimExtractor.extract(from: article).claims
        #expect(cs.contains { if case .date(.release, "2025", _) = $0.value { return $0.modality == .hedged && $0.subject.season == 2 } else { return false } })
    }
}
