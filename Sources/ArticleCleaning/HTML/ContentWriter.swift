import CArticleXML

/// Writes the selected body as text blocks, pruning furniture inside it, and records
/// every dropped subtree of the page.
enum ContentWriter {
    /// A dropped part, in decoded-input coordinates.
    struct Removal {
        var kind: RemovalKind
        var source: ByteRange
        var preview: String
    }

    static func write(_ doc: inout HTMLDocument, selection: ContentSelection, title: String?,
                      into w: inout BlockWriter) -> [RemovedSpan] {
        var removed: [RemovedSpan] = []
        let roots = selection.roots
        guard !roots.isEmpty else { return removed }
        recordOutside(&doc, roots: roots, into: &removed)
        var pruner = Pruner(title: title)
        for r in roots {
            pruner.rootChars = doc.chars[r]
            writeSubtree(&doc, root: r, pruner: &pruner, into: &w, removed: &removed)
        }
        w.endBlock()
        return removed
    }

    private static func removal(_ doc: HTMLDocument, _ i: Int, _ kind: RemovalKind) -> RemovedSpan {
        let node = doc.tree.nodes[i]
        return RemovedSpan(kind: kind, source: ByteRange(start: Int(node.srcStart), end: Int(node.srcEnd)),
                           preview: doc.preview(i))
    }

    private static func intrinsicKind(_ doc: HTMLDocument, _ i: Int) -> RemovalKind {
        switch doc.intrinsic[i] {
        case HTMLDocument.dropScript: return .script
        case HTMLDocument.dropStyle: return .style
        default: return .markup
        }
    }

    /// Whether a dropped subtree is worth an entry: it held text, code or a comment.
    private static func worthRecording(_ doc: HTMLDocument, _ i: Int) -> Bool {
        let node = doc.tree.nodes[i]
        if node.kind == .comment { return true }
        if node.kind == .text { return doc.chars[i] > 0 }
        if doc.intrinsic[i] == HTMLDocument.dropScript || doc.intrinsic[i] == HTMLDocument.dropStyle {
            return true
        }
        if doc.intrinsic[i] != HTMLDocument.keep {
            // Hidden or embedded content: record when it held any text.
            var k = i + 1
            while k < doc.end(i) {
                if doc.tree.nodes[k].kind == .text, doc.withText(k, { HTMLDocument.countText($0).0 }) > 0 { return true }
                k += 1
            }
            return false
        }
        return doc.chars[i] > 0
    }

    /// Whether the text before and after a dropped element must go to different blocks: the
    /// element is a block (the page breaks the line there too), or it held text of its own (words
    /// of a hidden or pruned element, script or style code). Joined into one sentence, the words
    /// around it would give a quote whose source range also holds the dropped text; a block break
    /// keeps every quote's source to the quoted words and the markup between them.
    ///
    /// - Complexity: O(size of the subtree); each dropped subtree is looked at once.
    static func separates(_ doc: HTMLDocument, _ i: Int) -> Bool {
        if doc.traits(i).contains(.block) { return true }
        let e = doc.end(i)
        var k = i
        while k < e {
            let node = doc.tree.nodes[k]
            switch node.kind {
            case .text:
                if doc.withText(k, { HTMLDocument.countText($0).0 }) > 0 { return true }
            case .element:
                if doc.intrinsic[k] == HTMLDocument.dropScript || doc.intrinsic[k] == HTMLDocument.dropStyle {
                    // Raw text is not in the tree: look at the bytes between the tags.
                    let s = max(0, Int(node.inner)), t = min(doc.input.count, Int(node.innerEnd))
                    if s < t, HTMLDocument.countText(UnsafeBufferPointer(rebasing: doc.input[s..<t])).0 > 0 { return true }
                }
            case .comment:
                break
            }
            k += 1
        }
        return false
    }

    /// Records the page outside the selected roots: one entry per dropped top-level subtree.
    private static func recordOutside(_ doc: inout HTMLDocument, roots: [Int], into removed: inout [RemovedSpan]) {
        let n = doc.count
        var onPath = [Bool](repeating: false, count: n)
        for r in roots {
            var a = doc.parent(r)
            while a >= 0 && !onPath[a] { onPath[a] = true; a = doc.parent(a) }
        }
        var rootSet = Set(roots)
        rootSet.reserveCapacity(roots.count)
        var i = 0
        while i < n {
            if rootSet.contains(i) { i = doc.end(i); continue }
            let node = doc.tree.nodes[i]
            let tag = Int(node.tag)
            if node.kind == .element && (onPath[i] || tag == AX_TAG_HEAD || tag == AX_TAG_HTML || tag == AX_TAG_BODY) {
                i += 1
                continue
            }
            if worthRecording(doc, i) {
                let kind: RemovalKind
                switch node.kind {
                case .comment: kind = .markup
                case .text: kind = .boilerplate
                case .element:
                    if doc.intrinsic[i] != HTMLDocument.keep {
                        kind = intrinsicKind(doc, i)
                    } else if doc.traits(i).contains(.navigation) || doc.traits(i).contains(.furniture)
                                || doc.hints(i).contains(.navigation) {
                        kind = .navigation
                    } else if tag == AX_TAG_TITLE {
                        kind = .markup
                    } else if tag == AX_TAG_FIGURE || tag == AX_TAG_FIGCAPTION || tag == AX_TAG_CAPTION
                                || doc.hints(i).contains(.caption) {
                        kind = .caption
                    } else {
                        kind = .boilerplate
                    }
                }
                removed.append(removal(doc, i, kind))
            }
            i = node.kind == .element ? doc.end(i) : i + 1
        }
    }

    private static func blockKind(_ doc: HTMLDocument, _ i: Int, inherited: TextBlock.Kind) -> TextBlock.Kind {
        let t = doc.traits(i)
        if t.contains(.heading) { return .heading }
        if t.contains(.listItem) { return .listItem }
        if Int(doc.tag(i)) == AX_TAG_BLOCKQUOTE || inherited == .quote { return .quote }
        return .paragraph
    }

    private static func writeSubtree(_ doc: inout HTMLDocument, root: Int, pruner: inout Pruner,
                                     into w: inout BlockWriter, removed: inout [RemovedSpan]) {
        struct Open { var end: Int; var kind: TextBlock.Kind; var block: Bool }
        var stack: [Open] = []
        let rootEnd = doc.end(root)
        var i = root
        while i < rootEnd {
            while let top = stack.last, top.end <= i {
                stack.removeLast()
                if top.block {
                    w.endBlock()
                    w.setKind(stack.last?.kind ?? .paragraph)
                }
            }
            let node = doc.tree.nodes[i]
            switch node.kind {
            case .text:
                if !doc.skipped[i] {
                    if node.inner < 0 {
                        w.appendCopied(Int(node.srcStart)..<Int(node.srcEnd))
                    } else {
                        w.appendDecoded(doc.tree.pool[Int(node.inner)..<Int(node.inner + node.innerEnd)],
                                        source: Int(node.srcStart)..<Int(node.srcEnd))
                    }
                }
                i += 1
            case .comment:
                removed.append(removal(doc, i, .markup))
                i += 1
            case .element:
                if doc.intrinsic[i] != HTMLDocument.keep {
                    if worthRecording(doc, i) { removed.append(removal(doc, i, intrinsicKind(doc, i))) }
                    if separates(doc, i) { w.endBlock(); w.setKind(stack.last?.kind ?? .paragraph) }
                    i = doc.end(i)
                    continue
                }
                if i != root, let kind = pruner.prune(&doc, i) {
                    if worthRecording(doc, i) { removed.append(removal(doc, i, kind)) }
                    if separates(doc, i) { w.endBlock(); w.setKind(stack.last?.kind ?? .paragraph) }
                    i = doc.end(i)
                    continue
                }
                let tag = Int(node.tag)
                if tag == AX_TAG_BR || tag == AX_TAG_HR {
                    w.endBlock()
                    w.setKind(stack.last?.kind ?? .paragraph)
                    i = doc.end(i)
                    continue
                }
                let isBlock = doc.traits(i).contains(.block)
                let kind = isBlock ? blockKind(doc, i, inherited: stack.last?.kind ?? .paragraph) : (stack.last?.kind ?? .paragraph)
                if isBlock { w.startBlock(kind) }
                stack.append(Open(end: doc.end(i), kind: kind, block: isBlock))
                i += 1
            }
        }
        while let top = stack.popLast() {
            if top.block { w.endBlock() }
        }
        w.endBlock()
    }
}

/// Decides which subtrees inside the article body are furniture.
struct Pruner {
    let title: String?
    /// Text characters of the body root being written.
    var rootChars: Int32 = 0

    init(title: String?) {
        self.title = title
    }

    mutating func prune(_ doc: inout HTMLDocument, _ i: Int) -> RemovalKind? {
        let tag = Int(doc.tag(i))
        let t = doc.traits(i)
        if t.contains(.navigation) { return .navigation }
        if t.contains(.furniture) { return .navigation }
        if tag == AX_TAG_FIGCAPTION { return .caption }
        if tag == AX_TAG_FORM || tag == AX_TAG_FIELDSET { return doc.paragraphs[i] >= 3 ? nil : .boilerplate }
        let h = doc.hints(i)
        if h.contains(.hidden) { return .markup }
        if h.contains(.caption) && doc.chars[i] < 400 { return .caption }
        if tag == AX_TAG_FIGURE { return doc.chars[i] > 0 && doc.paragraphs[i] < 2 ? .caption : nil }
        if tag == AX_TAG_H1 { return .boilerplate }
        if h.contains(.comments) && !h.contains(.positive) { return .boilerplate }
        // Embedded posts (tweets, Instagram captions) quoted by the article stay.
        if h.contains(.embed) && !h.contains(.comments) && doc.chars[i] > 0 && doc.linkDensity(i) < 0.5 {
            return nil
        }
        if h.contains(.unlikely) && !h.contains(.articleBody)
            && (doc.paragraphs[i] < 5 || Float(doc.chars[i]) < 0.4 * Float(rootChars)) {
            return h.contains(.navigation) ? .navigation : .boilerplate
        }
        if h.contains(.byline) && doc.chars[i] < 200 && doc.paragraphs[i] < 2 { return .boilerplate }
        // A short block that is a stock phrase of page furniture ("Advertisement", "Most read").
        if t.contains(.block) && !doc.hasBlockChild[i] && doc.chars[i] > 0 && doc.chars[i] <= 60
            && Boilerplate.isStockPhrase(doc.preview(i, limit: 80)) {
            return .boilerplate
        }
        // A wire-photo caption left as a paragraph: "In this image released by …, … (AP Photo/…)".
        if t.contains(.block) && !doc.hasBlockChild[i] && doc.chars[i] > 0 && doc.chars[i] < 700
            && Boilerplate.isPhotoCaption(doc.preview(i, limit: 700)) {
            return .caption
        }
        // A paragraph that is nothing but a link: a teaser or a "read more" prompt.
        if t.contains(.block) && !doc.hasBlockChild[i] && doc.chars[i] > 0
            && Float(doc.linkChars[i]) >= 0.8 * Float(doc.chars[i]) {
            return .boilerplate
        }
        // A short lead-in ("You may also like...", "Related:") followed by link-only blocks.
        if t.contains(.block) && !doc.hasBlockChild[i] && doc.chars[i] > 0 && doc.chars[i] < 40 && doc.linkChars[i] == 0 {
            let next = nextElementSibling(doc, i)
            if next >= 0, doc.chars[next] > 0, Float(doc.linkChars[next]) >= 0.8 * Float(doc.chars[next]),
               endsWithLeadIn(doc, i) {
                return .boilerplate
            }
        }
        // Conditional cleaning of containers (readability-style).
        if tag == AX_TAG_DIV || tag == AX_TAG_SECTION || t.contains(.list) || tag == AX_TAG_TABLE
            || tag == AX_TAG_ASIDE || tag == AX_TAG_CENTER {
            let chars = doc.chars[i]
            if chars == 0 { return nil }
            let ld = doc.linkDensity(i)
            let weight: Float = ContentSelector.classWeight(&doc, i)
            let isList = t.contains(.list)
            if doc.commas[i] >= 10 && ld < 0.3 { return nil }
            if doc.paragraphs[i] >= 3 && ld < 0.5 && weight >= 0 { return nil }
            if weight < 0 && doc.paragraphs[i] < 3 { return .boilerplate }
            if !isList && ld > 0.2 && weight < 25 { return .boilerplate }
            if ld > 0.5 { return .boilerplate }
            if isList && ld > 0.5 { return .boilerplate }
        }
        return nil
    }

    /// The next element sibling of `i` that holds text, or -1.
    func nextElementSibling(_ doc: HTMLDocument, _ i: Int) -> Int {
        let p = doc.parent(i)
        guard p >= 0 else { return -1 }
        var k = doc.end(i)
        let pe = doc.end(p)
        while k < pe {
            if doc.isElement(k) && !doc.skipped[k] && doc.chars[k] > 0 { return k }
            k = doc.isElement(k) ? doc.end(k) : k + 1
        }
        return -1
    }

    /// Whether the text of `i` ends like a lead-in: ':', '...', '…'.
    func endsWithLeadIn(_ doc: HTMLDocument, _ i: Int) -> Bool {
        let text = Array(doc.preview(i, limit: 80).utf8)
        guard let last = text.last else { return false }
        if last == 0x3A || last == 0x2E && text.count >= 3 && text[text.count - 2] == 0x2E { return true }
        return text.count >= 3 && text[text.count - 3] == 0xE2 && text[text.count - 2] == 0x80 && last == 0xA6
    }
}

/// Stock phrases of page furniture (general web vocabulary, English).
enum Boilerplate {
    /// Whole-block phrases, compared after lower-casing and dropping everything but letters and spaces.
    static let exact: Set<String> = [
        "advertisement", "advert", "ad", "ads", "sponsored", "sponsored content", "story continues below",
        "story continues below advertisement", "continue reading", "continue reading below", "read more",
        "read more below", "related", "related articles", "related stories", "related content", "related posts",
        "related coverage", "more stories", "most read", "most popular", "most viewed", "recommended",
        "recommended for you", "you may also like", "you might also like", "share this", "share this article",
        "share this story", "share", "follow us", "subscribe", "sign up", "this slideshow requires javascript",
        "click here", "tell us what you think", "comments", "leave a comment", "leave a reply", "print",
        "email", "image", "photo", "video", "watch", "listen", "loading", "skip advert", "back to top",
    ]
    /// Phrases that start a furniture block.
    static let prefixes: [String] = [
        "most read in", "read more", "related:", "click here", "sign up for", "subscribe to", "follow us on",
        "image copyright", "image caption", "getty images", "photo credit", "this post may contain affiliate",
        "get the latest", "download the", "watch:", "watch the", "listen:", "see also", "more:",
    ]

    /// Photo captions of news agencies: they open with "In this image/photo" or carry a photo credit.
    static func isPhotoCaption(_ text: String) -> Bool {
        // ASCII byte matching: this runs for every short block, so no Unicode-aware string search.
        let lower = text.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        for p in captionOpenings where lower.starts(with: p) { return true }
        guard lower.contains(0x28) else { return false }  // every credit opens with "("
        for credit in photoCredits where contains(lower, credit) { return true }
        return false
    }

    static let captionOpenings: [[UInt8]] = [
        "in this image", "in this photo", "in this file photo", "in this undated photo", "in this handout",
        "this image released by", "this photo released by", "this photo provided by", "this image provided by",
    ].map { Array($0.utf8) }
    static let photoCredits: [[UInt8]] = [
        "(ap photo", "(photo:", "(photo by", "(getty images", "(reuters/", "(afp photo", "(photo courtesy",
    ].map { Array($0.utf8) }

    static func contains(_ hay: [UInt8], _ needle: [UInt8]) -> Bool {
        guard let first = needle.first, hay.count >= needle.count else { return false }
        var i = 0
        while i + needle.count <= hay.count {
            if hay[i] == first, hay[i..<(i + needle.count)].elementsEqual(needle) { return true }
            i += 1
        }
        return false
    }

    static func isStockPhrase(_ text: String) -> Bool {
        let lower = text.lowercased()
        for p in prefixes where lower.hasPrefix(p) { return true }
        var letters = ""
        var space = false
        for ch in lower.unicodeScalars {
            if ch.properties.isAlphabetic {
                if space && !letters.isEmpty { letters.append(" ") }
                space = false
                letters.unicodeScalars.append(ch)
            } else {
                space = true
            }
        }
        return exact.contains(letters)
    }
}
