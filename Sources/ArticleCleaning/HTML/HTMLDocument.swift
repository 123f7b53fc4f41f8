import CArticleXML

/// A parsed page with the per-node text statistics the content selector needs.
struct HTMLDocument {
    let tree: HTMLTree
    let input: UnsafeBufferPointer<UInt8>

    /// Why an element never holds article text (0: it may). Inherited by descendants via ``skipped``.
    var intrinsic: [UInt8]
    /// Whether the node lies inside an intrinsically dropped element (or is one).
    var skipped: [Bool]
    /// Non-whitespace characters (Unicode scalars) of text in the subtree, outside skipped parts.
    var chars: [Int32]
    /// The part of ``chars`` inside links.
    var linkChars: [Int32]
    /// Commas in the subtree.
    var commas: [Int32]
    /// For block elements: characters of text owned directly (through inline descendants).
    var ownChars: [Int32]
    var ownLinkChars: [Int32]
    var ownCommas: [Int32]
    /// For block elements: whether a block element is a direct block child.
    var hasBlockChild: [Bool]
    /// Number of paragraph-like blocks (with at least 25 characters of own text) in the subtree.
    var paragraphs: [Int32]
    /// Class/id hints, computed on demand.
    private var hintCache: [UInt32]

    static let noHints: UInt32 = 0xFFFF_FFFF

    // Intrinsic reasons.
    static let keep: UInt8 = 0
    static let dropScript: UInt8 = 1
    static let dropStyle: UInt8 = 2
    static let dropMarkup: UInt8 = 3

    init(tree: HTMLTree, input: UnsafeBufferPointer<UInt8>) {
        self.tree = tree
        self.input = input
        let n = tree.count
        intrinsic = [UInt8](repeating: 0, count: n)
        skipped = [Bool](repeating: false, count: n)
        chars = [Int32](repeating: 0, count: n)
        linkChars = [Int32](repeating: 0, count: n)
        commas = [Int32](repeating: 0, count: n)
        ownChars = [Int32](repeating: 0, count: n)
        ownLinkChars = [Int32](repeating: 0, count: n)
        ownCommas = [Int32](repeating: 0, count: n)
        hasBlockChild = [Bool](repeating: false, count: n)
        paragraphs = [Int32](repeating: 0, count: n)
        hintCache = [UInt32](repeating: HTMLDocument.noHints, count: n)
    }

    var count: Int { tree.count }

    @inline(__always) func tag(_ i: Int) -> UInt16 { tree.nodes[i].tag }
    @inline(__always) func isElement(_ i: Int) -> Bool { tree.nodes[i].kind == .element }
    @inline(__always) func end(_ i: Int) -> Int { Int(tree.nodes[i].end) }
    @inline(__always) func parent(_ i: Int) -> Int { Int(tree.nodes[i].parent) }
    @inline(__always) func traits(_ i: Int) -> TagInfo.Traits { TagInfo.of(tree.nodes[i].tag) }

    /// Link density of the subtree of `i`.
    func linkDensity(_ i: Int) -> Double {
        chars[i] > 0 ? Double(linkChars[i]) / Double(chars[i]) : 0
    }

    /// The bytes of text node `i`: the source bytes, or the decoded text in the pool.
    func withText<R>(_ i: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        let n = tree.nodes[i]
        if n.inner < 0 {
            let s = Int(n.srcStart), e = Int(n.srcEnd)
            return body(UnsafeBufferPointer(rebasing: input[s..<max(s, e)]))
        }
        return tree.pool.withUnsafeBufferPointer { p in
            body(UnsafeBufferPointer(rebasing: p[Int(n.inner)..<Int(n.inner + n.innerEnd)]))
        }
    }

    /// Computes the statistics in two linear passes.
    mutating func analyse() {
        let n = count
        guard n > 0 else { return }
        var owner = [Int32](repeating: -1, count: n)
        var inLink = [Bool](repeating: false, count: n)
        tree.nodes.withUnsafeBufferPointer { nodes in
            for i in 0..<n {
                let node = nodes[i]
                let p = Int(node.parent)
                let parentSkipped = p >= 0 ? skipped[p] : false
                switch node.kind {
                case .element:
                    let t = TagInfo.of(node.tag)
                    var reason = HTMLDocument.keep
                    if Int(node.tag) == AX_TAG_SCRIPT { reason = HTMLDocument.dropScript }
                    else if Int(node.tag) == AX_TAG_STYLE { reason = HTMLDocument.dropStyle }
                    else if t.contains(.drop) || Int(node.flags) & AX_FL_HIDDEN != 0 || Int(node.tag) == AX_TAG_HEAD {
                        reason = HTMLDocument.dropMarkup
                    }
                    intrinsic[i] = reason
                    skipped[i] = parentSkipped || reason != HTMLDocument.keep
                    inLink[i] = Int(node.tag) == AX_TAG_A || (p >= 0 && inLink[p])
                    if t.contains(.block) {
                        owner[i] = Int32(i)
                        if p >= 0 && owner[p] >= 0 { hasBlockChild[Int(owner[p])] = true }
                    } else {
                        owner[i] = p >= 0 ? owner[p] : -1
                    }
                case .text:
                    skipped[i] = parentSkipped
                    guard !parentSkipped else { continue }
                    let (c, k) = withText(i) { HTMLDocument.countText($0) }
                    chars[i] = c
                    commas[i] = k
                    let linked = p >= 0 && inLink[p]
                    if linked { linkChars[i] = c }
                    let o = p >= 0 ? Int(owner[p]) : -1
                    if o >= 0 {
                        ownChars[o] += c
                        ownCommas[o] += k
                        if linked { ownLinkChars[o] += c }
                    }
                case .comment:
                    skipped[i] = true
                }
            }
        }
        // Bottom-up sums: children come after their parent in preorder.
        var i = n - 1
        while i >= 0 {
            let p = parent(i)
            if !skipped[i] {
                if isElement(i), ownChars[i] >= 25, traits(i).contains(.block) { paragraphs[i] += 1 }
                if p >= 0 {
                    chars[p] += chars[i]
                    linkChars[p] += linkChars[i]
                    commas[p] += commas[i]
                    paragraphs[p] += paragraphs[i]
                }
            }
            i -= 1
        }
    }

    /// Counts non-whitespace scalars and commas.
    static func countText(_ b: UnsafeBufferPointer<UInt8>) -> (Int32, Int32) {
        var c: Int32 = 0, k: Int32 = 0
        var i = 0
        let n = b.count
        while i < n {
            let x = b[i]
            if x < 0x80 {
                if x > 0x20 {
                    c += 1
                    if x == 0x2C { k += 1 }
                }
                i += 1
                continue
            }
            if x >= 0xC0 {
                let w = Whitespace.width(b, i, n)
                if w == 0 {
                    c += 1
                    // U+FF0C fullwidth comma, U+3001 ideographic comma, U+060C Arabic comma
                    if x == 0xEF, i + 2 < n, b[i + 1] == 0xBC, b[i + 2] == 0x8C { k += 1 }
                    else if x == 0xE3, i + 2 < n, b[i + 1] == 0x80, b[i + 2] == 0x81 { k += 1 }
                    else if x == 0xD8, i + 1 < n, b[i + 1] == 0x8C { k += 1 }
                }
            }
            i += 1
        }
        return (c, k)
    }

    /// Class/id/role/itemprop hints of element `i`.
    mutating func hints(_ i: Int) -> ClassHints {
        let cached = hintCache[i]
        if cached != HTMLDocument.noHints { return ClassHints(rawValue: cached) }
        let node = tree.nodes[i]
        var h: ClassHints = []
        if node.kind == .element && node.attrCount > 0 {
            var scratch = [UInt8]()
            scratch.reserveCapacity(64)
            for k in Int(node.attrStart)..<Int(node.attrStart + node.attrCount) {
                let a = tree.attrs[k]
                let name = Int(a.name)
                guard name == AX_ATTR_CLASS || name == AX_ATTR_ID || name == AX_ATTR_ROLE || name == AX_ATTR_ITEMPROP else { continue }
                let len = min(Int(a.len), 256)
                if name == AX_ATTR_ITEMPROP || name == AX_ATTR_ROLE {
                    // itemprop="articleBody", role="navigation"/"complementary"/"contentinfo"
                    let v = tree.pool[Int(a.off)..<Int(a.off) + len]
                    if HTMLDocument.equalsLower(v, "articlebody") { h.formUnion([.articleBody, .positive]) }
                    if HTMLDocument.equalsLower(v, "navigation") || HTMLDocument.equalsLower(v, "menu")
                        || HTMLDocument.equalsLower(v, "menubar") { h.formUnion([.navigation, .negative, .unlikely]) }
                    if HTMLDocument.equalsLower(v, "complementary") || HTMLDocument.equalsLower(v, "contentinfo")
                        || HTMLDocument.equalsLower(v, "banner") { h.formUnion([.negative, .navigation]) }
                    if HTMLDocument.equalsLower(v, "main") { h.formUnion(.positive) }
                    if HTMLDocument.equalsLower(v, "alert") || HTMLDocument.equalsLower(v, "dialog") { h.formUnion(.negative) }
                    continue
                }
                for b in tree.pool[Int(a.off)..<Int(a.off) + len] {
                    scratch.append(b >= 0x41 && b <= 0x5A ? b | 0x20 : b)
                }
                scratch.append(0x20)
            }
            if !scratch.isEmpty {
                h.formUnion(scratch.withUnsafeBufferPointer { ClassHints.of($0) })
            }
        }
        hintCache[i] = h.rawValue
        return h
    }

    static func equalsLower(_ v: ArraySlice<UInt8>, _ s: StaticString) -> Bool {
        guard v.count == s.utf8CodeUnitCount else { return false }
        var k = 0
        let p = s.utf8Start
        for b in v {
            let lb = b >= 0x41 && b <= 0x5A ? b | 0x20 : b
            if lb != p[k] { return false }
            k += 1
        }
        return true
    }

    /// Whether `a` is `b` or an ancestor of `b`.
    func contains(_ a: Int, _ b: Int) -> Bool {
        a <= b && b < end(a)
    }

    /// Up to `limit` scalars of the whitespace-collapsed text of the subtree of `i` (skipping scripts).
    func preview(_ i: Int, limit: Int = 80) -> String {
        var out: [UInt8] = []
        var scalars = 0
        var space = false
        func add(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
            var k = 0
            while k < b.count {
                let w = Whitespace.width(b, k, b.count)
                if w != 0 {
                    if w > 0 && !out.isEmpty { space = true }
                    k += abs(w)
                    continue
                }
                let c = b[k]
                let len = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1
                if space {
                    if scalars >= limit { return false }
                    out.append(0x20); scalars += 1; space = false
                }
                if scalars >= limit { return false }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: b[k..<min(b.count, k + len)]))
                scalars += 1
                k += len
            }
            return true
        }
        let node = tree.nodes[i]
        if node.kind == .text {
            _ = withText(i) { add($0) }
        } else if node.kind == .comment || intrinsic[i] == HTMLDocument.dropScript || intrinsic[i] == HTMLDocument.dropStyle {
            let s = Int(node.kind == .comment ? node.srcStart : node.inner)
            let e = Int(node.kind == .comment ? node.srcEnd : node.innerEnd)
            if s < e && e <= input.count { _ = add(UnsafeBufferPointer(rebasing: input[s..<e])) }
        } else {
            var k = i + 1
            let e = end(i)
            // Bounded by nodes visited too, not only by scalars written: an element holding
            // thousands of empty elements (nested <h1>s, datePublished holders) would otherwise
            // make every preview of its ancestors walk them all, which is quadratic.
            var budget = 2 * limit + 64
            while k < e && budget > 0 {
                budget -= 1
                let nk = tree.nodes[k]
                if nk.kind == .element {
                    if intrinsic[k] != HTMLDocument.keep { k = end(k); continue }
                    if TagInfo.of(nk.tag).contains(.block) && !out.isEmpty { space = true }
                }
                if nk.kind == .text {
                    if !withText(k, { add($0) }) { break }
                }
                k += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
