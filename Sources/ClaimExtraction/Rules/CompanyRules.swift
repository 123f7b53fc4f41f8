import ArticleCleaning

/// Company rules: networks, streamers, stores and studios in a distribution or production context.
enum CompanyRules {
    struct Entry { let hashes: [UInt64]; let name: String; let role: CompanyRole }
    struct Match { let name: String; let role: CompanyRole; let range: Range<Int>; let known: Bool }

    static let table: [UInt64: [Entry]] = {
        var t: [UInt64: [Entry]] = [:]
        func add(_ names: [String], _ role: CompanyRole) {
            for n in names {
                let toks = Tokenizer.tokenize(Array(n.utf8)).map(\.hash)
                guard let f = toks.first else { continue }
                if t[f]?.contains(where: { $0.hashes == toks }) == true { continue }
                t[f, default: []].append(Entry(hashes: toks, name: n, role: role))
            }
        }
        add(Lex.streamers, .streamer)
        add(Lex.broadcasters, .broadcaster)
        add(Lex.stores, .distributor)
        for k in t.keys { t[k]!.sort { $0.hashes.count > $1.hashes.count } }
        return t
    }()

    static let tableKeys = WordSet(table.keys)

    /// ``table`` without `Dictionary` hashing: the id of a first-word hash (``WordIndex``) indexes
    /// its entries (longest first, as in ``table``).
    static let entryIndex = WordIndex(Array(table.keys))
    static let entries: [[Entry]] = {
        var e = [[Entry]](repeating: [], count: entryIndex.count)
        for (k, v) in table { e[entryIndex.id(k)] = v }
        return e
    }()

    /// Per word hash: ``keyFlag`` (a first word of ``table``), ``suffixFlag`` (in ``Lex/companySuffix``),
    /// ``studioFlag`` ("studio", "studios"); one look-up tells which paths of ``companyAt`` can match.
    static let keyFlag: UInt8 = 1, suffixFlag: UInt8 = 2, studioFlag: UInt8 = 4
    static let wordFlags = WordFlags(table.keys.map { ($0, keyFlag) } + Lex.companySuffix.keys.map { ($0, suffixFlag) }
        + K.any_studio_studios.keys.map { ($0, studioFlag) })

    /// Hash of token `i` without a possessive suffix.
    @inline(__always) static func baseHash(_ d: Doc, _ i: Int) -> UInt64 {
        i >= 0 && i < d.baseHashes.count ? d.baseHashes[i] : 0
    }

    /// A known company (lexicon) or a capitalised name ending in a company word starting at `i`.
    static func companyAt(_ d: Doc, _ i: Int, limit: Int) -> Match? {
        guard i >= 0, i < limit else { return nil }
        let bh = baseHash(d, i)
        var id = entryIndex.id(bh)
        if id < 0, d.isPossessive(i) { id = entryIndex.id(d.h(i)) }
        if id >= 0 {
            for e in entries[id] where i + e.hashes.count <= limit {
                var ok = true
                for (k, hh) in e.hashes.enumerated() {
                    let actual = k == e.hashes.count - 1 ? baseHash(d, i + k) : d.h(i + k)
                    if actual != hh && d.h(i + k) != hh { ok = false; break }
                }
                // "Apple TV" must not match inside "Apple TV+" wrongly: longest first already.
                if ok {
                    // a known name followed by more capitalised words is something else ("Netflix Originals" is fine, "Fox Searchlight" is a studio)
                    return Match(name: e.name, role: e.role, range: i..<(i + e.hashes.count), known: true)
                }
            }
        }
        // Capitalised run ending in a company word: "Imagine Entertainment", "ADV Films", "Central Park Media".
        guard d.cap(i) || d.tokens[i].kind == .number else { return nil }
        var j = i
        while j < limit, j < i + 5, (d.isWord(j) && d.cap(j)) || d.tokens[j].kind == .number || (j > i && d.isChar(j, 0x26)) {
            // "Studio Ghibli", "Studio X": a company word first
            if j == i, j + 1 < limit, d.isAny(j, K.any_studio_studios), d.cap(j + 1), d.isWord(j + 1) {
                var e = j + 1
                while e + 1 < limit, e < j + 3, d.cap(e + 1), d.isWord(e + 1), !d.isPossessive(e) { e += 1 }
                return Match(name: d.nameString(i..<(e + 1)), role: .producer, range: i..<(e + 1), known: false)
            }
            if j > i, Lex.companySuffix.contains(baseHash(d, j)) {
                var end = j + 1
                if d.isChar(end, 0x2E), K.any_co_inc_ltd_etc.contains(d.h(j)) { end += 1 }
                // "Warner Bros. Television", "Sony Pictures Television": more company words follow
                var extended = false
                while end < limit, d.cap(end), Lex.companySuffix.contains(d.h(end)) { end += 1; extended = true }
                if extended { return Match(name: d.str(i..<end), role: .producer, range: i..<end, known: false) }
                let role: CompanyRole = K.any_network_networks_channel_etc.contains(d.h(j)) ? .broadcaster : .producer
                return Match(name: d.nameString(i..<(j + 1)) + (end > j + 1 ? "." : ""), role: role, range: i..<end, known: false)
            }
            if d.isPossessive(j) { break }
            j += 1
        }
        return nil
    }

    static let onVerbs = Lex.set([
        "air", "airs", "aired", "airing", "premiere", "premieres", "premiered", "premiering", "stream", "streams", "streamed",
        "streaming", "available", "broadcast", "broadcasts", "aired", "debut", "debuts", "debuted", "launch", "launched",
        "launches", "watch", "released", "release", "rent", "buy", "landed", "arrive", "arrives", "arrived", "drop", "drops",
        "dropped", "shown", "showing", "runs", "ran", "run", "moved", "move", "moves", "exclusively", "exclusive", "returns",
        "return", "returned", "play", "plays", "played", "show", "shows", "screened", "screens", "televised",
    ])
    static let subjectVerbs = Lex.set([
        "renewed", "renews", "ordered", "orders", "picked", "cancelled", "canceled", "axed", "greenlit", "greenlighted",
        "acquired", "acquires", "bought", "licensed", "distributed", "produced", "commissioned", "decided", "took", "made",
        "premiered", "debuted", "launched", "released", "aired", "airs", "streams", "will", "has", "have", "confirmed", "announced",
    ])
    static let genreNouns = Lex.set([
        "series", "show", "shows", "sitcom", "drama", "dramas", "comedy", "miniseries", "mini-series", "special", "original",
        "originals", "version", "adaptation", "documentary", "docuseries", "reality", "talent", "cartoon", "anime", "telenovela",
        "procedural", "thriller", "soap", "television", "station", "season", "seasons", "film", "movie", "premiere", "debut",
    ])
    static let distributorVerbs = Lex.set(["licensed", "distributed", "distribution", "picked", "acquired", "released"])

    static func companies(_ d: Doc, _ s: Sentence) -> [Draft] {
        var out: [Draft] = []
        let a = s.tokens.lowerBound, z = s.tokens.upperBound
        var i = a
        var nextSuffix = a
        while i < z {
            i = nextCandidate(d, from: i, limit: z, nextSuffix: &nextSuffix)
            guard i < z, let m = companyAt(d, i, limit: z) else { i += 1; continue }
            defer { i = m.range.upperBound }
            let before = max(a, i - 11)..<i
            let prev = i - 1
            var role: CompanyRole? = nil
            var rule = ""
            // "... premiered on X", "streaming on X", "available on X, Y and Z"
            if d.isAny(prev, K.any_on_via_to_etc) || isInList(d, i, a) {
                if before.contains(where: { d.isAny($0, onVerbs) }) {
                    role = m.known ? m.role : .broadcaster
                    rule = "company.on-X"
                    if d.isAny(prev, K.any_by) || before.contains(where: { d.isAny($0, distributorVerbs) }) {
                        if !m.known || m.role != .broadcaster { role = .distributor; rule = "company.licensed-by-X" }
                    }
                }
            }
            if role == nil, d.is(prev, K.h_from), before.contains(where: { d.isAny($0, K.any_distribution_licensed_available) }) {
                role = .distributor; rule = "company.distribution-from-X"
            }
            // "Netflix decided to put the show on their platform", "ADV Films picked up the series", "HBO has renewed"
            let after = m.range.upperBound
            if role == nil, m.known || d.isAny(after, distributorVerbs) || d.isAny(after + 1, distributorVerbs), d.isAny(after, subjectVerbs) || (d.isAny(after, K.any_also_then_quickly_etc) && d.isAny(after + 1, subjectVerbs)) {
                let window = after..<min(z, after + 12)
                if window.contains(where: { d.isAny($0, K.any_platform_service_renewed_etc) }) {
                    role = m.known ? m.role : (window.contains(where: { d.isAny($0, distributorVerbs) }) || d.isAny(after, K.any_picked) ? .distributor : .producer)
                    rule = "company.X-verb-the-show"
                }
            }
            // "a new NBC sitcom", "AMC's series", "on the WOWOW television station"
            if role == nil, m.known, m.role != .distributor, d.isAny(after, genreNouns) || (d.isAny(after, K.any_comedy_drama) ) {
                role = m.role
                rule = "company.X-genre"
            }
            if let role {
                let q = (rule == "company.on-X" ? max(a, firstVerb(d, before) ?? i) : i)..<m.range.upperBound
                out.append(Draft(value: .company(name: m.name, role: role), subject: nil, quote: q, rule: rule, confidence: m.known ? 0.85 : 0.7))
            }
        }
        return out
    }

    /// The first token of `from..<z` where ``companyAt(_:_:limit:)`` can match, or `z` (`z` at
    /// most the token count): a known first word, or a capitalised word or number that is
    /// "Studio(s)" or has a company word within the next four tokens. `nextSuffix` remembers the
    /// first token after the last one looked at whose word (without "'s") ends a company name:
    /// start it at the sentence start and ask with increasing `from`.
    static func nextCandidate(_ d: Doc, from: Int, limit z: Int, nextSuffix: inout Int) -> Int {
        guard from >= 0, z <= d.tokens.count, z <= d.baseHashes.count else { return max(from, z) }
        var next = nextSuffix
        defer { nextSuffix = next }
        return d.tokens.withUnsafeBufferPointer { toks in
            d.baseHashes.withUnsafeBufferPointer { base in
                wordFlags.withLookup { flags in
                    var i = from
                    while i < z {
                        let t = toks[i]
                        let fb = flags(base[i]), fh = t.isPossessive ? flags(t.hash) : fb
                        if (fb | fh) & keyFlag != 0 { return i }
                        if t.isCapitalized || t.kind == .number {
                            if fh & studioFlag != 0 { return i }
                            if next <= i {
                                next = i + 1
                                while next < z, flags(base[next]) & suffixFlag == 0 { next += 1 }
                            }
                            if next < z && next <= i + 4 { return i }
                        }
                        i += 1
                    }
                    return z
                }
            }
        }
    }

    static func firstVerb(_ d: Doc, _ r: Range<Int>) -> Int? { r.first(where: { d.isAny($0, onVerbs) }) }

    /// Whether `i` continues a list of companies after "on A, B and" (so B and C inherit the context).
    static func isInList(_ d: Doc, _ i: Int, _ a: Int) -> Bool {
        var k = i - 1
        guard d.isComma(k) || d.is(k, K.h_and) else { return false }
        if d.is(k, K.h_and), d.isComma(k - 1) { k -= 1 }
        var steps = 0
        while k > a, steps < 12 {
            k -= 1; steps += 1
            if d.isAny(k, K.any_on_via) { return true }
            if d.isChar(k, 0x2E), d.tokens.indices.contains(k + 1), d.tokens[k + 1].spaceBefore { return false }
        }
        return false
    }
}
