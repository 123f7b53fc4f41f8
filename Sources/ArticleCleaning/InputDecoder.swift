/// Input bytes decoded to valid UTF-8, with a way back to the raw byte offsets.
public struct DecodedInput: Sendable {
    /// Valid UTF-8 bytes. NUL and other C0 control bytes (except tab, LF, CR, FF) are replaced by spaces one for one.
    public let utf8: [UInt8]
    /// The encoding the bytes were decoded from: `utf-8`, `utf-16le`, `utf-16be`, `utf-32le`, `utf-32be`,
    /// `windows-1252`, or another charset named by the document.
    public let encoding: String
    /// Problems found while decoding (replaced bytes, NUL bytes, a misleading charset declaration).
    public let warnings: [String]
    /// The length of the raw input in bytes.
    public let rawCount: Int
    /// decoded offset → raw offset (`utf8.count + 1` entries), `nil` when they are the same.
    let decodedToRaw: [Int32]?

    /// The raw input offset of decoded byte offset `offset` (`utf8.count` maps to the end of the input).
    public func rawOffset(_ offset: Int) -> Int {
        guard let table = decodedToRaw else { return offset }
        return Int(table[min(max(0, offset), table.count - 1)])
    }
}

/// Decides the encoding of input bytes and decodes them to UTF-8.
///
/// The order of evidence: a byte-order mark (UTF-8/16/32); else UTF-16 recognised by its zero
/// bytes (mostly-ASCII text without a byte-order mark); else bytes that are
/// valid UTF-8 are UTF-8, whatever a `<meta charset>` claims (real pages lie);
/// else the charset declared by a `<meta>` tag or an XML declaration; else
/// Windows-1252. Invalid UTF-8 bytes become U+FFFD, one replacement per byte,
/// and are reported in ``DecodedInput/warnings``.
public enum InputDecoder {
    /// Decodes `bytes`.
    public static func decode(_ bytes: [UInt8]) -> DecodedInput {
        bytes.withUnsafeBufferPointer { decode($0) }
    }

    /// Decodes the bytes in `buffer`.
    public static func decode(_ buffer: UnsafeBufferPointer<UInt8>) -> DecodedInput {
        let n = buffer.count
        if n >= 4, buffer[0] == 0xFF, buffer[1] == 0xFE, buffer[2] == 0, buffer[3] == 0 {
            return decodeUTF32(buffer, littleEndian: true)
        }
        if n >= 4, buffer[0] == 0, buffer[1] == 0, buffer[2] == 0xFE, buffer[3] == 0xFF {
            return decodeUTF32(buffer, littleEndian: false)
        }
        if n >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF {
            return decodeUTF8(buffer, skip: 3, declared: nil)
        }
        if n >= 2, buffer[0] == 0xFF, buffer[1] == 0xFE { return decodeUTF16(buffer, littleEndian: true) }
        if n >= 2, buffer[0] == 0xFE, buffer[1] == 0xFF { return decodeUTF16(buffer, littleEndian: false) }

        if let littleEndian = utf16WithoutBOM(buffer) {
            return decodeUTF16(buffer, littleEndian: littleEndian, start: 0)
        }
        // The common case: valid UTF-8 with nothing to replace is used as it is.
        let (cleanEnd, sawMultibyte) = cleanPrefix(buffer, from: 0)
        if cleanEnd == n {
            var warnings: [String] = []
            if sawMultibyte, let d = declaredCharset(buffer), !isUTF8Name(d) {
                warnings.append("the document declares charset \(d) but its bytes are valid UTF-8; decoded as UTF-8")
            }
            return DecodedInput(utf8: Array(buffer), encoding: "utf-8", warnings: warnings, rawCount: n,
                                decodedToRaw: nil)
        }
        let (invalid, places, multibyte) = utf8Stats(buffer)
        let declared = declaredCharset(buffer)
        if invalid == 0 {
            var warnings: [String] = []
            if let d = declared, !isUTF8Name(d), multibyte > 0 {
                warnings.append("the document declares charset \(d) but its bytes are valid UTF-8; decoded as UTF-8")
            }
            return decodeUTF8(buffer, skip: 0, declared: nil, extraWarnings: warnings)
        }
        if let d = declared {
            if isUTF8Name(d) { return decodeUTF8(buffer, skip: 0, declared: d) }
            if isLatin1Name(d) { return decodeWindows1252(buffer, name: "windows-1252") }
        }
        // Mostly valid UTF-8 with a few bad bytes (or a sequence cut off at the end): keep UTF-8, replace them.
        if places == 0 || (multibyte > 0 && places <= multibyte) {
            return decodeUTF8(buffer, skip: 0, declared: nil)
        }
        var result = decodeWindows1252(buffer, name: "windows-1252")
        if let d = declared, !isLatin1Name(d) {
            result = DecodedInput(utf8: result.utf8, encoding: result.encoding,
                                  warnings: result.warnings + ["unsupported charset \(d); decoded as windows-1252"],
                                  rawCount: result.rawCount, decodedToRaw: result.decodedToRaw)
        }
        return result
    }

    static func isUTF8Name(_ s: String) -> Bool { s == "utf-8" || s == "utf8" }
    static func isLatin1Name(_ s: String) -> Bool {
        ["windows-1252", "cp1252", "iso-8859-1", "iso8859-1", "latin1", "latin-1", "us-ascii", "ascii",
         "iso-8859-15", "x-cp1252"].contains(s)
    }

    /// Whether the bytes look like UTF-16 without a byte-order mark (mostly ASCII text, so every other
    /// byte is zero): `true` for little-endian, `false` for big-endian, `nil` when they do not.
    static func utf16WithoutBOM(_ b: UnsafeBufferPointer<UInt8>) -> Bool? {
        let pairs = min(b.count, 1024) / 2
        guard pairs >= 2 else { return nil }
        var evenZero = 0, oddZero = 0
        for k in 0..<pairs {
            if b[2 * k] == 0 { evenZero += 1 }
            if b[2 * k + 1] == 0 { oddZero += 1 }
        }
        if oddZero * 10 >= pairs * 7 && evenZero * 20 <= pairs { return true }
        if evenZero * 10 >= pairs * 7 && oddZero * 20 <= pairs { return false }
        return nil
    }

    /// The end of the longest prefix from `start` that is valid UTF-8 without control bytes to replace,
    /// and whether it holds a multi-byte sequence. ASCII runs are checked eight bytes at a time.
    static func cleanPrefix(_ b: UnsafeBufferPointer<UInt8>, from start: Int) -> (end: Int, multibyte: Bool) {
        let n = b.count
        guard let base = b.baseAddress, start < n else { return (max(start, 0), false) }
        let raw = UnsafeRawPointer(base)
        var i = start
        var multibyte = false
        while i < n {
            if i + 8 <= n {
                let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                // No byte >= 0x80 and none < 0x20: eight plain ASCII bytes.
                if w & 0x8080_8080_8080_8080 == 0,
                   (w &- 0x2020_2020_2020_2020) & ~w & 0x8080_8080_8080_8080 == 0 {
                    i += 8
                    continue
                }
            }
            let c = b[i]
            if c < 0x80 {
                if isBadControl(c) { break }
                i += 1
            } else {
                let len = utf8SequenceLength(b, i)
                if len == 0 || (len == 3 && isNonCharacter(b, i)) { break }
                multibyte = true
                i += len
            }
        }
        return (i, multibyte)
    }

    /// Counts invalid bytes, the places where they occur (a run of bad bytes is one place; a sequence
    /// cut off by the end of the input is none), and valid multi-byte sequences.
    static func utf8Stats(_ b: UnsafeBufferPointer<UInt8>) -> (invalid: Int, places: Int, multibyte: Int) {
        var i = 0, invalid = 0, places = 0, multi = 0
        var lastBad = -2
        let n = b.count
        while i < n {
            let c = b[i]
            if c < 0x80 { i += 1; continue }
            let len = utf8SequenceLength(b, i)
            if len == 0 {
                invalid += 1
                if lastBad != i - 1 && !truncatedAtEnd(b, i) { places += 1 }
                lastBad = i
                i += 1
            } else {
                multi += 1
                i += len
            }
        }
        return (invalid, places, multi)
    }

    /// Whether a lead byte at `i` starts a sequence that only the end of the input cuts short.
    static func truncatedAtEnd(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
        let c = b[i]
        let need = c >= 0xF0 && c <= 0xF4 ? 4 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xC2 && c <= 0xDF ? 2 : 0
        guard need > 0, i + need > b.count else { return false }
        for k in (i + 1)..<b.count where b[k] & 0xC0 != 0x80 { return false }
        return true
    }

    /// Length of the valid UTF-8 sequence at `i`, or 0 when the byte there starts none.
    @inline(__always) static func utf8SequenceLength(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int {
        let n = b.count
        let c = b[i]
        if c < 0x80 { return 1 }
        @inline(__always) func cont(_ k: Int) -> Bool { k < n && b[k] & 0xC0 == 0x80 }
        if c >= 0xC2 && c <= 0xDF { return cont(i + 1) ? 2 : 0 }
        if c >= 0xE0 && c <= 0xEF {
            guard i + 2 < n, cont(i + 1), cont(i + 2) else { return 0 }
            let c1 = b[i + 1]
            if c == 0xE0 && c1 < 0xA0 { return 0 }
            if c == 0xED && c1 >= 0xA0 { return 0 }  // surrogates
            return 3
        }
        if c >= 0xF0 && c <= 0xF4 {
            guard i + 3 < n, cont(i + 1), cont(i + 2), cont(i + 3) else { return 0 }
            let c1 = b[i + 1]
            if c == 0xF0 && c1 < 0x90 { return 0 }
            if c == 0xF4 && c1 >= 0x90 { return 0 }
            return 4
        }
        return 0
    }

    /// The charset named by a `<meta>` tag or XML declaration in the first 4 KiB, lower-cased.
    static func declaredCharset(_ b: UnsafeBufferPointer<UInt8>) -> String? {
        let limit = min(b.count, 4096)
        @inline(__always) func lower(_ c: UInt8) -> UInt8 { c >= 0x41 && c <= 0x5A ? c | 0x20 : c }
        for key in [Array("charset=".utf8), Array("encoding=".utf8)] {
            var at = -1
            var i = 0
            while i + key.count <= limit {
                if lower(b[i]) == key[0] {
                    var j = 1
                    while j < key.count, lower(b[i + j]) == key[j] { j += 1 }
                    if j == key.count { at = i; break }
                }
                i += 1
            }
            guard at >= 0 else { continue }
            i = at + key.count
            while i < limit, b[i] == 0x22 || b[i] == 0x27 || b[i] == 0x20 { i += 1 }
            var name: [UInt8] = []
            while i < limit, name.count < 40 {
                let c = lower(b[i])
                let ok = (c >= 0x61 && c <= 0x7A) || (c >= 0x30 && c <= 0x39) || c == 0x2D || c == 0x5F || c == 0x3A
                if !ok { break }
                name.append(c); i += 1
            }
            if !name.isEmpty { return String(decoding: name, as: UTF8.self) }
        }
        return nil
    }

    @inline(__always) static func isBadControl(_ c: UInt8) -> Bool {
        c < 0x20 && c != 0x09 && c != 0x0A && c != 0x0D
    }

    /// U+FFFE or U+FFFF (EF BF BE / EF BF BF), which libxml2 drops from text; they become U+FFFD
    /// (same length) so the byte-for-byte source map holds.
    @inline(__always) static func isNonCharacter(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
        i + 2 < b.count && b[i] == 0xEF && b[i + 1] == 0xBF && b[i + 2] >= 0xBE
    }

    static func decodeUTF8(_ b: UnsafeBufferPointer<UInt8>, skip: Int, declared: String?,
                           extraWarnings: [String] = []) -> DecodedInput {
        let n = b.count
        var out: [UInt8] = []
        out.reserveCapacity(n - skip)
        // decoded → raw offsets, kept only once offsets move (a BOM, a replaced byte).
        var table: [Int32] = []
        var hasTable = skip > 0
        if hasTable { table.reserveCapacity(n - skip + 16) }
        var invalid = 0, controls = 0, nuls = 0, nonCharacters = 0
        var firstInvalid = -1
        var i = skip
        while i < n {
            // Bulk-copy the run that needs no change, then deal with the one byte that does.
            let clean = cleanPrefix(b, from: i).end
            if clean > i {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: b[i..<clean]))
                if hasTable { for k in i..<clean { table.append(Int32(k)) } }
                i = clean
                if i >= n { break }
            }
            let c = b[i]
            if c < 0x80 {
                // A control byte (cleanPrefix stops only at those among ASCII bytes).
                if c == 0 { nuls += 1 } else { controls += 1 }
                out.append(0x20)
                if hasTable { table.append(Int32(i)) }
                i += 1
                continue
            }
            if isNonCharacter(b, i) {
                nonCharacters += 1
                out.append(0xEF); out.append(0xBF); out.append(0xBD)
                if hasTable { table.append(Int32(i)); table.append(Int32(i + 1)); table.append(Int32(i + 2)) }
                i += 3
                continue
            }
            invalid += 1
            if firstInvalid < 0 { firstInvalid = i }
            if !hasTable {
                hasTable = true
                table.reserveCapacity(n + 16)
                for k in 0..<out.count { table.append(Int32(k)) }
            }
            out.append(0xEF); out.append(0xBF); out.append(0xBD)
            table.append(Int32(i)); table.append(Int32(i)); table.append(Int32(i))
            i += 1
        }
        if hasTable { table.append(Int32(n)) }
        var warnings = extraWarnings
        if invalid > 0 {
            warnings.append("\(invalid) invalid UTF-8 byte(s) replaced by U+FFFD (first at byte \(firstInvalid))")
        }
        if nuls > 0 { warnings.append("\(nuls) NUL byte(s) replaced by spaces") }
        if controls > 0 { warnings.append("\(controls) control byte(s) replaced by spaces") }
        if nonCharacters > 0 { warnings.append("\(nonCharacters) noncharacter(s) U+FFFE/U+FFFF replaced by U+FFFD") }
        return DecodedInput(utf8: out, encoding: "utf-8", warnings: warnings, rawCount: n,
                            decodedToRaw: hasTable ? table : nil)
    }

    static let cp1252High: [UInt32] = [
        0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
        0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,
    ]

    static func decodeWindows1252(_ b: UnsafeBufferPointer<UInt8>, name: String) -> DecodedInput {
        let n = b.count
        var out: [UInt8] = []
        out.reserveCapacity(n + n / 8)
        var table: [Int32] = []
        table.reserveCapacity(n + n / 8 + 1)
        var controls = 0
        for i in 0..<n {
            let c = b[i]
            if c < 0x80 {
                if isBadControl(c) { controls += 1; out.append(0x20) } else { out.append(c) }
                table.append(Int32(i))
                continue
            }
            let scalar: UInt32 = c < 0xA0 ? cp1252High[Int(c) - 0x80] : UInt32(c)
            let before = out.count
            appendUTF8(scalar, to: &out)
            for _ in before..<out.count { table.append(Int32(i)) }
        }
        table.append(Int32(n))
        var warnings: [String] = []
        if controls > 0 { warnings.append("\(controls) control byte(s) replaced by spaces") }
        return DecodedInput(utf8: out, encoding: name, warnings: warnings, rawCount: n, decodedToRaw: table)
    }

    static func decodeUTF16(_ b: UnsafeBufferPointer<UInt8>, littleEndian: Bool, start: Int = 2) -> DecodedInput {
        let n = b.count
        var out: [UInt8] = []
        out.reserveCapacity(n)
        var table: [Int32] = []
        table.reserveCapacity(n + 1)
        var bad = 0
        var i = start
        @inline(__always) func unit(_ k: Int) -> UInt32 {
            littleEndian ? UInt32(b[k]) | UInt32(b[k + 1]) << 8 : UInt32(b[k]) << 8 | UInt32(b[k + 1])
        }
        while i + 1 < n {
            var u = unit(i)
            var width = 2
            if u >= 0xD800 && u <= 0xDBFF, i + 3 < n {
                let lo = unit(i + 2)
                if lo >= 0xDC00 && lo <= 0xDFFF {
                    u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00)
                    width = 4
                } else { u = 0xFFFD; bad += 1 }
            } else if u >= 0xD800 && u <= 0xDFFF || u == 0xFFFE || u == 0xFFFF { u = 0xFFFD; bad += 1 }
            if u < 0x80 && isBadControl(UInt8(u)) { u = 0x20 }
            let before = out.count
            appendUTF8(u, to: &out)
            for _ in before..<out.count { table.append(Int32(i)) }
            i += width
        }
        if i < n { bad += 1; out.append(contentsOf: [0xEF, 0xBF, 0xBD]); table.append(contentsOf: [Int32(i), Int32(i), Int32(i)]) }
        table.append(Int32(n))
        var warnings: [String] = []
        if bad > 0 { warnings.append("\(bad) invalid UTF-16 code unit(s) replaced by U+FFFD") }
        return DecodedInput(utf8: out, encoding: littleEndian ? "utf-16le" : "utf-16be", warnings: warnings,
                            rawCount: n, decodedToRaw: table)
    }

    static func decodeUTF32(_ b: UnsafeBufferPointer<UInt8>, littleEndian: Bool) -> DecodedInput {
        let n = b.count
        var out: [UInt8] = []
        out.reserveCapacity(n / 2)
        var table: [Int32] = []
        var bad = 0
        var i = 4
        while i + 3 < n {
            var u: UInt32 = littleEndian
                ? UInt32(b[i]) | UInt32(b[i + 1]) << 8 | UInt32(b[i + 2]) << 16 | UInt32(b[i + 3]) << 24
                : UInt32(b[i]) << 24 | UInt32(b[i + 1]) << 16 | UInt32(b[i + 2]) << 8 | UInt32(b[i + 3])
            if u > 0x10FFFF || (u >= 0xD800 && u <= 0xDFFF) || u == 0xFFFE || u == 0xFFFF { u = 0xFFFD; bad += 1 }
            if u < 0x80 && isBadControl(UInt8(u)) { u = 0x20 }
            let before = out.count
            appendUTF8(u, to: &out)
            for _ in before..<out.count { table.append(Int32(i)) }
            i += 4
        }
        if i < n { bad += 1; out.append(contentsOf: [0xEF, 0xBF, 0xBD]); table.append(contentsOf: [Int32(i), Int32(i), Int32(i)]) }
        table.append(Int32(n))
        var warnings: [String] = []
        if bad > 0 { warnings.append("\(bad) invalid UTF-32 code unit(s) replaced by U+FFFD") }
        return DecodedInput(utf8: out, encoding: littleEndian ? "utf-32le" : "utf-32be", warnings: warnings,
                            rawCount: n, decodedToRaw: table)
    }

    /// Appends the UTF-8 encoding of `scalar` to `out`.
    @inline(__always) public static func appendUTF8(_ scalar: UInt32, to out: inout [UInt8]) {
        switch scalar {
        case 0..<0x80:
            out.append(UInt8(scalar))
        case 0x80..<0x800:
            out.append(UInt8(0xC0 | (scalar >> 6)))
            out.append(UInt8(0x80 | (scalar & 0x3F)))
        case 0x800..<0x10000:
            out.append(UInt8(0xE0 | (scalar >> 12)))
            out.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (scalar & 0x3F)))
        default:
            out.append(UInt8(0xF0 | (scalar >> 18)))
            out.append(UInt8(0x80 | ((scalar >> 12) & 0x3F)))
            out.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (scalar & 0x3F)))
        }
    }
}
