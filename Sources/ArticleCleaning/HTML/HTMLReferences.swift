import CArticleXML

/// Character references as the HTML cleaner reads them: libxml2's HTML parser, plus the
/// cleaner's Windows-1252 reading of `&#128;`–`&#159;`.
///
/// This differs from the HTML rules of ``CharacterReferences`` (which the text-dump cleaner
/// follows) on broken or rare references:
/// - a named reference is decoded only with its `;` and only when libxml2 knows the name
///   (`&amp` and `&commat;` stay as written);
/// - a numeric reference to a character XML does not allow (`&#0;`, `&#19;`, a surrogate, past
///   U+10FFFF) gives nothing, and so does `&#` without digits (`&#x` too, with a `;` after it).
///
/// The provenance check uses it to read HTML input the way the cleaner did.
public enum HTMLReferences {
    /// `s` with its character references read as the HTML cleaner reads them.
    public static func decode(_ s: String) -> String {
        guard s.utf8.contains(0x26) else { return s }
        let u = Array(s.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(u.count)
        let n = u.count
        var i = 0
        while i < n {
            guard u[i] == 0x26, i + 1 < n else {
                out.append(u[i])
                i += 1
                continue
            }
            if u[i + 1] == 0x23 {  // "&#": libxml2's htmlParseCharRef
                var j = i + 2
                let hex = j < n && (u[j] | 0x20) == 0x78
                if hex { j += 1 }
                var value: UInt32 = 0
                while j < n, let d = digit(u[j], hex: hex) {
                    if value < 0x110000 { value = value * (hex ? 16 : 10) + d }
                    j += 1
                }
                if j < n, u[j] == 0x3B { j += 1 }
                if isXMLChar(value) {
                    let scalar = value >= 0x80 && value <= 0x9F ? InputDecoder.cp1252High[Int(value) - 0x80] : value
                    InputDecoder.appendUTF8(scalar, to: &out)
                }
                i = j
                continue
            }
            // "&name;": decoded only when the ';' is there and libxml2 knows the name.
            var j = i + 1
            while j < n, isNameByte(u[j]) { j += 1 }
            if j > i + 1, j < n, u[j] == 0x3B {
                let value = u[(i + 1)..<j].withUnsafeBufferPointer { ax_html_entity($0.baseAddress, $0.count) }
                if value > 0 {
                    InputDecoder.appendUTF8(value, to: &out)
                    i = j + 1
                    continue
                }
            }
            out.append(u[i])
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    @inline(__always) static func digit(_ c: UInt8, hex: Bool) -> UInt32? {
        if c >= 0x30 && c <= 0x39 { return UInt32(c - 0x30) }
        if hex, (c | 0x20) >= 0x61, (c | 0x20) <= 0x66 { return UInt32((c | 0x20) - 0x61 + 10) }
        return nil
    }

    @inline(__always) static func isNameByte(_ c: UInt8) -> Bool {
        (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A || c >= 0x30 && c <= 0x39 || c == 0x2E || c == 0x2D || c == 0x5F
            || c == 0x3A
    }

    /// XML's `Char`: tab, line feed, carriage return, U+0020–U+D7FF, U+E000–U+FFFD, U+10000–U+10FFFF.
    @inline(__always) static func isXMLChar(_ v: UInt32) -> Bool {
        v == 0x09 || v == 0x0A || v == 0x0D || (v >= 0x20 && v <= 0xD7FF) || (v >= 0xE000 && v <= 0xFFFD)
            || (v >= 0x10000 && v <= 0x10FFFF)
    }
}
