import ArticleCleaning

/// Finds the works an article is about and the seasons sentences speak of.
enum Subjects {
    static let ordinals: [UInt64: Int] = {
        var m: [UInt64: Int] = [:]
        for (i, w) in ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth"].enumerated() { m[Lex.h(w)] = i + 1 }
        for (i, w) in ["1st", "2nd", "3rd", "4th", "5th", "6th", "7th", "8th", "9th", "10th", "11th", "12th"].enumerated() { m[Lex.h(w)] = i + 1 }
        return m
    }()
    static let cardinals: [UInt64: Int] = {
        var m: [UInt64: Int] = [:]
        for (i, w) in ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"].enumerated() { m[Lex.h(w)] = i + 1 }
        for (i, w) in ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"].enumerated() { m[Lex.h(w)] = i + 1 }
        return m
    }()
    static let seasonNouns = Lex.set(["season", "series", "installment", "instalment", "chapter", "part", "volume"])

    /// The season number a token range speaks of ("Season 2", "second season", "S3", "Part II"), if any.
    static func season(_ d: Doc, in r: Range<Int>) -> Int? {
        for k in r {
            if d.isAny(k, Lex.set(["season", "part", "chapter", "volume"])) {
                if d.tokens.indices.contains(k + 1), d.tokens[k + 1].kind == .number, let v = Int(d.str(k + 1)), v > 0, v < 100 { return v }
                if let v = cardinals[d.h(k + 1)], d.cap(k + 1) || d.isAny(k, Lex.set(["season"])) { return v }
            }
            if let v = ordinals[d.h(k)], d.isAny(k + 1, seasonNouns) { return v }
            if d.isWord(k), d.tokens[k].end - d.tokens[k].start == 2, d.text[Int(d.tokens[k].start)] == 0x53,
               d.text[Int(d.tokens[k].start) + 1] >= 0x31 && d.text[Int(d.tokens[k].start) + 1] <= 0x39 {
                return Int(d.text[Int(d.tokens[k].start) + 1] - 0x30)
            }
        }
        return nil
    }

    /// Whether the range speaks of a next season without a number ("another season", "the sequel").
    static func nextSeason(_ d: Doc, in r: Range<Int>) -> Bool {
        r.contains { k in
            (d.isAny(k, Lex.set(["another", "new", "next", "upcoming"])) && d.isAny(k + 1, Lex.set(["season", "installment", "chapter", "part", "sequel"])))
                || d.isAny(k, Lex.set(["sequel"]))
        }
    }

    static let titleStop = Lex.set([
        "season", "seasons", "release", "date", "cast", "trailer", "spoilers", "spoiler", "review", "recap", "episode", "episodes",
        "renewed", "cancelled", "canceled", "confirmed", "officially", "returns", "return", "is", "are", "was", "will", "has",
        "gets", "coming", "premiere", "finale", "update", "updates", "news", "plot", "ending", "explained",
    ])

    /// Picks the main work from the headline, counting its mentions in the body.
    static func detect(_ d: Doc, title: String?) -> (main: String?, season: Int?, subjects: [SubjectMention]) {
        guard let title, !title.isEmpty else { return (nil, nil, []) }
        // Every candidate is counted in the whole body: a bounded headline keeps that linear.
        let tb = Array(title.utf8.prefix(ExtractionLimits.maxTitleBytes))
        let tt = Tokenizer.tokenize(tb)
        let td = Doc(text: tb, tokens: tt, sentences: [], numbers: [], dates: [], title: nil)
        let n = tt.count
        var candidates: [String] = []
        // 1. quoted titles in the headline
        var i = 0
        while i < n {
            if td.isOpenQuote(i) || td.isChar(i, 0x27) {
                var j = i + 1
                while j < n, !(td.isCloseQuote(j) || td.isChar(j, 0x27)) || j == i + 1 { j += 1 }
                if j < n, j > i + 1 { candidates.append(td.str((i + 1)..<j)); i = j }
            }
            i += 1
        }
        // 2. the span before "Season N" / a stop word, from the start or after a colon
        var headlineSeason: Int? = season(td, in: 0..<n)
        var start = 0
        for k in 0..<n {
            if td.isAny(k, titleStop) || td.isChar(k, 0x3A) || td.isChar(k, 0x3F) || td.isChar(k, 0x7C) || td.tokens[k].kind == .number && (td.isAny(k - 1, titleStop) == false) && k > start && td.isAny(k + 1, Lex.set(["spoilers", "release"])) {
                if k > start {
                    var e = k
                    while e > start, !td.isWord(e - 1) && td.tokens[e - 1].kind != .number { e -= 1 }
                    if e > start, td.cap(start) { candidates.append(td.str(start..<e)) }
                }
                start = k + 1
            }
        }
        // 3. capitalised runs of the headline
        var k = 0
        while k < n {
            if let r = td.capitalizedTitle(at: k, limit: n, stopWords: titleStop) { candidates.append(td.str(r)); k = r.upperBound } else { k += 1 }
        }
        if headlineSeason == nil, let _ = (0..<n).first(where: { td.is($0, Lex.h("back")) || td.is($0, Lex.h("returns")) }) { headlineSeason = nil }
        // Score candidates by mentions in the body (case-insensitive) and length.
        let body = Array(String(decoding: d.text, as: UTF8.self).lowercased().utf8)  // titles are compared case-insensitively
        var best: (String, Int, Double)? = nil
        var seen = Set<String>()
        // "MTV's The Osbournes" → also "The Osbournes"
        for c in candidates {
            let ct = Tokenizer.tokenize(Array(c.utf8))
            let cd = Doc(text: Array(c.utf8), tokens: ct, sentences: [], numbers: [], dates: [], title: nil)
            if ct.count > 1, cd.isPossessive(0) { candidates.append(cd.str(1..<ct.count)) }
        }
        for c in candidates {
            var cand = c.trimmingCharacters(in: " :-–—,.!?'\"‘’“”")
            for prefix in ["How ", "Why ", "What ", "When ", "Is ", "Will ", "Video: ", "Confirmed: ", "Review: "] where cand.hasPrefix(prefix) { cand.removeFirst(prefix.count) }
            guard cand.count >= 2, !seen.contains(cand.lowercased()) else { continue }
            // a title needs a content word: not just "Or", "The", "Season"
            let ct = Tokenizer.tokenize(Array(cand.utf8))
            guard ct.contains(where: { $0.kind != .punct && !Lex.titleGlue.contains($0.hash) && !titleStop.contains($0.hash) && !Lex.nonName.contains($0.hash) || $0.kind == .number }) else { continue }
            seen.insert(cand.lowercased())
            // people are not works: "Fry" when the article names "Stephen Fry"
            if ct.count <= 3, ct.allSatisfy({ $0.kind == .word }) {
                if ct.count == 1, d.fullNames[ct[0].hash] != nil { continue }
                if d.fullNames.values.contains(cand) { continue }
            }
            let mentions = count(body, cand.lowercased())
            guard mentions > 0 else { continue }
            let words = cand.split(separator: " ").count
            let score = Double(mentions) * (1 + 0.5 * Double(min(words, 5)))
            if best == nil || score > best!.2 { best = (cand, mentions, score) }
        }
        guard var (main, mentions, _) = best else { return (nil, headlineSeason, []) }
        // Expand to the title as the body writes it: "Hitchhiker's" → "The Hitchhiker's Guide To The Galaxy".
        if let full = expansion(d, of: main), count(body, full.lowercased()) * 2 >= mentions || main.hasSuffix("'s") || main.hasSuffix("’s") {
            main = full
            mentions = max(1, count(body, full.lowercased()))
        }
        return (main, headlineSeason, [SubjectMention(title: main, mentions: mentions)])
    }

    /// The most frequent longer capitalised title in the body that contains `title`.
    static func expansion(_ d: Doc, of title: String) -> String? {
        let key = Tokenizer.tokenize(Array(title.utf8)).map(\.hash)
        guard let first = key.first else { return nil }
        var counts: [String: Int] = [:]
        for i in d.tokens.indices where d.tokens[i].hash == first || CompanyRules.baseHash(d, i) == first {
            var ok = true
            for (k, h) in key.enumerated() where k > 0 && d.h(i + k) != h { ok = false; break }
            guard ok else { continue }
            var s = i
            if d.is(i - 1, Lex.h("the")), d.cap(i - 1) { s = i - 1 }
            // A title is a few words longer than the key at most; the bound keeps a document of
            // capitalised words from walking its whole length at every mention.
            let limit = min(d.tokens.count, s + key.count + 16)
            guard let r = d.capitalizedTitle(at: s, limit: limit, stopWords: titleStop), r.upperBound > i + key.count - 1 else { continue }
            let e = r.upperBound
            if e - s > key.count { counts[d.str(s..<e), default: 0] += 1 }
        }
        return counts.max(by: { $0.value < $1.value })?.key
    }

    /// Non-overlapping occurrences of `needle` in `hay` (bytes).
    static func count(_ hay: String, _ needle: String) -> Int {
        count(Array(hay.utf8), needle)
    }

    /// Non-overlapping occurrences of `needle` in the bytes `h`.
    static func count(_ h: [UInt8], _ needle: String) -> Int {
        let n = Array(needle.utf8)
        guard !n.isEmpty, n.count <= h.count else { return 0 }
        var c = 0, i = 0
        let last = h.count - n.count
        while i <= last {
            if h[i] == n[0] {
                var j = 1
                while j < n.count && h[i + j] == n[j] { j += 1 }
                if j == n.count { c += 1; i += n.count; continue }
            }
            i += 1
        }
        return c
    }
}

extension String {
    func trimmingCharacters(in chars: String) -> String {
        let set = Set(chars)
        var s = Substring(self)
        while let f = s.first, set.contains(f) { s.removeFirst() }
        while let l = s.last, set.contains(l) { s.removeLast() }
        return String(s)
    }
}
