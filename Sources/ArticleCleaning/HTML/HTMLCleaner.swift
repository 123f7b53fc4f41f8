/// Cleans HTML documents and fragments with libxml2.
enum HTMLCleaner {
    static func clean(_ decoded: DecodedInput) -> CleanedArticle {
        // Placeholder until the libxml2 cleaner lands: the decoded text as one block.
        var asm = TextAssembler()
        asm.appendCopied(decoded.utf8, from: 0..<decoded.utf8.count)
        let (text, map) = asm.build(decoded: decoded)
        return CleanedArticle(title: nil, published: nil, text: text,
                              blocks: [TextBlock(kind: .paragraph, text: ByteRange(start: 0, end: asm.count))],
                              removed: [], warnings: decoded.warnings, sourceMap: map, format: .html,
                              encoding: decoded.encoding)
    }
}
