import CArticleXML

/// A compact, preorder document tree built from libxml2's SAX event stream.
///
/// Nodes are stored in document order; the descendants of node `i` are the
/// nodes `i + 1 ..< nodes[i].end`, so every walk is a loop over an index
/// range and nothing recurses, however deep the input nests.
struct HTMLTree {
    enum Kind: UInt8 {
        case element
        case text
        case comment
    }

    struct Node {
        var kind: Kind
        var tag: UInt16
        /// `AX_FL_*` flags from the parser.
        var flags: UInt8
        var parent: Int32
        /// One past the last descendant.
        var end: Int32
        /// Element: the start tag's `<`; text: the first source byte.
        var srcStart: Int32
        /// Element: one past the end tag (or where the element was closed); text: one past the last source byte.
        var srcEnd: Int32
        /// Element: one past the start tag's `>`; text: offset of the decoded text in ``HTMLTree/pool``, or -1 when the source bytes are the text.
        var inner: Int32
        /// Element: where the end tag starts; text: the length of the decoded text.
        var innerEnd: Int32
        /// Element: first attribute in ``HTMLTree/attrs``.
        var attrStart: Int32
        /// Element: number of attributes.
        var attrCount: Int32
    }

    struct Attribute {
        var name: Int32
        var off: Int32
        var len: Int32
    }

    var nodes: [Node] = []
    var attrs: [Attribute] = []
    /// Attribute values and decoded text.
    var pool: [UInt8] = []
    /// Text chunks whose source position had to be searched for.
    var adjustedChunks = 0
    /// The parser ran out of memory or could not start.
    var failed = false

    var count: Int { nodes.count }

    /// Parses UTF-8 HTML.
    static func parse(_ input: UnsafeBufferPointer<UInt8>) -> HTMLTree {
        var tree = HTMLTree()
        guard let base = input.baseAddress, input.count > 0 else { return tree }
        var result = ax_result()
        let status = ax_parse_html(base, input.count, &result)
        defer { ax_result_free(&result) }
        tree.failed = status == -1
        tree.adjustedChunks = Int(result.adjusted_chunks)
        if result.pool_len > 0, let p = result.pool {
            tree.pool = Array(UnsafeBufferPointer(start: p, count: result.pool_len))
        }
        if result.attr_count > 0, let a = result.attrs {
            let buf = UnsafeBufferPointer(start: a, count: result.attr_count)
            tree.attrs.reserveCapacity(buf.count)
            for x in buf { tree.attrs.append(Attribute(name: x.name, off: x.off, len: x.len)) }
        }
        if result.event_count > 0, let e = result.events {
            tree.build(UnsafeBufferPointer(start: e, count: result.event_count), inputCount: input.count)
        }
        return tree
    }

    private mutating func build(_ events: UnsafeBufferPointer<ax_event>, inputCount: Int) {
        nodes.reserveCapacity(events.count / 2 + 16)
        var stack: [Int32] = []
        stack.reserveCapacity(64)
        let poolCount = Int32(pool.count)
        let attrTotal = Int32(attrs.count)
        let limit = Int32(clamping: inputCount)
        @inline(__always) func clamp(_ v: Int32) -> Int32 { min(max(0, v), limit) }

        func close(_ idx: Int32, at position: Int32, tagStart: Int32) {
            let i = Int(idx)
            nodes[i].end = Int32(nodes.count)
            nodes[i].srcEnd = max(nodes[i].srcStart, position)
            nodes[i].innerEnd = min(max(nodes[i].inner, tagStart), nodes[i].srcEnd)
        }

        for ev in events {
            switch Int(ev.kind) {
            case AX_EV_START:
                let parent = stack.last ?? -1
                let s = clamp(ev.start), e = clamp(ev.end)
                var aStart = ev.data, aCount = ev.len
                if aStart < 0 || aCount < 0 || aStart + aCount > attrTotal { aStart = 0; aCount = 0 }
                nodes.append(Node(kind: .element, tag: ev.tag, flags: ev.flags, parent: parent, end: 0,
                                  srcStart: s, srcEnd: e, inner: max(s, e), innerEnd: max(s, e),
                                  attrStart: aStart, attrCount: aCount))
                stack.append(Int32(nodes.count - 1))
            case AX_EV_END:
                // Close up to the innermost open element with this tag; ignore stray end events.
                // libxml2 balances its events, so the match is normally on top; the search is bounded.
                var k = stack.count - 1
                let lowest = max(0, stack.count - 64)
                while k >= lowest && nodes[Int(stack[k])].tag != ev.tag { k -= 1 }
                if k < lowest { continue }
                let s = clamp(ev.start), e = clamp(ev.end)
                while stack.count > k {
                    let idx = stack.removeLast()
                    close(idx, at: stack.count == k ? e : s, tagStart: s)
                }
            case AX_EV_TEXT:
                let parent = stack.last ?? -1
                var off: Int32 = -1, len: Int32 = 0
                if Int(ev.flags) & AX_FL_COPY == 0 {
                    off = ev.data; len = ev.len
                    if off < 0 || len < 0 || off + len > poolCount { continue }
                    // libxml2 decodes &#128;–&#159; to the C1 controls U+0080–U+009F; HTML reads them
                    // as Windows-1252 (&#146; is ’, &#150; is –), as the text-dump cleaner does.
                    if len == 2, pool[Int(off)] == 0xC2, pool[Int(off) + 1] >= 0x80, pool[Int(off) + 1] <= 0x9F {
                        let mapped = InputDecoder.cp1252High[Int(pool[Int(off) + 1]) - 0x80]
                        let start = pool.count
                        InputDecoder.appendUTF8(mapped, to: &pool)
                        off = Int32(start); len = Int32(pool.count - start)
                    }
                }
                let s = clamp(ev.start), e = max(clamp(ev.start), clamp(ev.end))
                nodes.append(Node(kind: .text, tag: 0, flags: ev.flags, parent: parent, end: Int32(nodes.count + 1),
                                  srcStart: s, srcEnd: e, inner: off, innerEnd: len, attrStart: 0, attrCount: 0))
            case AX_EV_COMMENT:
                let parent = stack.last ?? -1
                let s = clamp(ev.start), e = max(clamp(ev.start), clamp(ev.end))
                nodes.append(Node(kind: .comment, tag: 0, flags: 0, parent: parent, end: Int32(nodes.count + 1),
                                  srcStart: s, srcEnd: e, inner: s, innerEnd: e, attrStart: 0, attrCount: 0))
            default:
                continue
            }
        }
        while let idx = stack.popLast() {
            let last = nodes.count > 0 ? nodes[nodes.count - 1].srcEnd : 0
            close(idx, at: max(last, nodes[Int(idx)].srcEnd), tagStart: max(last, nodes[Int(idx)].srcEnd))
        }
    }

    /// The value of attribute `name` (`AX_ATTR_*`) of element `i`, as bytes of the pool.
    func attribute(_ i: Int, _ name: Int) -> Range<Int>? {
        let n = nodes[i]
        guard n.attrCount > 0 else { return nil }
        for k in Int(n.attrStart)..<Int(n.attrStart + n.attrCount) where Int(attrs[k].name) == name {
            return Int(attrs[k].off)..<Int(attrs[k].off + attrs[k].len)
        }
        return nil
    }

    /// The value of attribute `name` of element `i` as a string.
    func attributeString(_ i: Int, _ name: Int) -> String? {
        guard let r = attribute(i, name) else { return nil }
        return String(decoding: pool[r], as: UTF8.self)
    }
}
