import CArticleXML

/// Diagnostics for tuning the HTML cleaner (not a stable API).
public enum _HTMLCleanerDebug {
    /// A description of the content selection for an HTML page: the top candidates with their scores.
    public static func explain(_ bytes: [UInt8]) -> String {
        let decoded = InputDecoder.decode(bytes)
        return decoded.utf8.withUnsafeBufferPointer { input -> String in
            let tree = HTMLTree.parse(input)
            var doc = HTMLDocument(tree: tree, input: input)
            doc.analyse()
            var out = "nodes: \(doc.count), adjusted chunks: \(tree.adjustedChunks)\n"
            let ranked = ContentSelector.rank(&doc)
            for (i, s) in ranked.prefix(8) {
                let line: String = "\(Int(s))  " + describe(&doc, i)
                out += line + "\n"
            }
            let sel = ContentSelector.select(&doc)
            out += "roots: " + sel.roots.map { describe(&doc, $0) }.joined(separator: "\n       ") + "\n"
            return out
        }
    }

    static func describe(_ doc: inout HTMLDocument, _ i: Int) -> String {
        let cls = doc.tree.attributeString(i, Int(AX_ATTR_CLASS)) ?? ""
        let id = doc.tree.attributeString(i, Int(AX_ATTR_ID)) ?? ""
        var depth = 0
        var a = doc.parent(i)
        while a >= 0 { depth += 1; a = doc.parent(a) }
        let ld = Int(doc.linkDensity(i) * 100)
        let hints = doc.hints(i).rawValue
        var s = "#\(i) tag=\(doc.tag(i)) depth=\(depth) class=\"\(cls.prefix(60))\" id=\"\(id)\""
        s += " chars=\(doc.chars[i]) ld=\(ld)% paras=\(doc.paragraphs[i]) hints=\(hints)"
        return s
    }
}
