/// Cleans plain-text dumps with markup remnants.
enum TextDumpCleaner {
    static func clean(_ decoded: DecodedInput) -> CleanedArticle {
        // Placeholder: paragraphs split on blank lines, first line as title.
        var asm = TextAssembler()
        var blocks: [TextBlock] = []
        var title: String? = nil
        let u = decoded.utf8
        var lineStart = 0
        var i = 0
        while i <= u.count {
            if i == u.count || u[i] == 0x0A {
                var s = lineStart, e = i
                while s < e, u[s] == 0x20 || u[s] == 0x09 || u[s] == 0x0D { s += 1 }
                while e > s, u[e - 1] == 0x20 || u[e - 1] == 0x09 || u[e - 1] == 0x0D { e -= 1 }
                if e > s {
                    if title == nil { title = String(decoding: u[s..<e], as: UTF8.self) }
                    if asm.count > 0 { asm.appendSynthetic("\n\n".utf8) }
                    let st = asm.count
                    asm.appendCopied(u, from: s..<e)
                    blocks.append(TextBlock(kind: .paragraph, text: ByteRange(start: st, end: asm.count)))
                }
                lineStart = i + 1
            }
            i += 1
        }
        let (text, map) = asm.build(decoded: decoded)
        return CleanedArticle(title: title, published: nil, text: text, blocks: blocks, removed: [],
                              warnings: decoded.warnings, sourceMap: map, format: .text, encoding: decoded.encoding)
    }
}
