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
        let values = ValueRecognizer.recognize(in: text, reference: ref)
        let numbers = values.numbersOutsideDates
        let dates = values.dates
        let d = Doc(text: text, tokens: tokens, sentences: sentences, numbers: numbers, dates: dates, title: article.title)
        d.reference = ref
        d.collectNames()
        let (main, mainSeason, subjects) = Subjects.detect(d, title: article.title)
        d.mainTitle = main
        d.mainSeason = mainSeason
        d.subjects = subjects

        let mainTokens = main.map { Tokenizer.tokenize(Array($0.utf8)).map(\.hash) } ?? []
        var drafts: [(Draft, Int)] = []
        let triggerTable = Triggers.all
        var lastBook: String? = nil
        var ni = 0, di = 0
        for (si, s) in sentences.enumerated() {
            let sr = s.range
            let nStart = ni
            while ni < numbers.count && numbers[ni].range.start < sr.end { ni += 1 }
            let dStart = di
            while di < dates.count && dates[di].range.start < sr.end { di += 1 }
            if s.isQuestion || s.tokens.count > ExtractionLimits.maxSentenceTokens { continue }
            // the mentions that start inside the sentence: a suffix of each slice (text order)
            var nLow = nStart
            while nLow < ni && numbers[nLow].range.start < sr.start { nLow += 1 }
            var dLow = dStart
            while dLow < di && dates[dLow].range.start < sr.start { dLow += 1 }
            let nums = numbers[nLow..<ni]
            let ds = dates[dLow..<di]
            let fire = Triggers.of(d, s, triggerTable)
            let explicit = fire.contains(.season) ? Subjects.season(d, in: s.tokens) : nil
            let next = fire.contains(.season) && Subjects.nextSeason(d, in: s.tokens)
            var season = explicit
            if season == nil, next { season = mainSeason }
            if fire.contains(.cast) { for x in PeopleRules.cast(d, s) { drafts.append((x, si)) } }
            if fire.contains(.crew) { for x in PeopleRules.crew(d, s) { drafts.append((x, si)) } }
            if fire.contains(.company) { for x in CompanyRules.companies(d, s) { drafts.append((x, si)) } }
            if fire.contains(.basedOn) { for x in BasedOnRules.basedOn(d, s, lastBook: &lastBook) { drafts.append((x, si)) } }
            if !s.isHeading {
                if !ds.isEmpty { for x in ValueRules.dates(d, s, ds, season: season, lastBook: lastBook) { drafts.append((x, si)) } }
                if !nums.isEmpty { for x in ValueRules.counts(d, s, nums, ds, season: season) { drafts.append((x, si)) } }
                // "renewed ... for a third season": the season named with the renewal wins
                let renewalSeason = next ? (mainSeason ?? explicit.map { $0 + 1 }) : (explicit ?? mainSeason)
                if fire.contains(.renewal) { for x in RenewalRules.renewal(d, s, season: renewalSeason) { drafts.append((x, si)) } }
            }
            if drafts.count > ExtractionLimits.maxClaims { break }
        }

        var claims: [Claim] = []
        struct FactKey: Hashable { let value: ClaimValue; let subject: ClaimSubject; let modality: Modality }
        var seen = Set<FactKey>()
        for (draft, si) in drafts {
            let s = sentences[si]
            guard !draft.quote.isEmpty, draft.quote.lowerBound >= s.tokens.lowerBound, draft.quote.upperBound <= s.tokens.upperBound else { continue }
            var subject = draft.subject ?? ClaimSubject(title: nil, season: nil)
            if subject.title == nil, needsSubject(draft.value) { subject.title = main }
            if needsSubject(draft.value), subject.title == nil { continue }
            if !needsSubject(draft.value) {
                subject = ClaimSubject(title: d.contains(mainTokens, in: s.tokens) ? main : nil, season: nil)
            }
            let modality = draft.modality ?? Modality.of(d, s, quote: draft.quote)
            guard seen.insert(FactKey(value: draft.value, subject: subject, modality: modality)).inserted else { continue }
            let textRange = d.byteRange(draft.quote)
            let quote = String(decoding: text[textRange.range], as: UTF8.self)
            let sentence = String(decoding: text[s.range.range], as: UTF8.self)
            let source = article.sourceMap.source(forText: textRange)
            let id = "c-" + hex8(claimHash(rule: draft.rule, range: textRange, value: draft.value, subject: subject, modality: modality))
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

    /// A stable 64-bit hash of what identifies a claim (FNV-1a over its parts; not Swift's seeded `Hasher`).
    static func claimHash(rule: String, range: ByteRange, value: ClaimValue, subject: ClaimSubject, modality: Modality) -> UInt64 {
        // FNV-1a over the parts joined by U+001F, ASCII letters lower-cased: claim ids must stay
        // the same across versions. Numbers are hashed as their decimal digits, without Strings.
        var f = ClaimHasher()
        f.part(rule); f.part(range.start); f.part(range.end); f.part(modality.rawValue)
        f.part(subject.title ?? "")
        if let season = subject.season { f.part(season) } else { f.part("") }
        switch value {
        case let .viewCount(c, b, w, a): f.part("v"); f.part(c); f.part(b.rawValue); f.part(w ?? ""); f.part(a ?? "")
        case let .episodeCount(c): f.part("e"); f.part(c)
        case let .date(e, t, m): f.part("d"); f.part(e.rawValue); f.part(t); f.part(m ?? "")
        case let .cast(a, c): f.part("c"); f.part(a); f.part(c ?? "")
        case let .crew(p, r): f.part("w"); f.part(p); f.part(r.rawValue)
        case let .company(n, r): f.part("o"); f.part(n); f.part(r.rawValue)
        case let .basedOn(w, a, m): f.part("b"); f.part(w ?? ""); f.part(a ?? ""); f.part(m ?? "")
        case let .renewal(st): f.part("r"); f.part(st.rawValue)
        }
        return f.h
    }

    /// FNV-1a over parts separated by U+001F, ASCII letters lower-cased.
    struct ClaimHasher {
        var h: UInt64 = 0xcbf29ce484222325
        var started = false

        @inline(__always) mutating func byte(_ b: UInt8) {
            h = (h ^ UInt64(b >= 0x41 && b <= 0x5A ? b | 0x20 : b)) &* 0x100000001b3
        }

        mutating func separate() {
            if started { h = (h ^ 0x1F) &* 0x100000001b3 }
            started = true
        }

        mutating func part(_ s: String) {
            separate()
            for b in s.utf8 { byte(b) }
        }

        /// The decimal digits of `n`, as `String(n)` spells them.
        mutating func part(_ n: Int) {
            separate()
            if n < 0 { byte(0x2D) }
            var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                          UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
                (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
            var count = 0
            var m = n.magnitude
            withUnsafeMutableBytes(of: &digits) { d in
                repeat {
                    d[count] = UInt8(truncatingIfNeeded: m % 10) + 0x30
                    m /= 10
                    count += 1
                } while m > 0
                while count > 0 { count -= 1; byte(d[count]) }
            }
        }
    }

    static func hex8(_ v: UInt64) -> String {
        let digits: StaticString = "0123456789abcdef"
        return String(unsafeUninitializedCapacity: 8) { buf in
            digits.withUTF8Buffer { d in
                for k in 0..<8 { buf[k] = d[Int((v >> UInt64(28 - 4 * k)) & 0xF)] }
            }
            return 8
        }
    }
}

extension Modality {
    /// The modality of a claim from the words of its clause before and around the quote.
    static func of(_ d: Doc, _ s: Sentence, quote: Range<Int>) -> Modality {
        let a = s.tokens.lowerBound
        // the clause: back to the previous ";" or ", but" / sentence start
        var start = quote.lowerBound
        while start > a {
            if d.isChar(start - 1, 0x3B) || (d.isComma(start - 1) && d.isAny(start, K.any_but_however_though_etc)) { break }
            start -= 1
        }
        let window = start..<min(s.tokens.upperBound, quote.upperBound)
        if window.contains(where: { d.is($0, K.h_no) && d.isAny($0 + 1, K.any_possibility_chance_way) }) { return .negated }
        if window.contains(where: { k in d.isAny(k, K.any_wont_wont_never) || (d.is(k, K.h_will) && d.is(k + 1, K.h_not)) }) { return .negated }
        if window.contains(where: { d.isHedge($0, sentenceStart: a) }) { return .hedged }
        if window.contains(where: { d.isAny($0, Lex.reportWords) }) { return .reported }
        return .asserted
    }

    /// "according to X", "X said/confirmed/announced" in the sentence, for non-renewal claims.
    static func attribution(_ d: Doc, _ s: Sentence, quote: Range<Int>, value: ClaimValue) -> String? {
        let a = s.tokens.lowerBound, z = s.tokens.upperBound
        for k in a..<z where d.is(k, K.h_according) && d.is(k + 1, K.h_to) {
            if let c = CompanyRules.companyAt(d, k + 2, limit: z) { return c.name }
            if let r = d.personName(at: k + 2, limit: z) { return d.nameString(r) }
            if let r = d.capitalizedTitle(at: k + 2, limit: z) { return d.str(r) }
        }
        if case .date = value {
            for k in a..<quote.lowerBound where d.isAny(k, K.any_confirms_confirmed_announced_etc) {
                if let c = (max(a, k - 3)..<k).lazy.compactMap({ CompanyRules.companyAt(d, $0, limit: k) }).first { return c.name }
                if let r = d.personName(endingAt: k, from: a) { return d.nameString(r) }
            }
        }
        return nil
    }
}
