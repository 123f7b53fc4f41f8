import CArticleXML

/// Cleans HTML documents and fragments with libxml2.
///
/// 1. libxml2 parses the decoded UTF-8 in SAX mode (``HTMLTree``); scripts, styles,
///    media, form controls, hidden elements and comments never reach the text.
/// 2. ``ContentSelector`` scores containers by their paragraphs (length, commas,
///    link density, class/id hints, `<article>`, `<main>`, `itemprop=articleBody`)
///    and picks the article body.
/// 3. The body is written block by block through ``BlockWriter``; furniture inside
///    it (related links, share bars, captions, teasers) is pruned, and every dropped
///    subtree is recorded as a ``RemovedSpan``.
enum HTMLCleaner {
    static func clean(_ decoded: DecodedInput) -> CleanedArticle {
        decoded.utf8.withUnsafeBufferPointer { input in
            clean(decoded, input)
        }
    }

    private static func clean(_ decoded: DecodedInput, _ input: UnsafeBufferPointer<UInt8>) -> CleanedArticle {
        var warnings = decoded.warnings
        guard input.count > 0 else {
            return CleanedArticle(title: nil, published: nil, text: "", blocks: [], removed: [], warnings: warnings,
                                  sourceMap: SourceMap(), format: .html, encoding: decoded.encoding)
        }
        let tree = HTMLTree.parse(input)
        if tree.failed { warnings.append("the HTML parser could not read the input") }
        var doc = HTMLDocument(tree: tree, input: input)
        doc.analyse()
        let selection = ContentSelector.select(&doc)
        let meta = HTMLMetadata.extract(doc, selection: selection)
        var writer = BlockWriter(capacity: min(input.count / 4, 1 << 20))
        writer.sourceBuffer = input
        var removed = ContentWriter.write(&doc, selection: selection, title: meta.title, into: &writer)
        removed.sort { $0.source.start != $1.source.start ? $0.source.start < $1.source.start : $0.source.end > $1.source.end }
        let rawRemoved = removed.map { r in
            RemovedSpan(kind: r.kind, source: ByteRange(start: decoded.rawOffset(r.source.start),
                                                        end: decoded.rawOffset(r.source.end)),
                        preview: r.preview)
        }
        let (text, map) = writer.asm.build(decoded: decoded)
        return CleanedArticle(title: meta.title, published: meta.published, text: text, blocks: writer.blocks,
                              removed: rawRemoved, warnings: warnings, sourceMap: map, format: .html,
                              encoding: decoded.encoding)
    }
}
