import ArticleCleaning

/// Dates, view counts and episode counts: recognised values in an event context.
enum ValueRules {
    static let release = Lex.set([
        "released", "release", "releases", "releasing", "premiered", "premiere", "premieres", "premiering", "debuted", "debut",
        "debuts", "aired", "airs", "air", "airing", "launched", "launches", "launch", "opened", "opens", "arrives", "arrived",
        "arrive", "dropped", "drops", "kicking", "kicks", "kicked", "starting", "starts", "started", "begins", "began",
        "return", "returns", "returning", "hits", "hit", "bow", "bows", "bowed", "streaming", "theaters", "theatres", "came", "come",
        "comes", "out",
    ])
    static let end = Lex.set(["ended", "ends", "end", "concluded", "concludes", "conclude", "closed", "finale", "until", "wrapped", "finished", "final"])
    static let publication = Lex.set(["published", "publication", "wrote", "written", "penned"])
    static let bookNouns = Lex.set(["novel", "book", "novella", "manga", "webtoon", "comic", "memoir", "story", "travelogue", "novels", "books"])
    static let workNouns = Lex.set(["series", "show", "film", "movie", "drama", "comedy", "sitcom", "miniseries", "thriller", "anime", "documentary", "musical", "horror", "romance", "k-drama", "television", "tv", "zombie", "animated"])

    static func dates(_ d: Doc, _ s: Sentence, _ mentions: ArraySlice<DateMention>, season: Int?, lastBook: String?) -> [Draft] {
        var out: [Draft] = []
        let a = s.tokens.lowerBound, z = s.tokens.upperBound
        for m in mentions {
            let r = tokenRange(d, m.range, within: a, z)
            guard !r.isEmpty else { continue }
            let first = r.lowerBound, last = r.upperBound
            var event: DateEvent? = nil
            var subject: String? = nil
            var qStart = first, qEnd = last
            var rule = ""
            // "2013's World War Z", "the 1954 novel "I Am Legend"", "a 2018 Chinese television series"
            let curly = last < d.tokens.count && d.tokens[last].end - d.tokens[last].start == 3 && d.text[Int(d.tokens[last].start)] == 0xE2
                && d.text[Int(d.tokens[last].start) + 2] == 0x99 && !d.tokens[last].spaceBefore
            if d.isPossessive(last - 1) || ((d.isChar(last, 0x27) || curly) && d.is(last + 1, K.h_s)) {
                var k = last
                if d.isChar(k, 0x27) || curly { k += 2 }
                var kind: DateEvent = .release
                if d.isAny(k, bookNouns) { kind = .publication; k += 1 }
                if d.isOpenQuote(k), let q = d.quotedTitle(at: k, limit: z) { subject = d.str(q.inner); event = kind; qEnd = q.next; rule = "date.YEARs-TITLE" }
                else if let t = d.capitalizedTitle(at: k, limit: z) { subject = d.str(t); event = kind; qEnd = t.upperBound; rule = "date.YEARs-TITLE" }
            } else if d.isAny(first - 1, K.any_a_an_the_etc) && r.count == 1 {
                var k = last, adjs = 0
                while k < z, adjs < 4, d.isWord(k), !d.isAny(k, workNouns), !d.isAny(k, bookNouns), !d.cap(k) || isNationality(d, k) { k += 1; adjs += 1 }
                if d.cap(k), d.isWord(k + 1), d.cap(k + 1) { k = z } // "the 2017 Cannes Film Festival"
                if d.isAny(k, bookNouns) {
                    event = .publication; rule = "date.the-YEAR-novel"; qStart = first - 1; qEnd = k + 1
                    var t = k + 1
                    if d.isComma(t) { t += 1 }
                    if d.isOpenQuote(t), let q = d.quotedTitle(at: t, limit: z) { subject = d.str(q.inner); qEnd = q.next }
                    else if let c = d.capitalizedTitle(at: t, limit: z) { subject = d.str(c); qEnd = c.upperBound }
                    else if d.isComma(k + 1) || d.is(k + 1, K.h_by) { subject = lastBook }
                    if subject == nil { event = nil }
                } else if d.isAny(k, workNouns) {
                    event = .release; rule = "date.a-YEAR-series"; qStart = first - 1; qEnd = k + 1
                    while d.isAny(qEnd, workNouns) { qEnd += 1 }
                    // the work is the one named just before ("X is a 2018 series") or the main one
                    var t = qEnd
                    if d.is(t, K.h_called) || d.is(t, K.h_titled) { t += 1 }
                    if d.isOpenQuote(t), let q = d.quotedTitle(at: t, limit: z) { subject = d.str(q.inner); qEnd = q.next }
                }
            } else if d.is(first - 1, K.h_from), let t = d.capitalizedTitle(at: max(a, first - 5), limit: first - 1),
                      t.upperBound == first - 1, !d.isAny(t.lowerBound, Lex.nonName) {
                // "Goblin from 2017"
                subject = d.str(t); event = .release; qStart = t.lowerBound; rule = "date.TITLE-from-YEAR"
            }
            if event == nil, d.isComma(first - 1), d.isOpenParen(first - 3) || d.isOpenParen(first - 2), d.isCloseParen(last) {
                // "“Zombies on Film: …” (Rizzoli, 2014)": a publisher and a year after a book title
                let p = d.isOpenParen(first - 3) ? first - 3 : first - 2
                if d.isCloseQuote(p - 1) {
                    var q = p - 2
                    while q > a, !d.isOpenQuote(q) { q -= 1 }
                    if d.isOpenQuote(q), let t = d.quotedTitle(at: q, limit: p) {
                        subject = d.str(t.inner); event = .publication; qStart = q; qEnd = last + 1; rule = "date.TITLE-(Publisher,-YEAR)"
                    }
                }
            }
            if event == nil, d.is(first - 1, K.h_in), d.isCloseQuote(first - 2) || (d.isComma(first - 2) && d.isCloseQuote(first - 3)) {
                // "The “Revenge of the Zombies” in 1943 took …"
                var q = first - 3
                while q > a, q > first - 16, !d.isOpenQuote(q) { q -= 1 }
                if d.isOpenQuote(q), let t = d.quotedTitle(at: q, limit: first - 1) {
                    subject = d.str(t.inner); event = .release; qStart = q; rule = "date.TITLE-in-YEAR"
                }
            }
            if event == nil {
                // trigger verb in the clause before the date (up to 8 tokens), or a noun phrase "release date"
                var k = first - 1
                var steps = 0
                let flags = clauseFlags
                while k >= a, steps < 12 {
                    if d.isChar(k, 0x3B) { break }
                    if d.isComma(k) && steps > 4 { break }
                    // a word of none of the four lists below: the next one
                    if flags[d.h(k)] & (fPublication | fEnd | fRelease | fRenewed) == 0 { k -= 1; steps += 1; continue }
                    if d.isAny(k, publication) { event = .publication; break }
                    if d.isAny(k, end) && !(d.is(k, K.h_end) && d.is(k + 1, K.h_of)) && !(d.is(k, K.h_until) && false) { event = .end; break }
                    if d.isAny(k, release) {
                        // "came out", "come out", "hits theaters": require the particle
                        if d.isAny(k, K.any_came_come_comes) && !d.is(k + 1, K.h_out) { k -= 1; steps += 1; continue }
                        if d.is(k, K.h_out) && !d.isAny(k - 1, K.any_came_come_comes_etc) { k -= 1; steps += 1; continue }
                        event = .release; break
                    }
                    if d.isAny(k, K.any_renewed_renewal_renew) { event = .renewal; break }
                    k -= 1; steps += 1
                }
                if let e = event {
                    qStart = k
                    rule = "date.\(e.rawValue)-verb-DATE"
                    // "The book was published in 2009": the book named before
                    if e == .publication, (a..<k).contains(where: { d.isAny($0, bookNouns) }) { subject = lastBook }
                    // subject noun phrase start for the quote: "the series was initially released in 2018"
                    var p = k - 1, n = 0
                    while p >= a, n < 5, d.isWord(p), !d.cap(p) || p == a { p -= 1; n += 1 }
                    if n > 0, n < 5, p + 1 >= a { qStart = max(a, p + 1) }
                    // "due for release in May", "release date of the second installment is 2023"
                }
            }
            guard let event else { continue }
            // a year inside a title or a person's age is not a date: skip "2023 or 2024" handled by recognizer
            var mod = m.mod
            if event == .release, mod == nil, d.isAny(first - 1, K.any_starting_beginning_from) && rule.hasPrefix("date.release-verb") && d.is(first - 1, K.h_starting) { mod = "START" }
            if event == .release, mod == nil, d.is(first - 1, K.h_until) && d.isAny(first - 2, K.any_not_back) { mod = "ON_OR_AFTER" }
            let subj = ClaimSubject(title: subject, season: subject == nil ? season : nil)
            out.append(Draft(value: .date(event: event, timex: resolveYearless(m.timex, d.reference, tense: tense(d, from: max(a, first - 12), to: first)), mod: mod), subject: subj, quote: min(qStart, first)..<max(qEnd, last),
                             rule: rule, confidence: subject != nil && rule.contains("verb") ? 0.6 : 0.8))
        }
        return out
    }

    static let futureWords = Lex.set(["will", "would", "return", "premiere", "air", "arrive", "debut", "premieres", "returns", "arrives", "debuts", "airs", "hits", "opens", "launches", "bows",
                                      "starting", "set", "due", "slated", "scheduled", "coming", "upcoming", "expected", "kicking", "kicks", "begins", "drops"])
    static let pastWords = Lex.set(["premiered", "aired", "ended", "concluded", "debuted", "released", "was", "were", "had", "launched",
                                    "opened", "returned", "closed", "wrapped", "finished", "dropped", "began", "started", "came", "published", "ran"])

    // Bits of ``clauseFlags``.
    static let fPublication: UInt8 = 1, fEnd: UInt8 = 2, fRelease: UInt8 = 4, fRenewed: UInt8 = 8, fFuture: UInt8 = 16, fPast: UInt8 = 32
    /// The word lists the clause before a date is read for (``dates(_:_:_:season:lastBook:)``, ``tense(_:from:to:)``),
    /// one look-up per word.
    static let clauseFlags = WordFlags(publication.keys.map { ($0, fPublication) } + end.keys.map { ($0, fEnd) }
        + release.keys.map { ($0, fRelease) } + K.any_renewed_renewal_renew.keys.map { ($0, fRenewed) }
        + futureWords.keys.map { ($0, fFuture) } + pastWords.keys.map { ($0, fPast) })

    /// +1 when the clause before a date speaks of the future, -1 of the past, 0 when it does not say.
    static func tense(_ d: Doc, from a: Int, to b: Int) -> Int {
        var k = b - 1
        let flags = clauseFlags
        while k >= a {
            let f = flags[d.h(k)]
            if f & fFuture != 0 { return 1 }
            if f & fPast != 0 { return -1 }
            k -= 1
        }
        return 0
    }

    static func isNationality(_ d: Doc, _ k: Int) -> Bool {
        let w = d.str(k)
        return w.hasSuffix("ese") || w.hasSuffix("an") || w.hasSuffix("ish") || w.hasSuffix("ian") || w.hasSuffix("ch") || w.hasSuffix("i")
    }

    /// Resolves a year-less TIMEX3 value (`XXXX-05-05`, `XXXX-09`, `XXXX-FA`) to the occurrence nearest the
    /// reference date; other values are returned unchanged.
    static func resolveYearless(_ timex: String, _ ref: ReferenceDate?, tense: Int = 0) -> String {
        guard let ref, timex.hasPrefix("XXXX-") else { return timex }
        let rest = timex.dropFirst(5)
        let parts = rest.split(separator: "-")
        var month: Int
        switch parts.first ?? "" {
        case "SP": month = 4
        case "SU": month = 7
        case "FA": month = 10
        case "WI": month = 1
        default:
            guard let m = Int(parts.first ?? ""), (1...12).contains(m) else { return timex }
            month = m
        }
        let day = parts.count > 1 ? Int(parts[1]) ?? 15 : 15
        let refDays = ref.month * 31 + ref.day
        let target = month * 31 + day
        var year = ref.year
        if tense > 0 {
            if target < refDays { year += 1 }          // future: the next occurrence
        } else if tense < 0 {
            if target > refDays { year -= 1 }          // past: the last occurrence
        } else if target - refDays > 6 * 31 { year -= 1 } else if refDays - target > 6 * 31 { year += 1 }
        return String(year) + "-" + rest
    }

    static let views = Lex.set(["views", "view", "plays", "streams", "hits", "clicks"])
    static let episodes = Lex.set(["episodes", "episode", "parts", "part", "eps", "installments"])
    static let crossing = Lex.set(["crossed", "surpassed", "topped", "passed", "exceeded", "eclipsed", "cracked", "broke", "hit", "reached", "garnered", "racked", "amassed", "received", "grossed", "earned", "got", "has", "had", "clocked", "drew", "drawn", "attracted", "logged", "notched"])

    static func counts(_ d: Doc, _ s: Sentence, _ nums: ArraySlice<NumberMention>, _ dates: ArraySlice<DateMention>, season: Int?) -> [Draft] {
        var out: [Draft] = []
        let a = s.tokens.lowerBound, z = s.tokens.upperBound
        for m in nums {
            let r = tokenRange(d, m.range, within: a, z)
            guard !r.isEmpty, m.value >= 0, m.value < 1e15, m.value == m.value.rounded() else { continue }
            let after = tokenIndex(d, atOrAfter: m.range.end, within: a, z)
            var k = after
            // "1 million views", "100 Million video views", "5,000 YouTube views"
            var skipped = 0
            while k < z, skipped < 2, d.isWord(k), !d.isAny(k, views), !d.isAny(k, episodes) { k += 1; skipped += 1 }
            if d.isAny(k, views) && d.h(k) != K.h_hits || (d.is(k, K.h_hits) && skipped == 0 && false) {
                if d.isAny(k, K.any_plays_streams) && skipped > 0 { continue }
                var bound: CountBound = .exact
                switch m.bound {
                case .moreThan, .atLeast: bound = .moreThan
                case .lessThan, .atMost: bound = .lessThan
                case .approx: bound = .approx
                case .exact:
                    if let v = tokenIndex(d, atOrAfter: m.range.start, within: a, z) as Int?, d.isAny(v - 1, K.any_crossed_surpassed_topped_etc) { bound = .moreThan }
                }
                var within: String? = nil
                var qEnd = k + 1
                if d.is(k + 1, K.h_within) || d.is(k + 1, K.h_in), let dur = duration(d, k + 2, z) {
                    within = dur.iso; qEnd = dur.end
                }
                var asOf: String? = nil
                for dm in dates {
                    let dr = tokenRange(d, dm.range, within: a, z)
                    if d.is(dr.lowerBound - 1, K.h_of) && d.is(dr.lowerBound - 2, K.h_as) { asOf = dm.timex }
                }
                var qStart = r.lowerBound
                if d.isAny(qStart - 1, crossing) { qStart -= 1 }
                else if d.isAny(qStart - 2, crossing) && d.isAny(qStart - 1, K.any_up_over_more_etc) { qStart -= 2 }
                out.append(Draft(value: .viewCount(count: Int(m.value), bound: bound, within: within, asOf: asOf), subject: ClaimSubject(title: nil, season: nil),
                                 quote: qStart..<qEnd, rule: "viewCount.N-views", confidence: 0.85))
                continue
            }
            // episodes
            let numEnd = m.numberRange.end
            let hyphenPart = numEnd + 1 < d.text.count && d.text[numEnd] == 0x2D
            var isEp = false
            var rule = ""
            if hyphenPart {
                let tailTok = tokenIndex(d, atOrAfter: m.numberRange.start, within: a, z)
                if d.isWord(tailTok) {
                    let word = d.str(tailTok).lowercased()
                    if word.hasSuffix("-part") || word.hasSuffix("-episode") { isEp = d.isAny(tailTok + 1, workNouns) || d.isAny(tailTok + 1, K.any_run_season_arc); rule = "episodeCount.N-part-series" }
                }
            }
            if !isEp, d.isAny(k, episodes), skipped <= 1 {
                let prev = r.lowerBound - 1
                let blocked = d.isAny(prev, K.any_ordered_first_last_etc)
                    || d.isAny(prev - 1, K.any_ordered_order) || d.isAny(k + 1, K.any_ago_in_into_etc)
                let context = d.isAny(prev, K.any_of_with_has_etc)
                    || (d.is(k, K.h_episode) && d.isAny(k + 1, workNouns))
                    || d.isAny(k + 1, K.any_long_season_series_etc) || d.isAny(prev, K.any_a_an)
                if !blocked, context, d.is(k, K.h_episodes) || d.is(k, K.h_episode) {
                    isEp = true; rule = "episodeCount.N-episodes"
                }
            }
            if isEp {
                let tailTok = tokenIndex(d, atOrAfter: m.numberRange.start, within: a, z)
                var qStart = r.lowerBound
                for p in stride(from: r.lowerBound - 1, through: max(a, r.lowerBound - 4), by: -1) where d.isAny(p, K.any_consists_total_totals_etc) { qStart = p; break }
                let qEnd = rule == "episodeCount.N-part-series" ? min(z, tailTok + 2) : min(z, k + 1)
                out.append(Draft(value: .episodeCount(count: Int(m.value)), subject: ClaimSubject(title: nil, season: season), quote: min(qStart, tailTok)..<qEnd,
                                 rule: rule, confidence: 0.8))
            }
        }
        return out
    }

    /// ``Doc/tokenIndex(atOrAfter:)``, searched among the sentence's tokens `a..<z` when the
    /// answer lies in `a...z` (as it does for an offset inside the sentence), else in the document.
    static func tokenIndex(_ d: Doc, atOrAfter b: Int, within a: Int, _ z: Int) -> Int {
        let found: Int? = d.tokens.withUnsafeBufferPointer { toks in
            guard a >= 0, a <= z, z <= toks.count, a == 0 || Int(toks[a - 1].start) < b,
                  z == toks.count || Int(toks[z].start) >= b else { return nil }
            var lo = a, hi = z
            while lo < hi {
                let mid = (lo + hi) >> 1
                if Int(toks[mid].start) < b { lo = mid + 1 } else { hi = mid }
            }
            return lo
        }
        return found ?? d.tokenIndex(atOrAfter: b)
    }

    /// ``Doc/tokenRange(_:)`` with the first token found by ``tokenIndex(_:atOrAfter:within:_:)``.
    static func tokenRange(_ d: Doc, _ r: ByteRange, within a: Int, _ z: Int) -> Range<Int> {
        let lo = tokenIndex(d, atOrAfter: r.start, within: a, z)
        var hi = lo
        while hi < d.tokens.count && Int(d.tokens[hi].start) < r.end { hi += 1 }
        return lo..<max(lo, hi)
    }

    /// "15 Minutes" → PT15M; "two hours" → PT2H; "24 hours" → PT24H; "a week" → P1W.
    static func duration(_ d: Doc, _ i: Int, _ z: Int) -> (iso: String, end: Int)? {
        var n: Int? = nil
        var k = i
        if d.isAny(k, K.any_a_an_one) { n = 1; k += 1 }
        else if let m = d.number(startingAt: k), m.value >= 0, m.value < 1e6, m.value == m.value.rounded() {
            // the number recogniser's reading: "15", "fifteen", "twenty-four"
            n = Int(m.value); k = d.tokenIndex(atOrAfter: m.numberRange.end)
        }
        guard let count = n, k < z else { return nil }
        let unit = d.str(k).lowercased()
        let iso: String
        if unit.hasPrefix("minute") { iso = "PT\(count)M" } else if unit.hasPrefix("hour") { iso = "PT\(count)H" }
        else if unit.hasPrefix("second") { iso = "PT\(count)S" } else if unit.hasPrefix("day") { iso = "P\(count)D" }
        else if unit.hasPrefix("week") { iso = "P\(count)W" } else if unit.hasPrefix("month") { iso = "P\(count)M" }
        else if unit.hasPrefix("year") { iso = "P\(count)Y" } else { return nil }
        return (iso, k + 1)
    }
}
