import Foundation
import Testing
import TestSupport
import ArticleCleaning
@testable import ClaimExtraction

/// The rules skip work with cheap pre-checks: trigger families per sentence, the renewal guard,
/// the token test before `CompanyRules.companyAt`, sentence-local token searches, byte-level name
/// checks. Each must give what the full work would: no family a rule would match is closed, no
/// token a company starts at is skipped, and so on — on the fixtures and on random sentences
/// dense with the rules' words.
@Suite struct RulePrecheckTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The document the rules read, built as `ClaimExtractor.extract` builds it.
    static func doc(_ article: CleanedArticle) -> Doc {
        let text = Array(article.text.utf8)
        let tokens = Tokenizer.tokenize(text)
        let sentences = SentenceSplitter.split(text: text, tokens: tokens, blocks: article.blocks)
        let ref = article.published.flatMap(ReferenceDate.init(iso:))
        let values = ValueRecognizer.recognize(in: text, reference: ref)
        let d = Doc(text: text, tokens: tokens, sentences: sentences, numbers: values.numbersOutsideDates, dates: values.dates,
                    title: article.title)
        d.reference = ref
        d.collectNames()
        let (main, season, subjects) = Subjects.detect(d, title: article.title)
        d.mainTitle = main
        d.mainSeason = season
        d.subjects = subjects
        return d
    }

    /// The renewal guard as five separate scans (before ``RenewalRules/speaksOfRenewal(_:_:_:)``).
    static func referenceGuard(_ d: Doc, _ a: Int, _ z: Int) -> Bool {
        let negatedAnnouncement = (a..<z).contains { d.isAny($0, RenewalRules.announceWords) && (max(a, $0 - 5)..<$0).contains { d.isAny($0, Lex.negations) } }
            && (a..<z).contains { d.isAny($0, K.any_show_series_drama_etc) }
        let seasonTalk = (a..<z).contains { d.isAny($0, K.any_season_installment_instalment_etc)
            && (d.isAny($0 - 1, K.any_another_new_next_etc2) || (d.tokens.indices.contains($0 + 1) && d.tokens[$0 + 1].kind == .number)) }
        let topic = (a..<z).contains { d.isAny($0, RenewalRules.topic) || (d.is($0, K.h_back) && d.isAny($0 - 1, K.any_come_comes_coming_etc)) }
        let moreEpisodes = (a..<z).contains { d.is($0, K.h_more) && d.is($0 + 1, K.h_episodes) }
        return negatedAnnouncement || seasonTalk || topic || moreEpisodes
    }

    /// ``ValueRules/tense(_:from:to:)`` as two set tests per word.
    static func referenceTense(_ d: Doc, from a: Int, to b: Int) -> Int {
        var k = b - 1
        while k >= a {
            if d.isAny(k, ValueRules.futureWords) { return 1 }
            if d.isAny(k, ValueRules.pastWords) { return -1 }
            k -= 1
        }
        return 0
    }

    /// Problems of one document: every sentence, every pre-check against the work it stands for.
    static func problems(_ d: Doc, _ name: String) -> [String] {
        var out: [String] = []
        func note(_ what: String, _ s: Sentence) {
            out.append("\(name): \(what): " + String(decoding: d.text[s.range.range], as: UTF8.self))
        }
        for s in d.sentences {
            let a = s.tokens.lowerBound, z = s.tokens.upperBound
            let fire = Triggers.of(d, s, Triggers.all)
            if !fire.contains(.company), !CompanyRules.companies(d, s).isEmpty { note("company closed", s) }
            if !fire.contains(.cast), !PeopleRules.cast(d, s).isEmpty { note("cast closed", s) }
            if !fire.contains(.crew), !PeopleRules.crew(d, s).isEmpty { note("crew closed", s) }
            if !fire.contains(.renewal), !RenewalRules.renewal(d, s, season: nil).isEmpty { note("renewal closed", s) }
            var book: String? = nil
            if !fire.contains(.basedOn), !BasedOnRules.basedOn(d, s, lastBook: &book).isEmpty { note("basedOn closed", s) }
            if !fire.contains(.season), Subjects.season(d, in: s.tokens) != nil || Subjects.nextSeason(d, in: s.tokens) {
                note("season closed", s)
            }
            if RenewalRules.speaksOfRenewal(d, a, z) != referenceGuard(d, a, z) { note("renewal guard", s) }
            // companyAt matches at no token the scan for candidates steps over
            var nextSuffix = a, from = a
            while from < z {
                let i = CompanyRules.nextCandidate(d, from: from, limit: z, nextSuffix: &nextSuffix)
                for k in from..<i where CompanyRules.companyAt(d, k, limit: z) != nil { note("company start skipped at token \(k - a)", s) }
                from = i + 1
            }
            for b in a...z where ValueRules.tense(d, from: max(a, b - 12), to: b) != referenceTense(d, from: max(a, b - 12), to: b) {
                note("tense before token \(b - a)", s)
            }
            // token searches inside the sentence
            let bytes = s.range.start...s.range.end
            for b in Set([bytes.lowerBound, bytes.upperBound, (bytes.lowerBound + bytes.upperBound) / 2])
                .union(d.numbers.filter { bytes.contains($0.range.start) }.flatMap { [$0.range.start, $0.range.end, $0.numberRange.start] }) {
                if ValueRules.tokenIndex(d, atOrAfter: b, within: a, z) != d.tokenIndex(atOrAfter: b) { note("tokenIndex \(b)", s) }
            }
            for m in d.dates where bytes.contains(m.range.start) {
                if ValueRules.tokenRange(d, m.range, within: a, z) != d.tokenRange(m.range) { note("tokenRange", s) }
            }
        }
        return out
    }

    @Test func fixturesKeepEveryMatch() throws {
        var files: [URL] = []
        for dir in ["Fixtures/seeds", "Fixtures/dev/articles", "Fixtures/text", "Fixtures/html"] {
            let url = Self.root.appendingPathComponent(dir)
            files += try FileManager.default.contentsOfDirectory(atPath: url.path).sorted()
                .filter { !$0.hasSuffix(".md") }.map { url.appendingPathComponent($0) }
        }
        #expect(files.count > 40)
        var sentences = 0
        for f in files {
            let d = Self.doc(ArticleCleaner.clean(Array(try Data(contentsOf: f))))
            sentences += d.sentences.count
            let p = Self.problems(d, f.lastPathComponent)
            #expect(p.isEmpty, "\(p.prefix(5))")
        }
        #expect(sentences > 1000)
    }

    /// Words the rules look for, names, fillers and punctuation, drawn at random into sentences.
    static let vocabulary: [String] = {
        var v = Lex.streamers + Lex.broadcasters + Lex.stores
        v += ["Imagine Entertainment", "Central Park Media", "ADV Films", "Studio Orchid", "Studios", "Warner Bros. Television",
              "Harbor Pictures", "Lantern Co.", "Netflix's", "HBO's", "Hulu’s", "Orchid Studio's", "Entertainment's", "netflix's", "own"]
        v += ["premiered", "airs", "streaming", "available", "licensed", "distributed", "distribution", "from", "on", "via", "by", "to",
              "and", ",", ",", ".", "renewed", "ordered", "picked", "up", "acquired", "has", "have", "also", "then", "platform", "service",
              "rights", "series", "show", "sitcom", "drama", "comedy", "season", "seasons", "film", "original", "decided", "will", "the", "a",
              "new", "another", "next", "third", "fifth", "2", "3", "10", "S2", "S9", "So", "part", "chapter", "volume", "sequel",
              "installment", "back", "come", "coming", "more", "episodes", "not", "no", "never", "yet", "announced", "confirmed",
              "official", "officially", "cancelled", "axed", "return", "returning", "talks", "in", "rumors", "according", "reports",
              "as", "plays", "played", "voiced", "portrays", "starring", "stars", "alongside", "co-starring", "are", "(", ")", "voice",
              "of", "directed", "written", "produced", "director", "writer", "producer", "creator", "partner", "writing", "wrote",
              "screenplay", "directorial", "debut", "based", "adapted", "inspired", "adaptation", "adapts", "novel", "book", "manga",
              "his", "her", "who", "Mara", "Lindqvist", "Tomas", "Reyes", "Elin", "Sand", "Captain", "Hale", "Jon", "Pike",
              "The", "Glass", "Harbor", "It", "is", "was", "one", "very", "quickly", "watch", "shows", "television", "station",
              "January", "2021", "May", "5", "million", "views", "1.5", "’", "\"", "“", "”", "released", "ended", "published",
              "would", "due", "opened", "came", "out", "until", ";"]
        return v
    }()

    static func randomText(_ rng: inout SplitMix64) -> String {
        var paragraphs: [String] = []
        for _ in 0..<(2 + rng.below(5)) {
            var sentences: [String] = []
            for _ in 0..<(1 + rng.below(4)) {
                let words = (0..<(3 + rng.below(22))).map { _ in vocabulary[rng.below(vocabulary.count)] }
                sentences.append(words.joined(separator: " ") + [".", ".", "", "!"][rng.below(4)])
            }
            paragraphs.append(sentences.joined(separator: " "))
        }
        return "Random Harbor Season 2\n\n" + paragraphs.joined(separator: "\n\n")
    }

    @Test func randomSentencesKeepEveryMatch() {
        var rng = SplitMix64(seed: 0x5EED_0F_2024)
        var problems: [String] = []
        var fired = 0
        for n in 0..<1500 {
            let d = Self.doc(ArticleCleaner.clean(Self.randomText(&rng), options: CleaningOptions(format: .text)))
            problems += Self.problems(d, "random \(n)")
            fired += d.sentences.filter { Triggers.of(d, $0, Triggers.all).contains(.company) && !CompanyRules.companies(d, $0).isEmpty }.count
        }
        #expect(problems.isEmpty, "\(problems.count): \(problems.prefix(5))")
        // the random sentences do reach the rules
        #expect(fired > 100)
    }

    /// A known name ends a heading and a genre noun starts the next block: the genre noun lies
    /// after the sentence, and the trigger must look there too.
    @Test func genreNounAfterTheSentenceOpensTheCompanyFamily() {
        let article = ArticleCleaner.clean("Random Harbor Season 2\n\nIt is now on NBC\n\nDrama fans can rejoice.",
                                           options: CleaningOptions(format: .text))
        let d = Self.doc(article)
        let s = d.sentences.first { String(decoding: d.text[$0.range.range], as: UTF8.self) == "It is now on NBC" }
        #expect(s != nil)
        if let s {
            #expect(Triggers.of(d, s, Triggers.all).contains(.company))
            #expect(CompanyRules.companies(d, s).map(\.rule) == ["company.X-genre"])
        }
    }

    /// "S1" … "S9" are words whose hashes open the season family.
    @Test func seasonShorthandOpensTheSeasonFamily() {
        for k in 1...9 {
            let text = Array("Watch S\(k) now".utf8)
            let toks = Tokenizer.tokenize(text)
            #expect(toks.count == 3)
            #expect(toks[1].kind == .word && Triggers.season0.contains(toks[1].hash))
        }
    }

    @Test func byteLevelNameChecksMatchTheStringOnes() {
        var rng = SplitMix64(seed: 42)
        let pieces = ["Mara", "mara", "LINDQVIST", "Lindqvist", " ", " ", "-", "'", ".", "2", "Jr", "\r\n", "é", "e\u{301}", "Ö", "\u{A0}", "ß", ""]
        for _ in 0..<3000 {
            let a = (0..<rng.below(6)).map { _ in pieces[rng.below(pieces.count)] }.joined()
            let b = rng.below(4) == 0 ? a.uppercased() : (0..<rng.below(6)).map { _ in pieces[rng.below(pieces.count)] }.joined()
            #expect(ClaimsScorerNorm.sameName(a, b) == (ClaimsScorerNorm.name(a) == ClaimsScorerNorm.name(b)), "\(a) | \(b)")
            #expect(ClaimsScorerNorm.hasSpace(a) == a.contains(" "), "\(a)")
        }
    }
}
