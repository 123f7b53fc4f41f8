import CArticleXML

/// The chosen article body: one or more subtrees, in document order.
struct ContentSelection {
    var roots: [Int]
    /// The best-scored container.
    var top: Int
}

/// Picks the container that holds the article body (readability-style paragraph scoring
/// with link density and class/id hints, helped by `<article>`, `<main>` and
/// `itemprop=articleBody`).
enum ContentSelector {
    /// Candidates with their final scores, best first.
    static func rank(_ doc: inout HTMLDocument) -> [(Int, Float)] {
        let (score, candidates) = scoreCandidates(&doc)
        return candidates.map { ($0, score[$0]) }.sorted { $0.1 > $1.1 }
    }

    static func scoreCandidates(_ doc: inout HTMLDocument, stripUnlikely: Bool = true) -> (score: [Float], candidates: [Int]) {
        let n = doc.count
        guard n > 0 else { return ([], []) }
        var score = [Float](repeating: 0, count: n)
        var touched = [Bool](repeating: false, count: n)
        var candidates: [Int] = []

        func initialise(_ a: Int) {
            touched[a] = true
            candidates.append(a)
            var s: Float = 0
            switch Int(doc.tag(a)) {
            case AX_TAG_DIV, AX_TAG_ARTICLE, AX_TAG_SECTION, AX_TAG_MAIN: s = 5
            case AX_TAG_PRE, AX_TAG_TD, AX_TAG_BLOCKQUOTE: s = 3
            case AX_TAG_ADDRESS, AX_TAG_OL, AX_TAG_UL, AX_TAG_DL, AX_TAG_DD, AX_TAG_DT, AX_TAG_LI, AX_TAG_FORM: s = -3
            case AX_TAG_H1, AX_TAG_H2, AX_TAG_H3, AX_TAG_H4, AX_TAG_H5, AX_TAG_H6, AX_TAG_TH: s = -5
            default: s = 0
            }
            s += scaledClassWeight(&doc, a)
            score[a] = s
        }

        // 0 unknown, 1 inside an unlikely container, 2 not.
        var unlikely = [UInt8](repeating: 0, count: n)
        var chain: [Int] = []
        func isUnlikely(_ u: Int) -> Bool {
            chain.removeAll(keepingCapacity: true)
            var a = u
            var verdict: UInt8 = 2
            while a >= 0 {
                if unlikely[a] != 0 { verdict = unlikely[a]; break }
                chain.append(a)
                if doc.isElement(a) {
                    let h = doc.hints(a)
                    let tag = Int(doc.tag(a))
                    if h.contains(.unlikely) && !h.contains(.positive) && tag != AX_TAG_BODY && tag != AX_TAG_ARTICLE
                        && tag != AX_TAG_MAIN {
                        verdict = 1
                        break
                    }
                }
                a = doc.parent(a)
            }
            // Everything below an unlikely container is unlikely; the chain above a clean root is clean.
            for c in chain { unlikely[c] = verdict }
            return verdict == 1
        }

        for u in 0..<n where doc.isElement(u) && !doc.skipped[u] {
            let own = doc.ownChars[u]
            guard own >= 25, doc.traits(u).contains(.paragraph) else { continue }
            if stripUnlikely && isUnlikely(u) { continue }
            let linkRatio = Float(doc.ownLinkChars[u]) / Float(own)
            if linkRatio > 0.5 { continue }
            let s: Float = 1 + Float(doc.ownCommas[u]) + min(3, Float(own) / 100)
            // A block with block children owns its loose text itself; otherwise its parent collects it.
            var a = doc.hasBlockChild[u] ? u : doc.parent(u)
            var level = 0
            while a >= 0 && level < 5 {
                if !doc.skipped[a] {
                    if !touched[a] { initialise(a) }
                    let divider: Float = level == 0 ? 1 : level == 1 ? 2 : Float(level * 3)
                    score[a] += s / divider
                }
                a = doc.parent(a)
                level += 1
            }
        }

        for a in candidates {
            let ld = Float(doc.linkDensity(a))
            score[a] *= (1 - ld)
        }
        return (score, candidates)
    }

    static func select(_ doc: inout HTMLDocument) -> ContentSelection {
        let n = doc.count
        guard n > 0 else { return ContentSelection(roots: [], top: -1) }
        var (score, candidates) = scoreCandidates(&doc)
        // Like readability: when stripping unlikely containers leaves too little, score again without.
        if let first = candidates.max(by: { score[$0] < score[$1] }), doc.chars[first] < 500 {
            let retry = scoreCandidates(&doc, stripUnlikely: false)
            if let second = retry.candidates.max(by: { retry.score[$0] < retry.score[$1] }),
               doc.chars[second] > doc.chars[first] {
                (score, candidates) = retry
            }
        } else if candidates.isEmpty {
            (score, candidates) = scoreCandidates(&doc, stripUnlikely: false)
        }
        var touched = [Bool](repeating: false, count: n)
        for a in candidates { touched[a] = true }
        var best = -1
        var bestScore: Float = -.infinity
        for a in candidates where score[a] > bestScore {
            bestScore = score[a]
            best = a
        }
        guard best >= 0 else {
            // No paragraphs at all: fall back to the body (or the whole document).
            let body = (0..<n).first { doc.isElement($0) && Int(doc.tag($0)) == AX_TAG_BODY } ?? 0
            return ContentSelection(roots: [body], top: body)
        }

        best = refine(&doc, best, score: score, touched: touched, candidates: candidates)
        bestScore = touched[best] ? score[best] : bestScore

        // Siblings that belong to the article (split bodies, loose paragraphs).
        var roots = [best]
        let p = doc.parent(best)
        if p >= 0 {
            let threshold = max(10, bestScore * 0.2)
            var c = p + 1
            let pe = doc.end(p)
            var siblings: [Int] = []
            while c < pe {
                defer { c = doc.end(c) }
                guard doc.isElement(c), c != best, !doc.skipped[c] else { continue }
                var include = false
                if touched[c] && score[c] >= threshold { include = true }
                else if Int(doc.tag(c)) == AX_TAG_P {
                    let len = doc.chars[c]
                    let ld = doc.linkDensity(c)
                    if len > 80 && ld < 0.25 { include = true }
                }
                if include { siblings.append(c) }
            }
            if !siblings.isEmpty {
                roots = (siblings + [best]).sorted()
            }
        }
        return ContentSelection(roots: roots, top: best)
    }

    /// Moves the choice up to a containing article body when the evidence says the
    /// best candidate is only a part of it.
    static func refine(_ doc: inout HTMLDocument, _ start: Int, score: [Float], touched: [Bool],
                       candidates: [Int]) -> Int {
        var best = start
        let topScore = score[best]
        // Several near-best candidates under one ancestor: the ancestor holds the article.
        let alternatives = candidates.filter { $0 != best && score[$0] >= topScore * 0.75 && !doc.contains($0, best) && !doc.contains(best, $0) }
        if alternatives.count >= 2 {
            var a = doc.parent(best)
            while a >= 0 && Int(doc.tag(a)) != AX_TAG_BODY {
                let inside = alternatives.filter { doc.contains(a, $0) }.count
                if inside >= 2 { best = a; break }
                a = doc.parent(a)
            }
        }
        // Walk up while the parent scores comparably (readability's rule).
        var lastScore = score[best]
        let threshold = lastScore / 3
        var p = doc.parent(best)
        while p >= 0 && Int(doc.tag(p)) != AX_TAG_BODY {
            if !touched[p] { p = doc.parent(p); continue }
            if score[p] < threshold { break }
            if score[p] > lastScore { best = p; break }
            lastScore = score[p]
            p = doc.parent(p)
        }
        // An explicit article body (itemprop=articleBody, article-body classes) around the choice.
        var a = doc.parent(best)
        var level = 0
        while a >= 0 && level < 8 && Int(doc.tag(a)) != AX_TAG_BODY {
            if doc.hints(a).contains(.articleBody) && doc.linkDensity(a) < 0.5 {
                best = a
                break
            }
            a = doc.parent(a)
            level += 1
        }
        return best
    }

    static func classWeight(_ doc: inout HTMLDocument, _ i: Int) -> Float {
        let h = doc.hints(i)
        var w: Float = 0
        if h.contains(.negative) { w -= 25 }
        if h.contains(.positive) { w += 25 }
        return w
    }

    /// The class weight, scaled down for containers with little text.
    static func scaledClassWeight(_ doc: inout HTMLDocument, _ i: Int) -> Float {
        let w = classWeight(&doc, i)
        guard w > 0 else { return w }
        return w * min(1, Float(doc.chars[i]) / ContentSelector.fullWeightChars)
    }

    static let fullWeightChars: Float = 500
}
