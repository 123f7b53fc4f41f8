/// Cleans plain-text dumps with markup remnants: scraped article text with leftover tags, entities,
/// script lines, Markdown syntax, YAML front matter, related-link teasers and caption echoes.
///
/// The steps, each a linear pass over the decoded bytes:
/// 1. YAML front matter (`---` … `---`) gives the title and date and is recorded as removed markup.
/// 2. A stray fragment at the start (`ript async src="">`, the tail of a cut tag) is removed.
/// 3. ``TextDumpScanner`` turns the rest into blocks of normalised text, each byte mapped to the input.
/// 4. ``TextBlockClassifier`` drops code-shaped blocks, boilerplate (teasers, prompts, comment
///    chrome), photo credits and caption lines that echo the headline, and tells headings from
///    paragraphs.
/// 5. The kept blocks are joined with blank lines in a ``TextAssembler``.
///
/// Without front matter, the title is the first line, which is then not repeated in the text
/// (unless it reads as a long sentence rather than a headline).
enum TextDumpCleaner {
    static func clean(_ decoded: DecodedInput) -> CleanedArticle {
        decoded.utf8.withUnsafeBufferPointer { clean(decoded, $0) }
    }

    static func clean(_ decoded: DecodedInput, _ u: UnsafeBufferPointer<UInt8>) -> CleanedArticle {
        let n = u.count
        var scanner = TextDumpScanner(u, replacementTable: decoded.encoding == "utf-8" ? decoded.decodedToRaw : nil)
        var title: String?
        var published: String?
        var pos = skipSpace(u, 0)
        if let fm = TextFrontMatter.parse(u, from: pos) {
            scanner.remove(.markup, fm.range.lowerBound, fm.range.upperBound)
            title = fm.title
            published = fm.published
            pos = skipSpace(u, fm.range.upperBound)
        }
        if let end = leadingFragmentEnd(u, pos) {
            scanner.remove(.scriptFragment, pos, end)
            scanner.warn("stray markup fragment at the start of the input (bytes \(pos)..<\(end)) removed")
            pos = end
        }
        scanner.linesAreBlocks = !isHardWrapped(u, pos)
        scanner.forceEndAtNewline = title == nil
        scanner.scan(from: pos)

        let blocks = scanner.blocks
        let buf = scanner.textBuffer
        var dropped = [RemovalKind?](repeating: nil, count: blocks.count)
        var shaped = [Bool](repeating: false, count: blocks.count)

        // Code, boilerplate and credits need no context. A block with script statements glued into
        // prose keeps its prose (the statements are cut out below); a block that is all code goes.
        var codeCuts = [[Range<Int>]](repeating: [], count: blocks.count)
        buf.withUnsafeBufferPointer { b in
            for (k, block) in blocks.enumerated() {
                let text = buf[block.text]
                shaped[k] = block.hint == .heading || (block.hint == nil && TextBlockClassifier.isHeadingShaped(text))
                if let kind = TextBlockClassifier.codeKind(b, block.text.lowerBound, block.text.upperBound) {
                    let inline = block.hasSemicolon ? inlineCodeCuts(b, block.text) : []
                    if !inline.isEmpty, hasProseOutside(inline, b, block.text) {
                        codeCuts[k] = inline
                    } else {
                        dropped[k] = kind
                    }
                } else {
                    dropped[k] = TextBlockClassifier.boilerplateKind(text, endMatter: k + 4 >= blocks.count)
                }
            }
        }

        // The title: front matter, else the first line.
        var titleBlock = -1
        var titleInText = false
        if title == nil, let first = dropped.firstIndex(where: { $0 == nil }), blocks[first].text.count <= 300 {
            let text = buf[blocks[first].text]
            title = String(decoding: text, as: UTF8.self)
            titleBlock = first
            let sentence = text.last == 0x2E && TextBlockClassifier.words(text).count > 14
            titleInText = sentence
        }

        // Caption echoes of the headline; parts of kept blocks to leave out.
        var cuts = [[(text: Range<Int>, kind: RemovalKind)]](repeating: [], count: blocks.count)
        if let title {
            let titleBytes = Array(title.utf8)
            let titleWords = Set(TextBlockClassifier.words(titleBytes[...]).map(\.word))
            let titleFolded = TextBlockClassifier.folded(titleBytes[...])
            var prev = -1
            for k in blocks.indices {
                guard dropped[k] == nil else { continue }
                defer { prev = k }
                guard k != titleBlock else { continue }
                let block = blocks[k]
                let text = buf[block.text]
                if text.count <= 300, TextBlockClassifier.folded(text) == titleFolded {
                    dropped[k] = .caption
                    continue
                }
                guard block.hint == nil || block.hint == .paragraph else { continue }
                var next = k + 1
                while next < blocks.count, dropped[next] != nil { next += 1 }
                let afterHeading = prev >= 0 && (prev == titleBlock || shaped[prev])
                let beforeParagraph = next < blocks.count && !shaped[next]
                if TextBlockClassifier.isCaptionEcho(text, titleWords: titleWords, afterHeading: afterHeading,
                                                     beforeParagraph: beforeParagraph) {
                    dropped[k] = .caption
                    continue
                }
                // An alt text glued to the paragraph with a no-break space: "Show Season 2\u{A0} Show is a…".
                if block.nbspSpace > block.text.lowerBound, !shaped[k] {
                    let prefix = buf[block.text.lowerBound..<block.nbspSpace]
                    let ws = TextBlockClassifier.words(prefix)
                    let rest = block.text.upperBound - block.nbspSpace - 1
                    if ws.count >= 2, ws.count <= 8, ws.allSatisfy({ titleWords.contains($0.word) }), rest >= 40,
                       !TextBlockClassifier.hasFinalPunctuation(prefix),
                       buf[block.nbspSpace + 1] >= 0x41, buf[block.nbspSpace + 1] <= 0x5A {
                        cuts[k].append((block.text.lowerBound..<(block.nbspSpace + 1), .caption))
                    }
                }
            }
        }

        // Script statements glued into a kept paragraph: "… season. (adsbygoogle = …).push({}); The …".
        buf.withUnsafeBufferPointer { b in
            for k in blocks.indices where dropped[k] == nil && (blocks[k].hasSemicolon || !cuts[k].isEmpty) {
                let inline = codeCuts[k].isEmpty && blocks[k].hasSemicolon ? inlineCodeCuts(b, blocks[k].text) : codeCuts[k]
                for r in inline {
                    cuts[k].append((r, .script))
                }
                cuts[k].sort { $0.text.lowerBound < $1.text.lowerBound }
                // Keep the cuts disjoint.
                var merged: [(text: Range<Int>, kind: RemovalKind)] = []
                for c in cuts[k] {
                    if let last = merged.last, c.text.lowerBound < last.text.upperBound {
                        merged[merged.count - 1].text = last.text.lowerBound..<max(last.text.upperBound, c.text.upperBound)
                    } else {
                        merged.append(c)
                    }
                }
                cuts[k] = merged
            }
        }

        // Extent of the spans inside each block, so a dropped block is recorded as one span.
        var inner = [Range<Int>?](repeating: nil, count: blocks.count)
        for s in scanner.spans where s.block >= 0 && s.block < blocks.count {
            if let r = inner[s.block] {
                inner[s.block] = min(r.lowerBound, s.source.lowerBound)..<max(r.upperBound, s.source.upperBound)
            } else {
                inner[s.block] = s.source
            }
        }

        // Assemble the text.
        var asm = TextAssembler(capacity: buf.count + blocks.count * 2)
        var out: [TextBlock] = []
        var removed: [(kind: RemovalKind, source: Range<Int>)] = []
        removed.reserveCapacity(scanner.spans.count + 8)
        for s in scanner.spans where s.block < 0 || s.block >= blocks.count || dropped[s.block] == nil {
            removed.append((s.kind, s.source))
        }
        let pieces = scanner.pieces
        for (k, block) in blocks.enumerated() {
            if let kind = dropped[k] {
                var r = block.source
                if let i = inner[k] { r = min(r.lowerBound, i.lowerBound)..<max(r.upperBound, i.upperBound) }
                removed.append((kind, r))
                continue
            }
            if k == titleBlock && !titleInText { continue }
            let blockPieces = pieces[block.pieces]
            for c in cuts[k] { removed.append((c.kind, sourceRange(of: c.text, in: blockPieces))) }
            let before = asm.count
            if !out.isEmpty { asm.appendSynthetic("\n\n".utf8) }
            let start = asm.count
            var starts = [start]
            if cuts[k].isEmpty && block.splits.isEmpty {
                for piece in blockPieces { append(piece, to: &asm, u: u, buf: buf) }
                if asm.count == start {
                    asm.truncate(to: before)
                    continue
                }
            } else {
                appendOutside(cuts[k].map(\.text), splits: block.splits, pieces: blockPieces, to: &asm, u: u, buf: buf,
                              starts: &starts)
                if asm.count == start {
                    asm.truncate(to: before)
                    continue
                }
            }
            let kind: TextBlock.Kind = block.hint ?? (shaped[k] ? .heading : .paragraph)
            for (j, s) in starts.enumerated() {
                let e = j + 1 < starts.count ? starts[j + 1] - 2 : asm.count
                out.append(TextBlock(kind: kind, text: ByteRange(start: s, end: e)))
            }
        }

        let spans = finishSpans(removed, u: u, decoded: decoded)
        let (text, map) = asm.build(decoded: decoded)
        _ = n
        return CleanedArticle(title: title, published: published, text: text, blocks: out, removed: spans,
                              warnings: decoded.warnings + scanner.warnings, sourceMap: map, format: .text,
                              encoding: decoded.encoding)
    }

    // MARK: - Assembly helpers

    static func append(_ piece: TextPiece, to asm: inout TextAssembler, u: UnsafeBufferPointer<UInt8>, buf: [UInt8]) {
        switch piece.mode {
        case .copied: appendCopiedText(u, piece.source, to: &asm)
        case .replaced: asm.appendReplacement(buf[piece.text], source: piece.source)
        case .synthetic: asm.appendSynthetic(buf[piece.text])
        }
    }

    /// Appends `u[range]` verbatim except zero-width spaces and zero-width no-break spaces
    /// (U+200B, U+FEFF), which are dropped as the HTML cleaner drops them: left in, they split
    /// numbers ("1,000,\u{200B}000") and words.
    static func appendCopiedText(_ u: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, to asm: inout TextAssembler) {
        var run = range.lowerBound
        var i = range.lowerBound
        while i + 3 <= range.upperBound {
            let b = u[i]
            if (b == 0xE2 && u[i + 1] == 0x80 && u[i + 2] == 0x8B) || (b == 0xEF && u[i + 1] == 0xBB && u[i + 2] == 0xBF) {
                if run < i { asm.appendCopied(u, from: run..<i) }
                i += 3
                run = i
            } else {
                i += 1
            }
        }
        if run < range.upperBound { asm.appendCopied(u, from: run..<range.upperBound) }
    }

    /// Appends the parts of `pieces` outside the sorted, disjoint text ranges `cuts`. Copied pieces are
    /// split exactly; a replaced or synthetic piece goes with its first byte.
    ///
    /// Text on both sides of a cut, or of one of the ascending text offsets `splits` (where the
    /// scanner removed text), goes to separate blocks: the part before loses its trailing space, a
    /// blank line follows, and the text offset where the next part starts is appended to `starts`
    /// (which holds the block's own start). Joined into one sentence, the parts would give quotes
    /// whose source range also holds the removed code or words.
    static func appendOutside(_ cuts: [Range<Int>], splits: [Int], pieces: ArraySlice<TextPiece>,
                              to asm: inout TextAssembler, u: UnsafeBufferPointer<UInt8>, buf: [UInt8],
                              starts: inout [Int]) {
        var c = 0
        var sp = 0
        var crossed = false
        func beginPart() {
            guard crossed else { return }
            crossed = false
            let partStart = starts[starts.count - 1]
            var keep = asm.count
            while keep > partStart {
                let b = asm.bytes[keep - 1]
                guard b == 0x20 || b == 0x0A || b == 0x09 else { break }
                keep -= 1
            }
            asm.truncate(to: keep)
            guard keep > partStart else { return }
            asm.appendSynthetic("\n\n".utf8)
            starts.append(asm.count)
        }
        for piece in pieces {
            var t = piece.text.lowerBound
            while t < piece.text.upperBound {
                while sp < splits.count, splits[sp] <= t { crossed = true; sp += 1 }
                while c < cuts.count, cuts[c].upperBound <= t { c += 1 }
                if c < cuts.count, cuts[c].lowerBound <= t {
                    crossed = true
                    guard piece.mode == .copied else { break }
                    t = min(piece.text.upperBound, cuts[c].upperBound)
                    continue
                }
                beginPart()
                var end = c < cuts.count ? min(piece.text.upperBound, cuts[c].lowerBound) : piece.text.upperBound
                if piece.mode == .copied, sp < splits.count { end = min(end, splits[sp]) }
                if piece.mode == .copied {
                    let s0 = piece.source.lowerBound + (t - piece.text.lowerBound)
                    appendCopiedText(u, s0..<(s0 + end - t), to: &asm)
                } else {
                    append(piece, to: &asm, u: u, buf: buf)
                    break
                }
                t = end
            }
        }
    }

    /// The decoded input range that the text range `r` of a block stands for.
    static func sourceRange(of r: Range<Int>, in pieces: ArraySlice<TextPiece>) -> Range<Int> {
        var lo = Int.max, hi = 0
        for p in pieces where p.text.upperBound > r.lowerBound && p.text.lowerBound < r.upperBound {
            if p.mode == .copied {
                let a = p.source.lowerBound + max(0, r.lowerBound - p.text.lowerBound)
                let b = p.source.lowerBound + min(p.text.count, r.upperBound - p.text.lowerBound)
                lo = min(lo, a); hi = max(hi, b)
            } else if !p.source.isEmpty {
                lo = min(lo, p.source.lowerBound); hi = max(hi, p.source.upperBound)
            }
        }
        return lo == Int.max ? 0..<0 : lo..<max(lo, hi)
    }

    /// Whether the text of `r` outside `cuts` holds prose: at least four words of letters.
    static func hasProseOutside(_ cuts: [Range<Int>], _ b: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> Bool {
        var words = 0
        var c = 0
        var inWord = false, plain = true
        var k = r.lowerBound
        while k <= r.upperBound {
            while c < cuts.count, cuts[c].upperBound <= k { c += 1 }
            let inside = c < cuts.count && cuts[c].lowerBound <= k && k < r.upperBound
            let ch: UInt8 = k < r.upperBound && !inside ? b[k] : 0x20
            if ch == 0x20 {
                if inWord && plain { words += 1 }
                inWord = false
                plain = true
            } else {
                inWord = true
                let letter = (ch | 0x20) >= 0x61 && (ch | 0x20) <= 0x7A || ch >= 0x80
                if !(letter || ch == 0x2C || ch == 0x2E || ch == 0x27 || ch == 0x3F || ch == 0x21) { plain = false }
            }
            if words >= 4 { return true }
            k += 1
        }
        return false
    }

    /// Script statements inside a block's text `r`: a run from a sentence start to a `;`
    /// that ``TextBlockClassifier/codeKind(_:_:_:)`` takes for code, with the spaces after it (or before
    /// it, at the end of the block). Every byte is looked at by at most one candidate.
    static func inlineCodeCuts(_ b: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> [Range<Int>] {
        var cuts: [Range<Int>] = []
        var floor = r.lowerBound      // candidates start at or after this
        var sentence = r.lowerBound   // after the last ". ", "! ", "? "
        var k = r.lowerBound
        while k < r.upperBound {
            let c = b[k]
            if c == 0x20, k > r.lowerBound, b[k - 1] == 0x2E || b[k - 1] == 0x21 || b[k - 1] == 0x3F {
                sentence = k + 1
                k += 1
                continue
            }
            guard c == 0x3B, k > floor else { k += 1; continue }
            let s = max(floor, sentence)
            guard k + 1 - s >= 12, k + 1 - s <= 2000, TextBlockClassifier.codeKind(b, s, k + 1) != nil else {
                floor = k + 1
                k += 1
                continue
            }
            // Closing punctuation of the same snippet: " }); ", "})();".
            var e = k + 1
            var probe = e
            while probe < r.upperBound {
                let d = b[probe]
                if d == 0x7D || d == 0x29 || d == 0x3B || d == 0x5D {
                    probe += 1
                    e = probe
                } else if d == 0x20 {
                    probe += 1
                } else {
                    break
                }
            }
            // Take the spaces after the snippet, or before it when it ends the block.
            var start = s
            if e < r.upperBound || start == r.lowerBound {
                while e < r.upperBound, b[e] == 0x20 { e += 1 }
            } else {
                while start > r.lowerBound, b[start - 1] == 0x20 { start -= 1 }
            }
            cuts.append(start..<e)
            floor = e
            sentence = e
            k = e
        }
        return cuts
    }

    // MARK: - Helpers

    static func skipSpace(_ u: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int {
        var k = i
        while k < u.count {
            let c = u[k]
            if c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == 0x0C {
                k += 1
            } else if c == 0xC2, k + 1 < u.count, u[k + 1] == 0xA0 {
                k += 2
            } else {
                break
            }
        }
        return k
    }

    /// Sorts, merges (same kind, touching or separated by whitespace) and converts spans to raw offsets with previews.
    static func finishSpans(_ spans: [(kind: RemovalKind, source: Range<Int>)], u: UnsafeBufferPointer<UInt8>,
                            decoded: DecodedInput) -> [RemovedSpan] {
        let sorted = spans.enumerated().sorted {
            $0.element.source.lowerBound != $1.element.source.lowerBound
                ? $0.element.source.lowerBound < $1.element.source.lowerBound : $0.offset < $1.offset
        }.map(\.element)
        var merged: [(kind: RemovalKind, source: Range<Int>)] = []
        merged.reserveCapacity(sorted.count)
        for s in sorted where !s.source.isEmpty {
            if let last = merged.last, last.kind == s.kind, s.source.lowerBound <= last.source.upperBound
                || onlySpace(u, last.source.upperBound, s.source.lowerBound) {
                merged[merged.count - 1].source = last.source.lowerBound..<max(last.source.upperBound, s.source.upperBound)
            } else {
                merged.append(s)
            }
        }
        return merged.map { s in
            RemovedSpan(kind: s.kind,
                        source: ByteRange(start: decoded.rawOffset(s.source.lowerBound),
                                          end: decoded.rawOffset(s.source.upperBound)),
                        preview: preview(u, s.source))
        }
    }

    static func onlySpace(_ u: UnsafeBufferPointer<UInt8>, _ a: Int, _ b: Int) -> Bool {
        guard a <= b, b - a <= 256 else { return false }
        for k in a..<b {
            let c = u[k]
            if !(c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == 0x0C) { return false }
        }
        return true
    }

    /// The first 80 characters of `u[r]`, whitespace collapsed.
    static func preview(_ u: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(min(r.count, 96))
        var scalars = 0
        var space = false
        var k = r.lowerBound
        let end = min(r.upperBound, u.count)
        while k < end {
            let c = u[k]
            k += 1
            if c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == 0x0C {
                space = true
                continue
            }
            if c & 0xC0 != 0x80 {
                // A new character (ASCII or a lead byte), after the space it may need.
                if space, !out.isEmpty {
                    if scalars >= 80 { break }
                    out.append(0x20)
                    scalars += 1
                }
                if scalars >= 80 { break }
                scalars += 1
            }
            space = false
            out.append(c)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The end of a stray fragment at `pos`, the start of the dump: the tail of a cut tag
    /// (`ript async src="">`, `div>`), the tail of a comment (`-->`) or of a script (`…});</script>`).
    static func leadingFragmentEnd(_ u: UnsafeBufferPointer<UInt8>, _ pos: Int) -> Int? {
        let n = u.count
        guard pos < n, u[pos] != 0x3C else { return nil }
        var e = pos
        while e < n, e - pos < 4096, u[e] != 0x0A { e += 1 }
        // The first `>` or `<` on the line.
        var q = pos
        while q < e, u[q] != 0x3E, u[q] != 0x3C { q += 1 }
        if q < e, u[q] == 0x3E {
            if q >= pos + 2, u[q - 1] == 0x2D, u[q - 2] == 0x2D { return q + 1 }  // "-->"
            if looksLikeTagTail(u, pos, q) { return q + 1 }
            return nil
        }
        // A script tail: code up to a closing </script> or </style> within the first lines.
        if q < e, q + 1 < n, u[q + 1] == 0x2F {
            var ne = q + 2
            while ne < n, TextDumpScanner.isLetter(u[ne]) { ne += 1 }
            let key = TextTagLexicon.pack(u, q + 2, ne)
            if key == TextTagLexicon.pack("script") || key == TextTagLexicon.pack("style"),
               TextBlockClassifier.codeKind(u, pos, q) != nil || q - pos <= 2 {
                var g = ne
                while g < n, g - ne < 64, u[g] != 0x3E { g += 1 }
                if g < n, u[g] == 0x3E { return g + 1 }
            }
        }
        return nil
    }

    /// Whether `u[a..<b]` is the end of a tag cut at its start: an optional name or value tail, then attributes.
    static func looksLikeTagTail(_ u: UnsafeBufferPointer<UInt8>, _ a: Int, _ b: Int) -> Bool {
        guard b > a else { return false }
        var k = a
        var sawQuoteOrEquals = false
        let c = u[a]
        if TextDumpScanner.isNameByte(c) || c == 0x5F || c == 0x2E || c == 0x2F || c == 0x3A {
            while k < b {
                let d = u[k]
                if TextDumpScanner.isNameByte(d) || d == 0x5F || d == 0x2E || d == 0x2F || d == 0x3A || d == 0x3F
                    || d == 0x26 || d == 0x25 || d == 0x3D {
                    if d == 0x3D { sawQuoteOrEquals = true }
                    k += 1
                } else {
                    break
                }
            }
            if k < b, u[k] == 0x22 || u[k] == 0x27 {
                sawQuoteOrEquals = true
                k += 1
            }
        } else if c == 0x22 || c == 0x27 {
            sawQuoteOrEquals = true
            k += 1
        } else {
            return false
        }
        let shape = TextDumpScanner.attributeShape(u, k, b)
        guard shape.ok else { return false }
        if shape.hasEquals || sawQuoteOrEquals { return true }
        // No attribute values at all: only a bare cut-off name such as "div" or "ript".
        guard shape.empty, b - a <= 12 else { return false }
        for j in a..<b where !TextDumpScanner.isLetter(u[j]) { return false }
        return true
    }

    /// Whether the dump is hard-wrapped prose (paragraphs broken into lines at a fixed width), in which
    /// case single line breaks are spaces; otherwise each line is a block.
    static func isHardWrapped(_ u: UnsafeBufferPointer<UInt8>, _ start: Int) -> Bool {
        let n = u.count
        var lines = 0, wrapped = 0
        var prevEndsOpen = false
        var i = start
        // The first 2,000 lines tell how the whole dump was saved.
        while i < n, lines < 2000 {
            var e = i
            while e < n, u[e] != 0x0A { e += 1 }
            var s = i
            while s < e, u[s] == 0x20 || u[s] == 0x09 { s += 1 }
            var t = e
            while t > s, u[t - 1] == 0x20 || u[t - 1] == 0x09 || u[t - 1] == 0x0D { t -= 1 }
            if t > s {
                lines += 1
                if prevEndsOpen, u[s] >= 0x61, u[s] <= 0x7A { wrapped += 1 }
                let last = u[t - 1]
                let closed = last == 0x2E || last == 0x21 || last == 0x3F || last == 0x3A || last == 0x3B
                    || last == 0x22 || last == 0x3E || last == 0x29
                prevEndsOpen = !closed && t - s >= 40
            } else {
                prevEndsOpen = false
            }
            i = e + 1
        }
        return wrapped >= 2 && wrapped * 4 >= lines
    }
}
