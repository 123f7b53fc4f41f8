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
    static let ordinalKeys = WordSet(ordinals.keys)
    static let seasonNouns = Lex.set(["season", "series", "installment", "instalment", "chapter", "part", "volume"])

    /// The season number a token range speaks of ("Season 2", "second season", "S3", "Part II"), if any.
    static func season(_ d: Doc, in r: Range<Int>) -> Int? {
        for k in r {
            if d.isAny(k, K.any_season_part_chapter_etc) {
                if d.tokens.indices.contains(k + 1), d.tokens[k + 1].kind == .number, let v = Int(d.str(k + 1)), v > 0, v < 100 { return v }
                if let v = cardinals[d.h(k + 1)], d.cap(k + 1) || d.isAny(k, K.any_season) { return v }
            }
            if ordinalKeys.contains(d.h(k)), let v = ordinals[d.h(k)], d.isAny(k + 1, seasonNouns) { return v }
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
            (d.isAny(k, K.any_another_new_next_etc) && d.isAny(k + 1, K.any_season_installment_chapter_etc))
                || d.isAny(k, K.any_sequel)
        }
    }

    static let leadingGlue = ["Of ", "And ", "In ", "On ", "For ", "To ", "With ", "At "]
    static let leadingQuestion = ["How ", "Why ", "What ", "When ", "Is ", "Will ", "Video: ", "Confirmed: ", "Review: "]

    /// First bytes of ``leadingGlue`` and ``leadingQuestion``.
    static let prefixInitials: [Bool] = {
        var t = [Bool](repeating: false, count: 256)
        for p in leadingGlue + leadingQuestion { if let f = p.utf8.first { t[Int(f)] = true } }
        return t
    }()

    /// The number of space-separated words.
    static func wordCount(_ s: String) -> Int {
        var n = 0
        var prev: UInt8 = 0x20
        for b in s.utf8 {
            if b != 0x20 && prev == 0x20 { n += 1 }
            prev = b
        }
        return n
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
        var tb = Array(title.utf8.prefix(ExtractionLimits.maxTitleBytes))
        // cut at a character boundary, so that a token range's text is exactly its bytes
        if tb.count < title.utf8.count {
            var e = tb.count
            while e > 0, tb[e - 1] & 0xC0 == 0x80 { e -= 1 }
            if e > 0, tb[e - 1] >= 0xC0 { e -= 1 }
            let lead = e < tb.count ? tb[e] : 0
            let need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1
            if tb.count - e < need { tb.removeSubrange(e...) }
        }
        let tt = Tokenizer.tokenize(tb)
        let td = Doc(text: tb, tokens: tt, sentences: [], numbers: [], dates: [], title: nil)
        let n = tt.count
        // Candidates are token ranges of the headline: tokenizing a range's text gives back the
        // range's tokens, so no candidate is tokenized again.
        var candidates: [Range<Int>] = []
        var quoted: Set<String> = []
        var strong: [String] = []
        // 1. quoted titles in the headline
        var i = 0
        while i < n {
            if td.isOpenQuote(i) || td.isChar(i, 0x27) {
                var j = i + 1
                while j < n, !(td.isCloseQuote(j) || td.isChar(j, 0x27)) || j == i + 1 { j += 1 }
                if j < n, j > i + 1 { candidates.append((i + 1)..<j); quoted.insert(td.str((i + 1)..<j)); i = j }
            }
            i += 1
        }
        // 2. the span before "Season N" / a stop word, from the start or after a colon
        let headlineSeason: Int? = season(td, in: 0..<n)
        var start = 0
        for k in 0..<n {
            if td.isAny(k, titleStop) || td.isChar(k, 0x3A) || td.isChar(k, 0x3F) || td.isChar(k, 0x7C) || td.tokens[k].kind == .number && (td.isAny(k - 1, titleStop) == false) && k > start && td.isAny(k + 1, K.any_spoilers_release) {
                if k > start {
                    var e = k
                    while e > start, !td.isWord(e - 1) && td.tokens[e - 1].kind != .number { e -= 1 }
                    if e > start, td.cap(start) {
                        candidates.append(start..<e)
                        if td.isAny(k, K.any_season_part_series) { strong.append(td.str(start..<e)) }
                    }
                }
                start = k + 1
            }
        }
        // 3. capitalised runs of the headline
        var k = 0
        while k < n {
            if let r = td.capitalizedTitle(at: k, limit: n, stopWords: titleStop) { candidates.append(r); k = r.upperBound } else { k += 1 }
        }
        // "MTV's The Osbournes" → also "The Osbournes"
        // and every prefix of a candidate: "Jersey Shore Back For 3rd" → "Jersey Shore"
        for c in candidates {
            let from = c.count > 1 && td.isPossessive(c.lowerBound) ? 1 : 0
            if from == 1 { candidates.append((c.lowerBound + 1)..<c.upperBound) }
            if c.count > 2 {
                for e in stride(from: c.count - 1, to: from, by: -1) where td.isWord(c.lowerBound + e - 1) && !Lex.titleGlue.contains(td.h(c.lowerBound + e - 1)) {
                    candidates.append((c.lowerBound + from)..<(c.lowerBound + e))
                }
            }
        }
        // index the body positions of every word the candidates (and the names they may be) start or end with
        var firstHashes: [UInt64] = []
        for c in candidates { for k in c where tt[k].kind != .punct { firstHashes.append(tt[k].hash) } }
        for (k, r) in d.nameRanges.enumerated() {
            for t in r where d.tokens[t].kind != .punct { firstHashes.append(t == r.upperBound - 1 ? d.nameLastHashes[k] : d.tokens[t].hash) }
        }
        firstHashes.append(K.h_the)
        let index = TokenIndex(d, firsts: firstHashes)
        // lower-cased candidates already scored, by hash
        var seen = Set<UInt64>()
        var best: (String, Int, Double)? = nil
        for c in candidates {
            let whole = td.str(c)
            var cand = trimmedTitle(whole)
            if let f = cand.utf8.first, prefixInitials[Int(f)] {
                // (the first-byte test only saves hasPrefix calls: every prefix is ASCII)
                for glue in leadingGlue where cand.utf8.first == glue.utf8.first && cand.hasPrefix(glue) { cand.removeFirst(glue.count) }
                for prefix in leadingQuestion where cand.utf8.first == prefix.utf8.first && cand.hasPrefix(prefix) { cand.removeFirst(prefix.count) }
            }
            let ascii = cand.utf8.withContiguousStorageIfAvailable { !$0.contains { $0 >= 0x80 } } ?? cand.utf8.allSatisfy { $0 < 0x80 }
            guard ascii ? cand.utf8.count >= 2 : cand.count >= 2 else { continue }
            // `Tokenizer.hash` lower-cases ASCII letters itself
            let lower = ascii ? Tokenizer.hash(cand.utf8) : Tokenizer.hash(cand.lowercased().utf8)
            guard !seen.contains(lower) else { continue }
            // a title needs a content word: not just "Or", "The", "Season"
            let ct = cand.utf8.count == whole.utf8.count ? Array(tt[c]) : Tokenizer.tokenize(cand)
            guard ct.contains(where: { $0.kind == .word && !Lex.titleGlue.contains($0.hash) && !titleStop.contains($0.hash) && !Lex.nonName.contains($0.hash) }) else { continue }
            seen.insert(lower)
            // people are not works: "Fry" when the article names "Stephen Fry"
            if ct.count <= 3, ct.allSatisfy({ $0.kind == .word }) {
                if ct.count == 1, let full = d.fullNames[ct[0].hash], looksLikePerson(full, index) { continue }
                if ct.count == 1, d.nameRanges.indices.contains(where: { d.tokens[d.nameRanges[$0].lowerBound].hash == ct[0].hash && looksLikePerson(d.nameTokens($0), index) }) { continue }
                if looksLikePerson(ct, index) { continue }
            }
            let mentions = index.count(ct)
            guard mentions > 0 else { continue }
            let words = wordCount(cand)
            let score = Double(mentions) * (1 + 0.5 * Double(min(words, 5))) * (quoted.contains(whole) ? 2 : 1)
            if best == nil || score > best!.2 { best = (cand, mentions, score) }
        }
        // a title the headline marks (quotes, "X Season 2") stands even when the body never repeats it
        if best == nil, let s = (quoted.sorted() + strong).first { best = (s.trimmingCharacters(in: String.titlePunctuation), 0, 0) }
        guard var (main, mentions, _) = best else { return (nil, headlineSeason, []) }
        // Expand to the title as the body writes it: "Hitchhiker's" → "The Hitchhiker's Guide To The Galaxy".
        if let full = expansion(d, of: main) {
            let ft = Tokenizer.tokenize(full)
            let fullMentions = index.count(ft)
            if !looksLikePerson(ft, index), fullMentions * 2 >= mentions || main.hasSuffix("'s") || main.hasSuffix("’s") {
                main = full
                mentions = max(1, fullMentions)
            }
        }
        return (main, headlineSeason, [SubjectMention(title: main, mentions: mentions)])
    }

    /// `s` without the ``String/titlePunctuation`` characters at either end; returns `s` itself,
    /// without looking at its characters, when its first and last bytes cannot be such a character.
    static func trimmedTitle(_ s: String) -> String {
        guard let first = s.utf8.first, let last = s.utf8.last else { return s }
        // every title punctuation character is ASCII or starts with the byte E2 (U+2013, U+2018–U+201D)
        if first != 0xE2, first >= 0x80 || !titlePunctuationBytes[Int(first)], last < 0x80, !titlePunctuationBytes[Int(last)] {
            return s
        }
        return s.trimmingCharacters(in: String.titlePunctuation)
    }

    /// The ASCII characters of ``String/titlePunctuation``, by byte.
    static let titlePunctuationBytes: [Bool] = {
        var t = [Bool](repeating: false, count: 128)
        for b in String.titlePunctuation.utf8 where b < 0x80 { t[Int(b)] = true }
        return t
    }()

    /// The most frequent longer capitalised title in the body that contains `title`.
    static func expansion(_ d: Doc, of title: String) -> String? {
        let key = Tokenizer.tokenize(Array(title.utf8)).map(\.hash)
        guard let first = key.first else { return nil }
        // title → (count, first position): ties go to the earliest, so the output never depends
        // on the dictionary's per-process hash seed
        var counts: [String: (count: Int, first: Int)] = [:]
        var starts: [Int] = []
        d.tokens.withUnsafeBufferPointer { toks in
            d.baseHashes.withUnsafeBufferPointer { base in
                for i in 0..<toks.count where toks[i].hash == first || base[i] == first { starts.append(i) }
            }
        }
        for i in starts {
            var ok = true
            for (k, h) in key.enumerated() where k > 0 && d.h(i + k) != h { ok = false; break }
            guard ok else { continue }
            var s = i
            if d.is(i - 1, K.h_the), d.cap(i - 1) { s = i - 1 }
            // A title is a few words longer than the key at most; the bound keeps a document of
            // capitalised words from walking its whole length at every mention.
            let limit = min(d.tokens.count, s + key.count + 16)
            guard let r = d.capitalizedTitle(at: s, limit: limit, stopWords: titleStop), r.upperBound > i + key.count - 1 else { continue }
            let e = r.upperBound
            if e - s > key.count { counts[d.str(s..<e), default: (0, s)].count += 1 }
        }
        return counts.max(by: { $0.value.count < $1.value.count || ($0.value.count == $1.value.count && $0.value.first > $1.value.first) })?.key
    }

    /// A person is mostly called by the surname alone ("Munn said …"); a work by its full title.
    static func looksLikePerson(_ cand: String, _ index: TokenIndex) -> Bool {
        looksLikePerson(Tokenizer.tokenize(cand), index)
    }

    /// ``looksLikePerson(_:_:)-(String,_)`` with the candidate's tokens.
    static func looksLikePerson(_ ct: [Token], _ index: TokenIndex) -> Bool {
        guard ct.count >= 2, ct.count <= 3, (0..<ct.count).allSatisfy({ cdIsName(ct, $0) }) else { return false }
        let full = index.count(ct, cased: true)
        let last = index.count(ct[(ct.count - 1)...], cased: true)
        return last - full > max(1, full)
    }

    static func cdIsName(_ ts: [Token], _ i: Int) -> Bool {
        ts[i].kind == .word && ts[i].isCapitalized && !Lex.nonName.contains(ts[i].hash) && !Lex.titleGlue.contains(ts[i].hash)
    }

}

extension String {
    static let titlePunctuation = " :-–,.!?'\"‘’“”"
    static let titlePunctuationSet = Set(titlePunctuation)

    func trimmingCharacters(in chars: String) -> String {
        let set = chars == Self.titlePunctuation ? Self.titlePunctuationSet : Set(chars)
        var s = Substring(self)
        while let f = s.first, set.contains(f) { s.removeFirst() }
        while let l = s.last, set.contains(l) { s.removeLast() }
        return String(s)
    }
}

/// Where each token hash occurs in a document, for counting title mentions in one pass.
struct TokenIndex {
    let d: Doc
    private let keys: WordIndex
    /// The positions of key `k` are `positions[offsets[k]..<offsets[k + 1]]`, in text order.
    private let positions: [Int32]
    private let offsets: [Int]

    /// Indexes the positions of the tokens whose hash is one of `firsts` (the first words of the candidates).
    init(_ d: Doc, firsts: [UInt64]) {
        self.d = d
        let keys = WordIndex(firsts)
        // one pass collects (key, position) hits; a counting sort by key groups them, in text order
        var hits: [(key: Int32, at: Int32)] = []
        var counts = [Int](repeating: 0, count: keys.count + 1)
        d.tokens.withUnsafeBufferPointer { toks in
            d.baseHashes.withUnsafeBufferPointer { base in
                keys.withLookup { id in
                    for i in 0..<toks.count where toks[i].kind != .punct {
                        let k = id(toks[i].hash)
                        if k >= 0 { hits.append((Int32(k), Int32(i))); counts[k + 1] += 1 }
                        if toks[i].isPossessive, toks[i].isCapitalized {
                            let b = id(base[i])
                            if b >= 0 { hits.append((Int32(b), Int32(i))); counts[b + 1] += 1 }
                        }
                    }
                }
            }
        }
        for k in 0..<keys.count { counts[k + 1] += counts[k] }
        var next = counts
        var pos = [Int32](repeating: 0, count: hits.count)
        for h in hits {
            pos[next[Int(h.key)]] = h.at
            next[Int(h.key)] += 1
        }
        self.keys = keys
        positions = pos
        offsets = counts
    }

    /// Occurrences of `title` as a token sequence (ASCII case-insensitive; with `cased`, capitalised
    /// words must be capitalised in the text too). A possessive last word counts ("Munn’s").
    func count(_ title: String, cased: Bool = false) -> Int {
        count(Tokenizer.tokenize(title)[...], cased: cased)
    }

    /// ``count(_:cased:)`` for a title already tokenized.
    func count(_ ct: [Token], cased: Bool = false) -> Int { count(ct[...], cased: cased) }

    /// ``count(_:cased:)`` for a title already tokenized.
    func count(_ ct: ArraySlice<Token>, cased: Bool = false) -> Int {
        guard let first = ct.first else { return 0 }
        let id = keys.id(first.hash)
        guard id >= 0 else { return 0 }
        let starts = positions[offsets[id]..<offsets[id + 1]]
        var n = 0
        var lastEnd = -1
        for p32 in starts {
            let p = Int(p32)
            guard p >= lastEnd, p + ct.count <= d.tokens.count else { continue }
            var ok = true
            for (k, t) in ct.enumerated() {
                let dt = d.tokens[p + k]
                let same = dt.hash == t.hash || (k == ct.count - 1 && d.isPossessive(p + k) && CompanyRules.baseHash(d, p + k) == t.hash)
                if !same || (cased && t.isCapitalized && !dt.isCapitalized) { ok = false; break }
            }
            if ok { n += 1; lastEnd = p + ct.count }
        }
        return n
    }
}
