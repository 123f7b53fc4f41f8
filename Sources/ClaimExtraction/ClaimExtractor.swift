import ArticleCleaning

/// The claims found in one cleaned article.
public struct ExtractionResult: Sendable {
    /// The works the article talks about, the main one first.
    public var subjects: [SubjectMention]
    /// The claims, in text order.
    public var claims: [Claim]

    public init(subjects: [SubjectMention], claims: [Claim]) {
        self.subjects = subjects
        self.claims = claims
    }
}

/// Limits that keep extraction linear and bounded on hostile input.
public enum ExtractionLimits {
    /// At most this many claims per document; the rest are dropped with a warning.
    public static let maxClaims = 10_000
    /// Sentences longer than this many tokens are not searched by the rules (they are not prose).
    public static let maxSentenceTokens = 400
    /// Only this many leading bytes of the title are searched for the main work (a headline is
    /// far shorter; a text dump whose first line is megabytes long would otherwise make subject
    /// detection quadratic).
    public static let maxTitleBytes = 512
}

/// The claims stage: cleaned article text to claims with provenance.
///
/// ```swift
/// let article = ArticleCleaner.clean(bytes)
/// let result = ClaimExtractor.extract(from: article)
/// for claim in result.claims { print(claim.type, claim.value, claim.evidence.quote) }
/// ```
public enum ClaimExtractor {
    /// Extracts claims from `article`. Relative dates resolve against the article's own
    /// published date, else against `reference`, else stay unresolved (no claim).
    public static func extract(from article: CleanedArticle, reference: ReferenceDate? = nil) -> ExtractionResult {
        let text = Array(article.text.utf8)
        let tokens = Tokenizer.tokenize(text)
        let sentences = SentenceSplitter.split(text: text, tokens: tokens, blocks: article.blocks)
        let ref = article.published.flatMap(ReferenceDate.init(iso:)) ?? reference
        let numbers = NumberRecognizer.recognize(in: text)
        let dates = DateRecognizer.recognize(in: text, reference: ref)
        let d = Doc(text: text, tokens: tokens, sentences: sentences, numbers: numbers, dates: dates, title: article.title)
        d.collectNames()
        let (main, mainSeason, subjects) = Subjects.detect(d, title: article.title)
        d.mainTitle = main
        d.mainSeason = mainSeason
        d.subjects = subjects

        var drafts: [(Draft, Int)] = []
        var lastBook: String? = nil
        var ni = 0, di = 0
        for (si, s) in sentences.enumerated() {
            let sr = s.range
            let nStart = ni
            while ni < numbers.count && numbers[ni].range.start < sr.end { ni += 1 }
            let dStart = di
            while di < dates.count && dates[di].range.start < sr.end { di += 1 }
            if s.isQuestion || s.tokens.count > ExtractionLimits.maxSentenceTokens { continue }
            let nums = numbers[nStart..<ni].filter { $0.range.start >= sr.start }
            let ds = dates[dStart..<di].filter { $0.range.start >= sr.start }
            var season = Subjects.season(d, in: s.tokens)
            if season == nil, Subjects.nextSeason(d, in: s.tokens) { season = mainSeason }
            for x in PeopleRules.cast(d, s) { drafts.append((x, si)) }
            for x in PeopleRules.crew(d, s) { drafts.append((x, si)) }
            for x in CompanyRules.companies(d, s) { drafts.append((x, si)) }
            for x in BasedOnRules.basedOn(d, s, lastBook: &lastBook) { drafts.append((x, si)) }
            if !s.isHeading {
                for x in ValueRules.dates(d, s, ds[...], season: season, lastBook: lastBook) { drafts.append((x, si)) }
                for x in ValueRules.counts(d, s, nums[...], ds[...], season: season) { drafts.append((x, si)) }
                let explicit = Subjects.season(d, in: s.tokens)
                let renewalSeason = Subjects.nextSeason(d, in: s.tokens) ? (mainSeason ?? explicit.map { $0 + 1 }) : (explicit ?? mainSeason)
                // "renewed ... for a third season": the season named with the renewal wins
                for x in RenewalRules.renewal(d, s, season: renewalSeason) { drafts.append((x, si)) }
            }
            if drafts.count > ExtractionLimits.maxClaims { break }
        }

        var claims: [Claim] = []
        var seen = Set<String>()
        for (draft, si) in drafts {
            let s = sentences[si]
            guard !draft.quote.isEmpty, draft.quote.lowerBound >= s.tokens.lowerBound, draft.quote.upperBound <= s.tokens.upperBound else { continue }
            var subject = draft.subject ?? ClaimSubject(title: nil, season: nil)
            if subject.title == nil, needsSubject(draft.value) { subject.title = main }
            if needsSubject(draft.value), subject.title == nil { continue }
            if !needsSubject(draft.value) {
                let named = main.map { Subjects.count(String(decoding: text[s.range.range], as: UTF8.self).lowercased(), $0.lowercased()) > 0 } ?? false
                subject = ClaimSubject(title: named ? main : nil, season: nil)
            }
            let modality = draft.modality ?? Modality.of(d, s, quote: draft.quote)
            let key = "\(draft.value)|\(subject.title ?? "")|\(subject.season.map(String.init) ?? "")|\(modality)"
            if seen.contains(key) { continue }
            seen.insert(key)
            let textRange = d.byteRange(draft.quote)
            let quote = String(decoding: text[textRange.range], as: UTF8.self)
            let sentence = String(decoding: text[s.range.range], as: UTF8.self)
            let source = article.sourceMap.source(forText: textRange)
            let id = "c-" + hex8(Tokenizer.hash(Array("\(draft.rule)|\(textRange.start)|\(textRange.end)|\(key)".utf8)))
            let conf = draft.confidence * (modality == .asserted ? 1 : 0.9)
            claims.append(Claim(id: id, subject: subject, value: draft.value, modality: modality,
                                attribution: draft.attribution ?? Modality.attribution(d, s, quote: draft.quote, value: draft.value),
                                confidence: (conf * 100).rounded() / 100,
                                evidence: Evidence(sentence: sentence, quote: quote, text: textRange, source: source, rule: draft.rule)))
            if claims.count >= ExtractionLimits.maxClaims { break }
        }
        claims.sort { $0.evidence.text.start < $1.evidence.text.start }
        return ExtractionResult(subjects: subjects, claims: claims)
    }

    static func needsSubject(_ v: ClaimValue) -> Bool {
        switch v {
        case .viewCount, .episodeCount, .date, .renewal: true
        default: false
        }
    }

    static func hex8(_ v: UInt64) -> String {
        let digits = Array("0123456789abcdef")
        var s = ""
        for k in stride(from: 28, through: 0, by: -4) { s.append(digits[Int((v >> UInt64(k)) & 0xF)]) }
        return s
    }
}

extension Modality {
    /// The modality of a claim from the words of its clause before and around the quote.
    static func of(_ d: Doc, _ s: Sentence, quote: Range<Int>) -> Modality {
        let a = s.tokens.lowerBound
        // the clause: back to the previous ";" or ", but" / sentence start
        var start = quote.lowerBound
        while start > a {
            if d.isChar(start - 1, 0x3B) || (d.isComma(start - 1) && d.isAny(start, Lex.set(["but", "however", "though", "although"]))) { break }
            start -= 1
        }
        let window = start..<min(s.tokens.upperBound, quote.upperBound)
        if window.contains(where: { d.is($0, Lex.h("no")) && d.isAny($0 + 1, Lex.set(["possibility", "chance", "way"])) }) { return .negated }
        if window.contains(where: { k in d.isAny(k, Lex.set(["won't", "won’t", "never"])) || (d.is(k, Lex.h("will")) && d.is(k + 1, Lex.h("not"))) }) { return .negated }
        if window.contains(where: { d.isAny($0, Lex.hedges) }) { return .hedged }
        if window.contains(where: { d.isAny($0, Lex.reportWords) }) { return .reported }
        return .asserted
    }

    /// "according to X", "X said/confirmed/announced" in the sentence, for non-renewal claims.
    static func attribution(_ d: Doc, _ s: Sentence, quote: Range<Int>, value: ClaimValue) -> String? {
        let a = s.tokens.lowerBound, z = s.tokens.upperBound
        for k in a..<z where d.is(k, Lex.h("according")) && d.is(k + 1, Lex.h("to")) {
            if let c = CompanyRules.companyAt(d, k + 2, limit: z) { return c.name }
            if let r = d.personName(at: k + 2, limit: z) { return d.nameString(r) }
            if let r = d.capitalizedTitle(at: k + 2, limit: z) { return d.str(r) }
        }
        if case .date = value {
            for k in a..<quote.lowerBound where d.isAny(k, Lex.set(["confirms", "confirmed", "announced", "said", "says", "reports", "reported"])) {
                if let c = (max(a, k - 3)..<k).lazy.compactMap({ CompanyRules.companyAt(d, $0, limit: k) }).first { return c.name }
                if let r = d.personName(endingAt: k, from: a) { return d.nameString(r) }
            }
        }
        return nil
    }
}
