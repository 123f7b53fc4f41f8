import ArticleCleaning

/// Renewal statements and their status.
enum RenewalRules {
    static let topic = Lex.set([
        "renew", "renewed", "renewal", "renewing", "renews", "sequel", "return", "returning", "returns", "cancel", "cancelled",
        "canceled", "cancellation", "axed", "greenlit", "greenlighted", "comeback",
    ])
    static let seasonWords = Lex.set(["season", "series", "installment", "instalment", "chapter", "part", "sequel"])
    static let announceWords = Lex.set(["announced", "confirmed", "renewed", "official", "officially", "revealed", "decided", "greenlit", "ordered", "announce", "confirm", "renew", "confirmation", "announcement", "statement", "word", "news", "update", "updates"])
    static let unofficialSources = Lex.set(["portals", "portal", "websites", "website", "sites", "site", "fans", "fan", "sources", "source", "insiders", "insider", "tabloids", "reports", "outlets", "blogs", "forums", "rumors", "rumours", "netizens", "people"])
    static let sayVerbs = Lex.set(["confirmed", "confirm", "confirms", "say", "says", "said", "claim", "claims", "claimed", "reported", "report", "reports", "suggest", "suggests", "believe", "believes", "insist"])
    static let cancelWords = Lex.set(["cancelled", "canceled", "axed", "cancellation", "scrapped", "dropped"])
    static let confirmWords = Lex.set(["renewed", "greenlit", "greenlighted", "ordered", "announced", "confirmed", "officially", "returning", "return", "renewal", "picked"])
    static let selfHedges = Lex.set(["think", "believe", "hope", "guess", "expect", "estimate", "predict", "assume", "reckon", "feel"])

    static let cancelObjectDeterminers = Lex.set(["its", "their", "his", "her", "the", "a", "an", "our", "this", "that", "these", "those"])
    static let workNouns = Lex.set([
        "show", "shows", "series", "season", "seasons", "drama", "dramas", "film", "films", "movie", "movies", "sitcom", "comedy",
        "program", "programme", "project", "production", "sequel", "reboot", "revival", "spinoff", "spin-off", "adaptation",
        "installment", "instalment", "chapter", "part", "volume", "franchise", "story", "saga", "anime", "serial", "title",
        "episode", "episodes", "run", "it",
    ])

    /// "X canceled its task order": an active cancel verb whose object (a determiner, then up to
    /// three words) names no work — not a renewal of the main work.
    static func cancelsSomethingElse(_ d: Doc, _ c: Int, _ z: Int) -> Bool {
        guard c + 1 < z, d.isAny(c + 1, cancelObjectDeterminers) else { return false }
        for k in (c + 2)..<min(z, c + 5) {
            if d.isAny(k, workNouns) || d.cap(k) { return false }
            if !d.isWord(k) { break }
        }
        return true
    }

    static func renewal(_ d: Doc, _ s: Sentence, season: Int?) -> [Draft] {
        let a = s.tokens.lowerBound, z = s.tokens.upperBound
        guard speaksOfRenewal(d, a, z) else { return [] }
        var status: RenewalStatus? = nil
        var rule = ""
        var attribution: String? = nil
        var anchor = a
        let hasNeg = (a..<z).contains { d.isAny($0, Lex.negations) || d.is($0, K.h_yet) && d.is($0 + 1, K.h_to) }
        // notAnnounced: "has not (yet) been announced", "yet to be confirmed", "no official word", "neither X nor Y have announced"
        for k in a..<z where d.isAny(k, announceWords) {
            var negated = false
            for q in max(a, k - 5)..<k where d.isAny(q, Lex.negations) || (d.is(q, K.h_yet) && d.is(q + 1, K.h_to)) {
                negated = true; anchor = q
            }
            if negated {
                status = .notAnnounced
                rule = "renewal.not-yet-announced"
                // "Neither A nor B have announced"
                if let nei = (a..<k).first(where: { d.is($0, K.h_neither) }) {
                    var names: [String] = []
                    var p = nei + 1
                    while p < k {
                        if let c = CompanyRules.companyAt(d, p, limit: k) { names.append(c.name); p = c.range.upperBound; continue }
                        if let r = d.personName(at: p, limit: k) { names.append(d.nameString(r)); p = r.upperBound; continue }
                        if let r = d.capitalizedTitle(at: p, limit: k, stopWords: K.any_nor_and_or) { names.append(d.str(r)); p = r.upperBound; continue }
                        p += 1
                    }
                    if !names.isEmpty { attribution = names.joined(separator: ", "); rule = "renewal.neither-X-nor-Y-announced"; anchor = nei }
                } else if let who = subjectBefore(d, anchor, from: a) {
                    attribution = who
                }
                break
            }
        }
        // "X reports that the cast ... will indeed be returning": a report of a firm decision
        if status == nil, let rep = (a..<z).first(where: { d.isAny($0, K.any_reports_reported_announced_etc) }),
           ((rep + 1)..<z).contains(where: { d.isAny($0, K.any_indeed_officially) }),
           ((rep + 1)..<z).contains(where: { d.isAny($0, K.any_return_returning_back_etc) }), !hasNeg {
            status = .confirmed; rule = "renewal.report-of-return"; anchor = rep
            attribution = sourceName(d, rep, a: a)
        }
        if status == nil, (a..<z).contains(where: { d.isAny($0, K.any_rumor_rumors_rumour_etc) || d.is($0, K.h_according) }) || talks(d, a, z) {
            status = .rumored
            rule = talks(d, a, z) ? "renewal.in-talks" : "renewal.rumors"
            if let k = (a..<z).first(where: { d.isAny($0, Lex.reportWords) || d.is($0, K.h_in) && d.isAny($0 + 1, K.any_talks_negotiations) }) {
                anchor = k
                attribution = sourceName(d, k, a: a) ?? (d.is(k, K.h_in) ? RenewalRules.subjectBefore(d, k, from: a) : nil)
            }
        }
        if status == nil {
            // "many online portals confirmed", "the fans confirm", "some websites have confirmed"
            for k in a..<z where d.isAny(k, unofficialSources) {
                var v = k + 1
                while d.isAny(v, K.any_have_has_had_etc) { v += 1 }
                if d.isAny(v, sayVerbs) {
                    status = .rumored; rule = "renewal.unofficial-source-confirms"
                    var st = k
                    if d.isAny(k - 1, K.any_online_news_entertainment_etc) && !d.isAny(k - 1, K.any_some_many_several) { st = k - 1 }
                    attribution = d.str(st..<(k + 1)).lowercased()
                    anchor = st
                    break
                }
            }
        }
        if status == nil {
            let cancelled = (a..<z).first(where: { d.isAny($0, cancelWords) })
            let wontReturn = (a..<z).first(where: { k in
                (d.isAny(k, K.any_wont_wont) || (d.is(k, K.h_will) && d.is(k + 1, K.h_not)) || (d.is(k, K.h_not) && d.is(k - 1, K.h_will)))
                    && ((k + 1)..<min(z, k + 7)).contains(where: { d.isAny($0, K.any_return_make_continue_etc) })
            })
            let hedged = (a..<z).contains { d.isHedge($0, sentenceStart: a) }
            if let c = cancelled, !hedged, !(max(a, c - 3)..<c).contains(where: { d.isAny($0, Lex.negations) }),
               !cancelsSomethingElse(d, c, z) {
                status = .cancelled; rule = "renewal.was-cancelled"; anchor = max(a, c - 4)
            } else if let w = wontReturn, !hedged {
                status = .cancelled; rule = "renewal.will-not-return"; anchor = w
                if let who = subjectBefore(d, w, from: a) { attribution = who }
            }
        }
        if status == nil, !hasNeg, let k = (a..<z).first(where: { d.is($0, K.h_announced) && d.isAny($0 + 1, K.any_that_the) }),
           ((k + 1)..<z).contains(where: { d.isAny($0, K.any_return_returning_back_etc) }) {
            status = .confirmed; rule = "renewal.announced-return"; anchor = k
        }
        // "HBO has renewed the series for a third season, which would be its final season": the verb first
        if status == nil, !hasNeg, let k = (a..<z).first(where: { k in d.isAny(k, K.any_renewed_greenlit_greenlighted_etc)
            && d.isAny(k - 1, K.any_has_have_had_etc) }),
           !(a..<k).contains(where: { d.isHedge($0, sentenceStart: a, hedges: renewalHedges) }) {
            status = .confirmed; rule = "renewal.renewed"; anchor = k
            if let who = subjectBefore(d, k, from: a) { attribution = who }
        }
        // "has ordered a third season", "picked up for season 3", "will return for a second season"
        if status == nil, !hasNeg, !(a..<z).contains(where: { d.isHedge($0, sentenceStart: a, hedges: renewalHedges) }),
           let k = (a..<z).first(where: { k in d.isAny(k, orderVerbs) && ((k + 1)..<min(z, k + 6)).contains { seasonNoun(d, $0) } }) {
            status = .confirmed; rule = "renewal.ordered-a-season"; anchor = k
            if let who = subjectBefore(d, k, from: a) { attribution = who }
        }
        if status == nil {
            let hedge = (a..<z).first(where: { d.isHedge($0, sentenceStart: a, hedges: renewalHedges) || d.is($0, K.h_chance) })
            let renewTalk = (a..<z).contains { d.isAny($0, K.any_renew_renewed_renewal_etc) }
            if let h = hedge, renewTalk {
                status = .speculated; rule = "renewal.hedged"; anchor = h
            } else if let k = (a..<z).first(where: { k in d.isAny(k, K.any_renewed_greenlit_greenlighted_etc)
                        && (d.isAny(k + 1, K.any_for_the_it_etc) || d.isComma(k + 1) || d.isChar(k + 1, 0x2E) || d.isAny(k - 1, K.any_has_have_had_etc2)) }), !hasNeg {
                status = .confirmed; rule = "renewal.renewed"; anchor = k
                if let who = subjectBefore(d, k, from: a) { attribution = who }
            } else if !hasNeg, let k = (a..<z).first(where: { d.is($0, K.h_indeed) || d.is($0, K.h_officially) }),
                      (k..<z).contains(where: { d.isAny($0, K.any_return_returning_back_etc2) }) {
                status = .confirmed; rule = "renewal.officially-returning"; anchor = k
            } else if !hasNeg, let k = (a..<z).first(where: { d.is($0, K.h_announced) }),
                      ((k + 1)..<z).contains(where: { d.isAny($0, K.any_return_returning_back_etc3) }) {
                status = .confirmed; rule = "renewal.announced-return"; anchor = k
            } else if !hasNeg, let k = (a..<z).first(where: { d.is($0, K.h_final) && d.is($0 + 1, K.h_season) || d.is($0, K.h_end) && d.is($0 + 1, K.h_after) }) {
                status = .confirmed; rule = "renewal.final-season"; anchor = k
            }
        }
        guard let status else { return [] }
        let modality: Modality = status == .rumored ? .reported : status == .speculated ? .hedged : .asserted
        let quote = max(a, min(anchor, z - 1))..<min(z, max(anchor + 1, quoteEnd(d, anchor, z)))
        return [Draft(value: .renewal(status: status), subject: ClaimSubject(title: nil, season: season), quote: quote,
                      rule: rule, confidence: status == .confirmed ? 0.8 : 0.7, modality: modality, attribution: attribution)]
    }

    // Bits of ``guardFlags``.
    static let gAnnounce: UInt8 = 1, gNegation: UInt8 = 2, gShowSeries: UInt8 = 4, gSeasonWord: UInt8 = 8,
               gAnotherNew: UInt8 = 16, gTopic: UInt8 = 32, gCome: UInt8 = 64, gMore: UInt8 = 128
    /// The word lists ``speaksOfRenewal(_:_:_:)`` reads, one look-up per token.
    static let guardFlags = WordFlags(announceWords.keys.map { ($0, gAnnounce) } + Lex.negations.keys.map { ($0, gNegation) }
        + K.any_show_series_drama_etc.keys.map { ($0, gShowSeries) } + K.any_season_installment_instalment_etc.keys.map { ($0, gSeasonWord) }
        + K.any_another_new_next_etc2.keys.map { ($0, gAnotherNew) } + topic.keys.map { ($0, gTopic) }
        + K.any_come_comes_coming_etc.keys.map { ($0, gCome) } + [(K.h_more, gMore)])

    /// Whether sentence `a..<z` speaks of a renewal at all, in one pass: a topic word ("renewed",
    /// "sequel"), "come back", "more episodes", a season word after "another"/"new"/an ordinal or
    /// before a number ("season 3"), or an announcement word with a negation up to five tokens
    /// before it in a sentence about a show ("has not announced … the series").
    static func speaksOfRenewal(_ d: Doc, _ a: Int, _ z: Int) -> Bool {
        guard a >= 0, a < z, z <= d.tokens.count else { return false }
        let back = K.h_back, episodes = K.h_episodes
        return d.tokens.withUnsafeBufferPointer { toks in
            guardFlags.withLookup { flags in
                let n = toks.count
                var prev: UInt8 = a > 0 ? flags(toks[a - 1].hash) : 0
                var lastNegation = Int.min
                var negatedAnnouncement = false, show = false
                for k in a..<z {
                    let h = toks[k].hash
                    let f = flags(h)
                    if f != 0 || prev & gCome != 0 {
                        if f & gTopic != 0 { return true }
                        if f & gSeasonWord != 0, prev & gAnotherNew != 0 || (k + 1 < n && toks[k + 1].kind == .number) { return true }
                        if h == back, prev & gCome != 0 { return true }
                        if f & gMore != 0, k + 1 < n, toks[k + 1].hash == episodes { return true }
                        if f & gAnnounce != 0, lastNegation >= k - 5 { negatedAnnouncement = true }
                        if f & gNegation != 0 { lastNegation = k }
                        if f & gShowSeries != 0 { show = true }
                    }
                    prev = f
                }
                return negatedAnnouncement && show
            }
        }
    }

    static let orderVerbs = Lex.set(["ordered", "orders", "picked", "greenlit", "greenlights", "greenlighted", "return", "returning", "returns", "confirmed", "confirms", "announced", "announces"])

    static let seasonNouns = Lex.set(["season", "seasons", "installment", "series"])
    static let newSeasonWords = Lex.set(["another", "new", "fresh", "final"])

    /// "a third season", "season 3", "another season", "a new season" (not "this season", "the season").
    static func seasonNoun(_ d: Doc, _ k: Int) -> Bool {
        guard d.isAny(k, seasonNouns) else { return false }
        if d.tokens.indices.contains(k + 1), d.tokens[k + 1].kind == .number { return true }
        return Subjects.ordinalKeys.contains(d.h(k - 1)) || d.isAny(k - 1, newSeasonWords)
    }

    /// Hedges for renewal statements ("would" is reported speech here, not a guess).
    static let renewalHedges: WordSet = Lex.hedges.subtracting(Lex.set(["would", "should", "if", "expected", "anticipated"]))

    static func talks(_ d: Doc, _ a: Int, _ z: Int) -> Bool {
        (a..<z).contains { d.is($0, K.h_in) && d.isAny($0 + 1, K.any_talks_negotiations) }
    }

    /// The quote ends at the end of the clause (next comma/semicolon after a few tokens) or sentence.
    static func quoteEnd(_ d: Doc, _ anchor: Int, _ z: Int) -> Int {
        var k = anchor + 1
        while k < z {
            if (d.isChar(k, 0x3B) || d.isChar(k, 0x2E) || d.isChar(k, 0x3F) || d.isChar(k, 0x21)) { return k }
            if d.isComma(k) && k - anchor > 6 { return k }
            k += 1
        }
        return z
    }

    /// Who made a statement: the name or noun phrase before a verb ("HBO has renewed", "The officials ... have not").
    static func subjectBefore(_ d: Doc, _ k: Int, from a: Int) -> String? {
        var p = k - 1
        while p > a, d.isAny(p, K.any_has_have_had_etc3) || d.isAny(p, Lex.negations) { p -= 1 }
        if let c = (max(a, p - 3)...max(a, p)).lazy.compactMap({ CompanyRules.companyAt(d, $0, limit: p + 1) }).first(where: { $0.range.upperBound == p + 1 }) {
            return c.name
        }
        if let r = d.personName(endingAt: p + 1, from: a), r.count >= 1, !d.isAny(r.lowerBound, K.any_season) { return d.nameString(r) }
        // "the officials of the series have not"
        for q in stride(from: p, through: max(a, p - 6), by: -1) where d.isAny(q, K.any_officials_network_producers_etc) {
            return d.str(q).lowercased()
        }
        return nil
    }

    static func sourceName(_ d: Doc, _ k: Int, a: Int) -> String? {
        // "X reports", "according to X", "rumors"
        if d.is(k, K.h_according), d.is(k + 1, K.h_to) {
            if let c = CompanyRules.companyAt(d, k + 2, limit: d.tokens.count) { return c.name }
            if let r = d.personName(at: k + 2, limit: d.tokens.count) { return d.nameString(r) }
            if let r = d.capitalizedTitle(at: k + 2, limit: d.tokens.count) { return d.str(r) }
        }
        if d.isAny(k, K.any_reports_reported_reportedly) {
            if let r = d.capitalizedTitle(at: max(a, k - 3), limit: k), r.upperBound == k { return d.str(r) }
            if let r = d.personName(endingAt: k, from: a) { return d.nameString(r) }
        }
        return nil
    }
}
