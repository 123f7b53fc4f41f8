/// Tells HTML documents and fragments from plain-text dumps with markup remnants.
public enum InputKindDetector {
    /// Detects the kind of the decoded UTF-8 input.
    ///
    /// A document is HTML when it starts (after whitespace) with a doctype, `<html`, `<head`,
    /// `<body`, or when markup dominates it; a dump whose text lines are mostly free of tags is text.
    public static func detect(_ utf8: [UInt8]) -> InputFormat {
        var i = 0
        while i < utf8.count, utf8[i] == 0x20 || utf8[i] == 0x0A || utf8[i] == 0x0D || utf8[i] == 0x09 { i += 1 }
        let head = utf8[i..<min(utf8.count, i + 512)].map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        let prefix = String(decoding: head, as: UTF8.self)
        for p in ["<!doctype", "<html", "<?xml", "<head", "<body", "<!--"] where prefix.hasPrefix(p) { return .html }
        // Fragment heuristic: count tags versus text bytes.
        var tags = 0, textBytes = 0, inTag = false
        let limit = min(utf8.count, 200_000)
        var k = 0
        while k < limit {
            let c = utf8[k]
            if c == 0x3C, k + 1 < limit, (utf8[k + 1] | 0x20) >= 0x61 && (utf8[k + 1] | 0x20) <= 0x7A || (k + 1 < limit && utf8[k + 1] == 0x2F) {
                inTag = true; tags += 1
            } else if c == 0x3E { inTag = false } else if !inTag { textBytes += 1 }
            k += 1
        }
        if prefix.hasPrefix("<") && tags > 3 { return .html }
        return tags * 40 > textBytes && tags > 10 ? .html : .text
    }
}
