import ArticleCleaning

/// Source material: "based on the novel X by Y", "adapted from", "adapts Y's novel".
enum BasedOnRules {
    static let media: [UInt64: String] = {
        var m: [UInt64: String] = [:]
        for w in ["novel", "novella", "book", "manga", "webtoon", "comic", "comics", "play", "memoir", "story", "travelogue",
                  "manhwa", "manhua", "game", "podcast", "musical", "film", "movie", "series", "article", "poem", "graphic", "web", "light"] {
            m[Lex.h(w)] = w
        }
        m[Lex.h("novels")] = "novel"; m[Lex.h("books")] = "book"
        return m
    }()

    static func basedOn(_ d: Doc, _ s: Sentence, lastBook: inout String?) -> [Draft] {
        var out: [Draft] = []
        let a = s.tokens.lowerBound, z = s.tokens.upperBound
        var i = a
        while i < z {
            defer { i += 1 }
            var k: Int
            var rule: String
            if d.is(i, K.h_based), d.isAny(i + 1, K.any_on_upon_off) {
                k = i + 2
                if d.is(k, K.h_of) { k += 1 }
                rule = "basedOn.based-on-WORK-by-AUTHOR"
            } else if d.isAny(i, K.any_adapted_inspired_adaptation), d.isAny(i + 1, K.any_from_by_of),
                      !d.is(i, K.h_adaptation) || (max(a, i - 3)..<i).contains(where: { d.isAny($0, K.any_film_movie_screen_etc) }) {
                k = i + 2; rule = "basedOn.adapted-from-WORK"
            } else if d.isAny(i, K.any_adapts_adapting) {
                k = i + 1; rule = "basedOn.adapts-AUTHORs-WORK"
            } else { continue }
            var author: String? = nil
            var work: String? = nil
            var medium: String? = nil
            // determiners and adjectives, a possessive author ("André Aciman’s 2007 novel"), a year
            var n = 0
            // "adaptation of The Hitchhiker's Guide …": a capitalised "The" starts the title itself
            let titleFirst = d.cap(k) && d.is(k, K.h_the) && (d.capitalizedTitle(at: k, limit: z, stopWords: K.any_by)?.count ?? 0) >= 2
            while !titleFirst, k < z, n < 7 {
                if d.isAny(k, K.any_the_a_an_etc2) { k += 1; n += 1; continue }
                if let mm = media[d.h(k)] {
                    medium = mm
                    if d.is(k, K.h_graphic) && d.is(k + 1, K.h_novel) { medium = "graphic novel"; k += 1 }
                    if d.is(k, K.h_web) && d.isAny(k + 1, K.any_novel_comic_series) { medium = "web " + d.str(k + 1).lowercased(); k += 1 }
                    k += 1; n += 1
                    continue
                }
                if d.isAny(k, K.any_by_like_such_etc) { break }
                if d.cap(k), d.isWord(k), media[d.h(k + 1)] != nil, !d.isPossessive(k) { k += 1; n += 1; continue } // "Russian novella"
                if d.tokens.indices.contains(k), d.tokens[k].kind == .number || (d.isWord(k) && !d.cap(k)) || d.isComma(k) { k += 1; n += 1; continue }
                if let p = d.personName(at: k, limit: z), d.isPossessive(p.upperBound - 1), author == nil,
                   !d.cap(p.upperBound) || !d.isWord(p.upperBound) {
                    author = d.resolvePerson(p); k = p.upperBound; n += 1; continue
                }
                if d.cap(k), d.isPossessive(k) { k += 1; n += 1; continue } // "the BBC's"
                break
            }
            var end = k
            if d.isAny(k, K.any_like_such_including) { continue }
            if d.isOpenQuote(k), let q = d.quotedTitle(at: k, limit: z) {
                work = d.str(q.inner); end = q.next
            } else if let t = d.capitalizedTitle(at: k, limit: z, allowComma: true, stopWords: K.any_by), medium != nil || d.is(t.upperBound, K.h_by) || t.count >= 1 {
                // a person right after "based on" with "by" missing is not a work; titles stop before "by"
                if !(d.personName(at: k, limit: z).map { d.isPossessive($0.upperBound - 1) } ?? false) {
                    var tt = t
                    while tt.count > 1, d.isComma(tt.upperBound - 1) { tt = tt.lowerBound..<(tt.upperBound - 1) }
                    let trailingApostrophe = d.isChar(tt.upperBound, 0x27) && !d.tokens[tt.upperBound].spaceBefore
                    if !d.isPossessive(tt.upperBound - 1) && !trailingApostrophe && !(tt.count == 1 && Lex.nonName.contains(d.h(tt.lowerBound))) { work = d.str(tt); end = tt.upperBound }
                }
            }
            var e = end
            if d.isComma(e) { e += 1 }
            if d.is(e, K.h_by) || (work == nil && d.is(k, K.h_by)) {
                let byAt = d.is(e, K.h_by) ? e : k
                if let p = d.personName(at: byAt + 1, limit: z) {
                    author = d.resolvePerson(p); end = p.upperBound
                }
            }
            // "based on his book": the author is the sentence's subject
            if author == nil, work == nil, medium != nil, d.isAny(i + 2, K.any_his_her) || d.isAny(i + 3, K.any_his_her) {
                if let p = d.personName(at: a, limit: z) { author = d.resolvePerson(p) }
                work = d.mainTitle
            }
            guard author != nil || work != nil else { continue }
            if let w = work, medium.map({ ["novel", "book", "novella", "manga", "webtoon", "comic", "memoir", "graphic novel", "web novel"].contains($0) }) ?? true {
                lastBook = w
            }
            out.append(Draft(value: .basedOn(work: work, author: author, medium: medium), subject: nil, quote: i..<max(end, i + 2),
                             rule: rule, confidence: 0.85))
        }
        return out
    }
}
