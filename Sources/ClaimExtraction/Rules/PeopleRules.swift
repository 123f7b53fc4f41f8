import ArticleCleaning

/// Cast and crew rules.
enum PeopleRules {
    static let asW = Lex.h("as"), byW = Lex.h("by"), andW = Lex.h("and"), whoW = Lex.h("who"), theW = Lex.h("the")
    static let ofW = Lex.h("of"), inW = Lex.h("in"), roleW = Lex.h("role"), voiceW = Lex.h("voice"), respectivelyW = Lex.h("respectively")
    static let playVerbs = Lex.set(["plays", "played", "play", "playing", "portrays", "portrayed", "portray", "portraying", "voices", "essays", "essayed"])
    static let byVerbsCast = Lex.set(["played", "portrayed", "voiced", "essayed"])
    static let starVerbs = Lex.set(["stars", "starred", "star", "co-stars", "co-starred", "costars", "appears", "appeared", "returns", "returned", "starring", "co-starring"])
    static let listIntro = Lex.set(["starring", "co-starring", "stars", "alongside", "actors", "actresses", "co-stars", "costars", "featuring"])
    static let asBlock = Lex.set(["such", "known", "well", "same", "serve", "serves", "served", "serving", "act", "acts", "acted", "acting", "work", "worked", "works", "working", "credited", "billed", "described", "named", "listed", "ranked", "regarded", "seen", "dubbed", "joined", "joins", "join"])
    static let roleNouns = Lex.set(["lead", "leads", "protagonist", "protagonists", "hero", "heroine", "villain", "main", "himself", "herself", "themselves"])
    static let skipAfterBy = Lex.set(["actor", "actress", "the", "late", "veteran", "newcomer", "star", "singer", "comedian", "rapper", "director", "writer", "producer", "author", "filmmaker", "screenwriter", "novelist", "co-creator", "creator", "executive"])
    static let whoAux = Lex.set(["will", "also", "now", "still", "later", "would", "to", "is", "was", "has", "had", "originally", "reportedly", "then", "once"])
    static let respectively = Lex.h("respectively")

    // MARK: name lists

    /// Parses "A, B and C" (names) starting at `i`. Stops at anything else.
    static func nameList(_ d: Doc, at i: Int, limit: Int, allowSingle: Bool) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var k = i
        while k < limit {
            var skipped = 0
            while k < limit, d.is(k, theW) || d.isAny(k, skipAfterBy) || (out.isEmpty && skipped < 4 && d.isWord(k) && !d.cap(k) && !d.is(k, andW) && !d.isAny(k, K.any_in_on_at_etc)) { k += 1; skipped += 1 }
            guard var r = d.personName(at: k, limit: limit) else { break }
            // "Silicon Valley's Kumail Nanjiani", "Key & Peele's Jordan Peele": skip the possessive owner
            if d.isPossessive(r.upperBound - 1), let r2 = d.personName(at: r.upperBound, limit: limit) { r = r2 }
            else if d.isChar(r.upperBound, 0x26), let r1 = d.personName(at: r.upperBound + 1, limit: limit), d.isPossessive(r1.upperBound - 1),
                    let r2 = d.personName(at: r1.upperBound, limit: limit) { r = r2 }
            if !allowSingle && r.count < 2 && d.fullNames[d.h(r.lowerBound)] == nil { break }
            out.append(r)
            k = r.upperBound
            // "in Japanese and B in English"
            if d.is(k, inW), d.cap(k + 1), !d.isNameToken(k + 2) { k += 2 }
            if d.isComma(k), d.is(k + 1, andW) { k += 2; continue }
            if d.isComma(k) || d.is(k, andW) { k += 1; continue }
            break
        }
        return out
    }

    static func actorName(_ d: Doc, _ r: Range<Int>) -> String? {
        let n = d.resolvePerson(r)
        // unresolved one-word actors are too often characters or nicknames
        if r.count == 1 && !ClaimsScorerNorm.hasSpace(n) { return nil }
        return n
    }

    static func castDraft(_ d: Doc, actor r: Range<Int>, character: String?, quote: Range<Int>, rule: String, conf: Double) -> Draft? {
        guard let actor = actorName(d, r) else { return nil }
        if let c = character, ClaimsScorerNorm.sameName(c, actor) { return nil }
        if CompanyRules.companyAt(d, r.lowerBound, limit: r.upperBound) != nil { return nil }
        return Draft(value: .cast(actor: actor, character: character), subject: nil, quote: quote, rule: rule, confidence: conf)
    }

    /// A character name right after `i` (skipping descriptive lower-case words), or nil.
    static func characterAfter(_ d: Doc, _ i: Int, limit: Int, maxSkip: Int = 4) -> Range<Int>? {
        var k = i
        var skipped = 0
        while k < limit, skipped <= maxSkip {
            if let r = d.personName(at: k, limit: limit) { return r }
            if d.isWord(k), !d.cap(k) { k += 1; skipped += 1; continue }
            if d.isComma(k), skipped > 0 { k += 1; continue }
            break
        }
        return nil
    }

    /// The words that start a cast pattern (``Triggers/cast0``) and a crew pattern (``Triggers/crew0``).
    static let castStarts = TriggerTable(Triggers.cast0.keys.map { ($0, 1) }, spread: 8)
    static let crewStarts = TriggerTable(Triggers.crew0.keys.map { ($0, 1) }, spread: 8)

    /// The first token of `from..<z` whose word is in `starts`, or `z`.
    static func nextStart(_ d: Doc, from: Int, to z: Int, _ starts: TriggerTable) -> Int {
        d.tokens.withUnsafeBufferPointer { toks in
            starts.withLookup { flags in
                var i = max(from, 0)
                let end = min(z, toks.count)
                while i < end, flags(toks[i].hash) == 0 { i += 1 }
                return i < end ? i : max(z, from)
            }
        }
    }

    // MARK: cast

    static func cast(_ d: Doc, _ s: Sentence) -> [Draft] {
        var out: [Draft] = []
        let a = s.tokens.lowerBound, z = s.tokens.upperBound
        var i = a
        // every pattern below starts at one of the cast trigger words: skip other tokens at once
        let starts = castStarts
        while i < z {
            i = nextStart(d, from: i, to: z, starts)
            guard i < z else { break }
            defer { i += 1 }
            let w = d.h(i)
            // X as Y / X stars as Y / X, who co-stars as Y
            if w == asW {
                if d.isAny(i - 1, asBlock) { continue }
                var k = i
                var viaStar = false
                if d.isAny(k - 1, starVerbs) { k -= 1; viaStar = true }
                while d.isAny(k - 1, whoAux) { k -= 1 }
                if d.is(k - 1, whoW), d.isComma(k - 2) { k -= 2 }
                guard let x = d.personName(endingAt: k, from: a) else { continue }
                if d.isAny(x.lowerBound - 1, K.any_such_known) { continue }
                // Y
                if let y = d.personName(at: i + 1, limit: z) {
                    if let dr = castDraft(d, actor: x, character: d.nameString(y), quote: x.lowerBound..<y.upperBound, rule: "cast.X-as-Y", conf: 0.9) { out.append(dr) }
                    continue
                }
                // "as his wife, Anna"
                var k2 = i + 1, n = 0
                while k2 < z, n < 5, d.isWord(k2), !d.cap(k2) { k2 += 1; n += 1 }
                if n > 0, d.isComma(k2), let y = d.personName(at: k2 + 1, limit: z), y.count <= 2 {
                    if let dr = castDraft(d, actor: x, character: d.nameString(y), quote: x.lowerBound..<y.upperBound, rule: "cast.X-as-description-Y", conf: 0.8) { out.append(dr) }
                    continue
                }
                // "X stars as a version of himself", "A, B and C as the leads"
                if n > 0 && (viaStar || d.isAny(i + n, roleNouns) || d.isAny(i + 2, roleNouns)) {
                    var names = [x]
                    // extend backwards over a list "A, B, C and X"
                    var p = x.lowerBound
                    while d.is(p - 1, andW) || d.isComma(p - 1) {
                        var q = p - 1
                        if d.is(q, andW), d.isComma(q - 1) { q -= 1 }
                        guard let prev = d.personName(endingAt: q, from: a) else { break }
                        names.append(prev); p = prev.lowerBound
                    }
                    for r in names {
                        if let dr = castDraft(d, actor: r, character: nil, quote: r.lowerBound..<min(z, i + n + 1), rule: "cast.X-as-role", conf: 0.7) { out.append(dr) }
                    }
                }
                continue
            }
            // X plays Y / X will play the role of Y / X, who plays Y
            if d.isAny(i, playVerbs), !d.is(i + 1, byW) {
                var k = i
                while d.isAny(k - 1, whoAux) { k -= 1 }
                if d.is(k - 1, whoW), d.isComma(k - 2) { k -= 2 }
                if d.isComma(k - 1) {
                    var q = k - 2
                    while q > a, q > k - 16, !(d.is(q, whoW) && d.isComma(q - 1)) { q -= 1 }
                    if d.is(q, whoW), d.isComma(q - 1) { k = q - 1 }
                }
                guard let x = d.personName(endingAt: k, from: a) else { continue }
                var j = i + 1
                if d.is(j, theW) { j += 1 }
                var roleOf = false
                while j < z, j < i + 5, d.isWord(j), !d.cap(j), !d.is(j, roleW) { j += 1 }
                if d.is(j, roleW), d.is(j + 1, ofW) { j += 2; roleOf = true } else { j = i + 1 }
                if let y = characterAfter(d, j, limit: z, maxSkip: roleOf ? 3 : 3) {
                    if let dr = castDraft(d, actor: x, character: d.nameString(y), quote: x.lowerBound..<y.upperBound, rule: "cast.X-plays-Y", conf: 0.85) { out.append(dr) }
                } else if d.is(i + 1, K.h_a) || d.is(i + 1, K.h_an) {
                    if let dr = castDraft(d, actor: x, character: nil, quote: x.lowerBound..<min(z, i + 3), rule: "cast.X-plays-a-role", conf: 0.6) { out.append(dr) }
                }
                continue
            }
            // Y is played by X / Y, played by X / Played by X, Y / A and B are voiced by X and Y, respectively
            if d.isAny(i, byVerbsCast), d.is(i + 1, byW) {
                let actors = nameList(d, at: i + 2, limit: z, allowSingle: false)
                guard !actors.isEmpty else { continue }
                let respectively = (actors.last!.upperBound..<min(z, actors.last!.upperBound + 3)).contains { d.is($0, respectivelyW) }
                var chars: [Range<Int>] = []
                var k = i
                while d.isAny(k - 1, K.any_is_was_are_etc) { k -= 1 }
                if d.isComma(k - 1) || d.isOpenParen(k - 1) { k -= 1 }
                if k == a || d.isOpenParen(k) {
                    // "Played by X, Y ..." — character after the actor list
                    if k == a, let last = actors.last, d.isComma(last.upperBound), let y = d.personName(at: last.upperBound + 1, limit: z) {
                        for r in actors {
                            if let dr = castDraft(d, actor: r, character: d.nameString(y), quote: i..<y.upperBound, rule: "cast.played-by-X-Y", conf: 0.8) { out.append(dr) }
                        }
                    } else if d.isOpenParen(k) {
                        for r in actors {
                            if let dr = castDraft(d, actor: r, character: nil, quote: i..<actors.last!.upperBound, rule: "cast.(played-by-X)", conf: 0.6) { out.append(dr) }
                        }
                    }
                    continue
                }
                // characters before: "Y", "A and B", "A, B and C"
                var p = k
                while let y = d.personName(endingAt: p, from: a) {
                    chars.insert(y, at: 0)
                    p = y.lowerBound
                    if d.is(p - 1, andW) { p -= 1; if d.isComma(p - 1) { p -= 1 } } else if d.isComma(p - 1) { p -= 1 } else { break }
                }
                if chars.isEmpty {
                    // "her parents (played by A and B)" handled above; "the role is played by X"
                    continue
                }
                if respectively && chars.count == actors.count {
                    for (c, r) in zip(chars, actors) {
                        if let dr = castDraft(d, actor: r, character: d.nameString(c), quote: chars.first!.lowerBound..<actors.last!.upperBound, rule: "cast.Y-played-by-X-respectively", conf: 0.8) { out.append(dr) }
                    }
                } else if chars.count == 1 || !respectively {
                    let c = chars.last!
                    for r in actors {
                        if let dr = castDraft(d, actor: r, character: d.nameString(c), quote: c.lowerBound..<actors.last!.upperBound, rule: d.is(i, K.h_voiced) ? "cast.Y-voiced-by-X" : "cast.Y-played-by-X", conf: 0.85) { out.append(dr) }
                    }
                }
                continue
            }
            // Y (X): character followed by the actor in brackets
            if d.isOpenParen(i), !((i + 1)..<min(z, i + 4)).contains(where: { d.isAny($0, K.any_credited_as_aka_etc) }) {
                var k = i + 1, n = 0
                while k < z, n < 5, (d.isWord(k) && !d.cap(k)) || (d.isComma(k) && n > 0) { k += 1; n += 1 }
                guard let x = d.personName(at: k, limit: z), x.count >= 2 || d.fullNames[d.h(x.lowerBound)] != nil else { continue }
                guard d.isCloseParen(x.upperBound) || d.isComma(x.upperBound) else { continue }
                let y = d.personName(endingAt: i, from: a)
                if let y, !(d.isWord(y.lowerBound - 1) && d.cap(y.lowerBound - 1) && !d.isNameToken(y.lowerBound - 1) && false) {
                    if let dr = castDraft(d, actor: x, character: d.nameString(y), quote: y.lowerBound..<(x.upperBound + 1), rule: "cast.Y-(X)", conf: 0.8) { out.append(dr) }
                } else if y == nil, d.isWord(i - 1), !d.cap(i - 1) {
                    if let dr = castDraft(d, actor: x, character: nil, quote: (i - 1)..<(x.upperBound + 1), rule: "cast.role-(X)", conf: 0.5) { out.append(dr) }
                }
                continue
            }
            // starring A, B and C / stars A and B / alongside A and B / actors A and B
            if d.isAny(i, listIntro), !d.is(i, K.h_alongside) || d.isAny(i - 1, starVerbs) || d.isAny(i - 2, starVerbs) {
                let names = nameList(d, at: i + 1, limit: z, allowSingle: false)
                // "X stars as" is handled by the as-rule
                if names.count == 1, d.is(names[0].upperBound, asW) { continue }
                for r in names {
                    if let dr = castDraft(d, actor: r, character: nil, quote: i..<names.last!.upperBound, rule: "cast.starring-X", conf: 0.75) { out.append(dr) }
                }
                continue
            }
            // A, B and C are co-starring / have signed up
            if d.isAny(i, K.any_costarring_costar), d.isAny(i - 1, K.any_are_will) {
                var p = i - 1
                var names: [Range<Int>] = []
                while let y = d.personName(endingAt: p, from: a) {
                    names.append(y); p = y.lowerBound
                    if d.is(p - 1, andW) { p -= 1; if d.isComma(p - 1) { p -= 1 } } else if d.isComma(p - 1) { p -= 1 } else { break }
                }
                for r in names {
                    if let dr = castDraft(d, actor: r, character: nil, quote: r.lowerBound..<(i + 1), rule: "cast.X-co-starring", conf: 0.7) { out.append(dr) }
                }
                continue
            }
            // X will provide the voice of Y
            if w == voiceW, d.is(i + 1, ofW), d.is(i - 1, theW) {
                var k = i - 1
                while k > a, k > i - 6, d.isWord(k - 1), !d.cap(k - 1) { k -= 1 }
                guard let x = d.personName(endingAt: k, from: a),
                      let y = d.capitalizedTitle(at: i + 2, limit: z) else { continue }
                if let dr = castDraft(d, actor: x, character: d.str(y), quote: x.lowerBound..<y.upperBound, rule: "cast.X-voice-of-Y", conf: 0.8) { out.append(dr) }
            }
        }
        return out
    }

    // MARK: crew

    static let roleVerbs: [UInt64: [CrewRole]] = [
        K.h_directed: [.director], K.h_co_directed: [.director], K.h_written: [.writer], K.h_co_written: [.writer],
        K.h_penned: [.writer], K.h_scripted: [.writer], K.h_produced: [.producer], K.h_co_produced: [.producer],
        K.h_created: [.creator], K.h_co_created: [.creator], K.h_conceived: [.creator], K.h_developed: [.creator],
        K.h_composed: [.composer], K.h_scored: [.composer], K.h_helmed: [.director],
    ]
    static let roleNounMap: [UInt64: [CrewRole]] = [
        K.h_director: [.director], K.h_filmmaker: [.director], K.h_co_director: [.director],
        K.h_writer_director: [.writer, .director], K.h_director_writer: [.director, .writer],
        K.h_writer: [.writer], K.h_screenwriter: [.writer], K.h_co_writer: [.writer], K.h_scribe: [.writer],
        K.h_playwright: [.writer], K.h_producer: [.producer], K.h_co_producer: [.producer],
        K.h_creator: [.creator], K.h_co_creator: [.creator], K.h_composer: [.composer],
        K.h_author: [.author], K.h_novelist: [.author],
    ]
    static let roleVerbKeys = WordSet(roleVerbs.keys)
    static let roleNounKeys = WordSet(roleNounMap.keys)

    static func crewDraft(_ d: Doc, person r: Range<Int>, role: CrewRole, quote: Range<Int>, rule: String, conf: Double, allowSingle: Bool) -> Draft? {
        let name = d.resolvePerson(r)
        if !allowSingle && !ClaimsScorerNorm.hasSpace(name) { return nil }
        if CompanyRules.companyAt(d, r.lowerBound, limit: r.upperBound) != nil { return nil }
        return Draft(value: .crew(person: name, role: role), subject: nil, quote: quote, rule: rule, confidence: conf)
    }

    static func crew(_ d: Doc, _ s: Sentence) -> [Draft] {
        var out: [Draft] = []
        let a = s.tokens.lowerBound, z = s.tokens.upperBound
        var i = a
        // every pattern below starts at one of the crew trigger words: skip other tokens at once
        let starts = crewStarts
        while i < z {
            i = nextStart(d, from: i, to: z, starts)
            guard i < z else { break }
            defer { i += 1 }
            // directed by X / written and directed by X
            if roleVerbKeys.contains(d.h(i)), let roles = roleVerbs[d.h(i)] {
                var allRoles = roles
                var k = i + 1
                if d.is(k, andW), let more = roleVerbs[d.h(k + 1)] { allRoles += more; k += 2 }
                guard d.is(k, byW) else { continue }
                // "by former 30 Rock writer Jon Pollack": skip to a role noun within a few tokens
                var start = k + 1
                var scan = start
                while scan < min(z, start + 7) {
                    if roleNounMap[d.h(scan)] != nil, d.personName(at: scan + 1, limit: z) != nil { start = scan + 1; break }
                    if d.isComma(scan) || d.isChar(scan, 0x2E) { break }
                    scan += 1
                }
                let names = nameList(d, at: start, limit: z, allowSingle: true)
                if names.isEmpty {
                    if roles.contains(.producer), let c = CompanyRules.companyAt(d, k + 1, limit: z) {
                        out.append(Draft(value: .company(name: c.name, role: .producer), subject: nil, quote: i..<c.range.upperBound,
                                         rule: "company.produced-by-X", confidence: 0.85))
                    }
                    continue
                }
                for r in names {
                    if roles.contains(.producer), let c = CompanyRules.companyAt(d, r.lowerBound, limit: z) {
                        out.append(Draft(value: .company(name: c.name, role: .producer), subject: nil, quote: i..<c.range.upperBound,
                                         rule: "company.produced-by-X", confidence: 0.85))
                        continue
                    }
                    for role in allRoles {
                        if let dr = crewDraft(d, person: r, role: role, quote: i..<names.last!.upperBound, rule: "crew.\(d.str(i).lowercased())-by-X", conf: 0.9, allowSingle: true) { out.append(dr) }
                    }
                }
                continue
            }
            // director X, writer-director X, executive producer X
            if d.is(i, K.h_partner), d.is(i - 1, K.h_writing), let x = d.personName(at: i + 1, limit: z) {
                if let dr = crewDraft(d, person: x, role: .writer, quote: (i - 1)..<x.upperBound, rule: "crew.writing-partner-X", conf: 0.8, allowSingle: false) { out.append(dr) }
                // "A and his writing partner B": A writes too
                var p = i - 2
                if d.isAny(p, K.any_his_her_their) { p -= 1 }
                if d.is(p, andW), let y = d.personName(endingAt: p, from: a) {
                    if let dr = crewDraft(d, person: y, role: .writer, quote: y.lowerBound..<x.upperBound, rule: "crew.X-and-writing-partner-Y", conf: 0.75, allowSingle: true) { out.append(dr) }
                }
                continue
            }
            if roleNounKeys.contains(d.h(i)), let roles = roleNounMap[d.h(i)] {
                if (max(a, i - 6)..<i).contains(where: { roleVerbs[d.h($0)] != nil && d.is($0 + 1, byW) }) { continue }
                if d.is(i + 1, andW), roleNounMap[d.h(i + 2)] != nil { continue }
                if d.is(i + 1, ofW) || d.isAny(i - 1, K.any_his_her_their_etc) { continue }
                if let x = d.personName(at: i + 1, limit: z) {
                    // "director Chas Burns", not "director George Romero's film" (still a credit)
                    for role in roles {
                        if let dr = crewDraft(d, person: x, role: role, quote: i..<x.upperBound, rule: "crew.role-X", conf: 0.8, allowSingle: true) { out.append(dr) }
                    }
                    continue
                }
                // X, the legendary SNL producer / X, her friend and co-writer
                var k = i - 1, n = 0
                while k > a, n < 10, !d.isComma(k), !d.isChar(k, 0x2E) { k -= 1; n += 1 }
                if d.isComma(k), n > 0, let x = d.personName(endingAt: k, from: a),
                   d.isAny(k + 1, K.any_the_a_an_etc) || d.isWord(k + 1) && !d.cap(k + 1) {
                    if d.isAny(i + 1, K.any_of) && roles.contains(.author) { }
                    for role in roles {
                        if let dr = crewDraft(d, person: x, role: role, quote: x.lowerBound..<(i + 1), rule: "crew.X-appositive-role", conf: 0.7, allowSingle: false) { out.append(dr) }
                    }
                }
                // "X is also credited as an executive producer", "X was head writer"
                var q = i - 1
                while q > a, q > i - 6, d.isWord(q), !d.cap(q) { q -= 1 }
                if q < i - 1, let x = d.personName(endingAt: q + 1, from: a),
                   (x.upperBound..<i).contains(where: { d.isAny($0, K.any_is_was_as_etc) }) {
                    for role in roles {
                        if let dr = crewDraft(d, person: x, role: role, quote: x.lowerBound..<(i + 1), rule: "crew.X-was-role", conf: 0.7, allowSingle: true) { out.append(dr) }
                    }
                }
                continue
            }
            // X wrote the screenplay / script
            if d.isAny(i, K.any_wrote_cowrote_penned_etc), d.isAny(i + 2, K.any_screenplay_script_scripts_etc) || d.isAny(i + 1, K.any_screenplay_script) {
                if let x = d.personName(endingAt: i, from: a) {
                    if let dr = crewDraft(d, person: x, role: .writer, quote: x.lowerBound..<min(z, i + 3), rule: "crew.X-wrote-the-screenplay", conf: 0.85, allowSingle: true) { out.append(dr) }
                }
                continue
            }
            // directorial debut from X
            if d.is(i, K.h_directorial), d.is(i + 1, K.h_debut) {
                var k = i + 2
                if d.isAny(k, K.any_from_by_of) { k += 1 } else { continue }
                var n = 0
                while k < z, n < 6 {
                    if let r = d.personName(at: k, limit: z), !d.isPossessive(r.upperBound - 1), !d.isChar(r.upperBound, 0x26) { break }
                    k += 1; n += 1
                }
                if let x = d.personName(at: k, limit: z) {
                    if let dr = crewDraft(d, person: x, role: .director, quote: i..<x.upperBound, rule: "crew.directorial-debut-from-X", conf: 0.8, allowSingle: false) { out.append(dr) }
                }
            }
        }
        return out
    }
}

/// Name normalisation shared by the rules (the same as the scorer's).
enum ClaimsScorerNorm {
    static func name(_ s: String) -> String {
        s.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init).sorted().joined()
    }

    /// Whether ``name(_:)`` of `a` and `b` are equal; ASCII strings are compared as bytes.
    static func sameName(_ a: String, _ b: String) -> Bool {
        if let x = asciiName(a), let y = asciiName(b) { return x == y }
        return name(a) == name(b)
    }

    /// ``name(_:)`` of an ASCII string, as bytes (nil for any other string). In ASCII the letters
    /// and digits are A–Z, a–z and 0–9, every character is one byte (or "\r\n", a separator
    /// either way), and strings order as their bytes do.
    static func asciiName(_ s: String) -> [UInt8]? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(s.utf8.count)
        for b in s.utf8 {
            guard b < 0x80 else { return nil }
            bytes.append(b >= 0x41 && b <= 0x5A ? b | 0x20 : b)
        }
        var words = bytes.split(whereSeparator: { !(($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39)) })
        words.sort { $0.lexicographicallyPrecedes($1) }
        return Array(words.joined())
    }

    /// `s.contains(" ")`, for ASCII strings by a byte scan.
    static func hasSpace(_ s: String) -> Bool {
        var space = false
        for b in s.utf8 {
            if b >= 0x80 { return s.contains(" ") }
            if b == 0x20 { space = true }
        }
        return space
    }
}
