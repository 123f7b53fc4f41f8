import Testing
@testable import ClaimExtraction
import ArticleCleaning

/// Output must not depend on Swift's per-process hash seed (dictionary and set order).
@Suite struct DeterminismTests {
    /// Two longer titles that contain the headline's title, each written once: a tie. The earlier
    /// one must win in every document, whatever order a dictionary keeps them in.
    @Test func titleExpansionTiesGoToTheEarliest() {
        let pairs = [("Lights", "Nights"), ("Crown", "Tower"), ("Garden", "Market"), ("River", "Forest"),
                     ("Summer", "Winter"), ("Engine", "Signal"), ("Orchard", "Harvest"), ("Comet", "Planet"),
                     ("Falcon", "Raven"), ("Lantern", "Mirror"), ("Canyon", "Meadow"), ("Anchor", "Compass")]
        for (first, second) in pairs {
            let text = "Harbor: Everything We Know\n\n"
                + "Fans of Harbor \(first) waited a long time. Critics compared it to Harbor \(second) at once.\n"
            let article = ArticleCleaner.clean(Array(text.utf8), options: CleaningOptions(format: .text))
            let result = ClaimExtractor.extract(from: article)
            #expect(result.subjects.first?.title == "Harbor \(first)", "\(first) / \(second): \(result.subjects)")
        }
    }
}

/// Claim ids must not change between versions: the streaming hash equals FNV-1a over the parts
/// as strings joined by U+001F (how ids were first defined).
@Suite struct ClaimIdTests {
    static func reference(rule: String, range: ByteRange, value: ClaimValue, subject: ClaimSubject, modality: Modality) -> UInt64 {
        var parts: [String] = [rule, String(range.start), String(range.end), modality.rawValue, subject.title ?? "", subject.season.map(String.init) ?? ""]
        switch value {
        case let .viewCount(c, b, w, a): parts += ["v", String(c), b.rawValue, w ?? "", a ?? ""]
        case let .episodeCount(c): parts += ["e", String(c)]
        case let .date(e, t, m): parts += ["d", e.rawValue, t, m ?? ""]
        case let .cast(a, c): parts += ["c", a, c ?? ""]
        case let .crew(p, r): parts += ["w", p, r.rawValue]
        case let .company(n, r): parts += ["o", n, r.rawValue]
        case let .basedOn(w, a, m): parts += ["b", w ?? "", a ?? "", m ?? ""]
        case let .renewal(s): parts += ["r", s.rawValue]
        }
        var h: UInt64 = 0xcbf29ce484222325
        for (n, part) in parts.enumerated() {
            if n > 0 { h = (h ^ 0x1F) &* 0x100000001b3 }
            for b in part.utf8 { h = (h ^ UInt64(b >= 0x41 && b <= 0x5A ? b | 0x20 : b)) &* 0x100000001b3 }
        }
        return h
    }

    @Test func streamingHashEqualsThePartsHash() {
        let values: [ClaimValue] = [
            .viewCount(count: 0, bound: .exact, within: nil, asOf: nil), .viewCount(count: 1_000_000, bound: .moreThan, within: "PT24H", asOf: "2019"),
            .viewCount(count: -42, bound: .approx, within: nil, asOf: nil), .viewCount(count: Int.max, bound: .lessThan, within: nil, asOf: nil),
            .viewCount(count: Int.min, bound: .exact, within: nil, asOf: nil), .episodeCount(count: 16),
            .date(event: .release, timex: "2019-05-03", mod: nil), .date(event: .end, timex: "XXXX-08", mod: "START"),
            .cast(actor: "Ána Ö'Brien", character: nil), .cast(actor: "A B", character: "C D"), .crew(person: "X Y", role: .writer),
            .company(name: "Netflix", role: .streamer), .basedOn(work: nil, author: "Z", medium: "novel"), .renewal(status: .notAnnounced),
        ]
        let subjects = [ClaimSubject(title: nil, season: nil), ClaimSubject(title: "The Glass Harbor", season: 2), ClaimSubject(title: "", season: 0)]
        for v in values {
            for s in subjects {
                for m in [Modality.asserted, .hedged] {
                    for r in [ByteRange(start: 0, end: 0), ByteRange(start: 9, end: 1_234_567)] {
                        #expect(ClaimExtractor.claimHash(rule: "cast.x-as-y", range: r, value: v, subject: s, modality: m)
                                == Self.reference(rule: "cast.x-as-y", range: r, value: v, subject: s, modality: m))
                    }
                }
            }
        }
    }
}
