import Testing
@testable import ArticleCleaning

@Suite struct DecoderTests {
    @Test func validUTF8IsIdentity() {
        let d = InputDecoder.decode(Array("héllo wörld".utf8))
        #expect(d.encoding == "utf-8")
        #expect(d.utf8 == Array("héllo wörld".utf8))
        #expect(d.warnings.isEmpty)
        #expect(d.rawOffset(3) == 3)
    }

    @Test func invalidByteReplacedOneForOne() {
        let raw: [UInt8] = Array("caf".utf8) + [0xE9] + Array(" au lait, naïve".utf8) + Array(" ünïcödé".utf8)
        let d = InputDecoder.decode(raw)
        #expect(d.encoding == "utf-8")
        #expect(String(decoding: d.utf8, as: UTF8.self).hasPrefix("caf\u{FFFD} au lait"))
        #expect(d.rawOffset(3) == 3)
        #expect(d.rawOffset(6) == 4)  // after the 3-byte U+FFFD comes raw byte 4
        #expect(d.warnings.count == 1)
    }

    @Test func latin1WithoutDeclaration() {
        let raw: [UInt8] = Array("caf".utf8) + [0xE9, 0x20, 0x93, 0x71, 0x94]
        let d = InputDecoder.decode(raw)
        #expect(d.encoding == "windows-1252")
        #expect(String(decoding: d.utf8, as: UTF8.self) == "café \u{201C}q\u{201D}")
        #expect(d.rawOffset(5) == 4)
    }

    @Test func wrongMetaCharsetIgnoredForValidUTF8() {
        let html = "<meta charset=\"gb2312\"><p>Timothée Chalamet</p>"
        let d = InputDecoder.decode(Array(html.utf8))
        #expect(d.encoding == "utf-8")
        #expect(d.warnings.contains { $0.contains("gb2312") })
    }

    @Test func utf16WithBOM() {
        var raw: [UInt8] = [0xFF, 0xFE]
        for u in "Hi é".utf16 { raw.append(UInt8(u & 0xFF)); raw.append(UInt8(u >> 8)) }
        let d = InputDecoder.decode(raw)
        #expect(d.encoding == "utf-16le")
        #expect(String(decoding: d.utf8, as: UTF8.self) == "Hi é")
        #expect(d.rawOffset(0) == 2)
        #expect(d.rawOffset(3) == 8)
    }

    @Test func utf32BigEndianWithBOM() {
        var raw: [UInt8] = [0, 0, 0xFE, 0xFF]
        for s in "A😀".unicodeScalars {
            let v = s.value
            raw += [UInt8(v >> 24), UInt8((v >> 16) & 0xFF), UInt8((v >> 8) & 0xFF), UInt8(v & 0xFF)]
        }
        let d = InputDecoder.decode(raw)
        #expect(d.encoding == "utf-32be")
        #expect(String(decoding: d.utf8, as: UTF8.self) == "A😀")
    }

    @Test func nulBytesDoNotEndTheDocument() {
        let raw: [UInt8] = Array("before".utf8) + [0] + Array("after".utf8)
        let d = InputDecoder.decode(raw)
        #expect(String(decoding: d.utf8, as: UTF8.self) == "before after")
        #expect(d.warnings.contains { $0.contains("NUL") })
    }
}
