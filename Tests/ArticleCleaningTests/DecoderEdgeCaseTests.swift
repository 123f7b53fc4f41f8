import Testing
@testable import ArticleCleaning

/// Decoding edge cases: byte-order marks, lying and honest charset declarations, the Windows-1252
/// fallback, invalid and truncated UTF-8 replaced one for one with exact offsets, NUL bytes.
@Suite struct DecoderEdgeCaseTests {
    func text(_ d: DecodedInput) -> String { String(decoding: d.utf8, as: UTF8.self) }

    @Test func utf8BOMIsSkippedAndOffsetsShift() {
        let raw: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("héllo".utf8)
        let d = InputDecoder.decode(raw)
        #expect(d.encoding == "utf-8")
        #expect(text(d) == "héllo")
        #expect(d.rawOffset(0) == 3)
        #expect(d.rawOffset(1) == 4)
        #expect(d.rawOffset(d.utf8.count) == raw.count)
        #expect(d.warnings.isEmpty)
    }

    @Test func utf8BOMOnly() {
        let d = InputDecoder.decode([0xEF, 0xBB, 0xBF])
        #expect(d.utf8.isEmpty)
        #expect(d.rawOffset(0) == 3)
    }

    @Test func utf16BigEndianWithSurrogatesAndOddTail() {
        var raw: [UInt8] = [0xFE, 0xFF]
        for u in "A😀b".utf16 { raw += [UInt8(u >> 8), UInt8(u & 0xFF)] }
        raw.append(0x41)  // an odd byte at the end
        let d = InputDecoder.decode(raw)
        #expect(d.encoding == "utf-16be")
        #expect(text(d) == "A😀b\u{FFFD}")
        #expect(d.rawOffset(1) == 4)  // 😀 starts at raw byte 4
        #expect(d.rawOffset(5) == 8)  // b
        #expect(d.warnings.count == 1)
    }

    @Test func utf16LoneSurrogateIsReplaced() {
        var raw: [UInt8] = [0xFF, 0xFE]
        for u: UInt16 in [0x0041, 0xD800, 0x0042] { raw += [UInt8(u & 0xFF), UInt8(u >> 8)] }
        let d = InputDecoder.decode(raw)
        #expect(text(d) == "A\u{FFFD}B")
        #expect(!d.warnings.isEmpty)
    }

    @Test func utf16WithoutBOMIsRecognised() {
        var le: [UInt8] = []
        var be: [UInt8] = []
        for u in "<p>Plain text saved as UTF-16</p>".utf16 {
            le += [UInt8(u & 0xFF), UInt8(u >> 8)]
            be += [UInt8(u >> 8), UInt8(u & 0xFF)]
        }
        #expect(InputDecoder.decode(le).encoding == "utf-16le")
        #expect(text(InputDecoder.decode(le)) == "<p>Plain text saved as UTF-16</p>")
        #expect(InputDecoder.decode(be).encoding == "utf-16be")
        #expect(text(InputDecoder.decode(be)) == "<p>Plain text saved as UTF-16</p>")
        #expect(InputDecoder.decode(le).rawOffset(3) == 6)
    }

    @Test func utf32LittleEndianWithBOM() {
        var raw: [UInt8] = [0xFF, 0xFE, 0, 0]
        for s in "é😀".unicodeScalars {
            let v = s.value
            raw += [UInt8(v & 0xFF), UInt8((v >> 8) & 0xFF), UInt8((v >> 16) & 0xFF), UInt8(v >> 24)]
        }
        let d = InputDecoder.decode(raw)
        #expect(d.encoding == "utf-32le")
        #expect(text(d) == "é😀")
        #expect(d.rawOffset(2) == 8)
    }

    @Test func validUTF8WinsOverDeclaredLatin1() {
        let html = "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\"><p>Beyoncé</p>"
        let d = InputDecoder.decode(Array(html.utf8))
        #expect(d.encoding == "utf-8")
        #expect(text(d).contains("Beyoncé"))
        #expect(d.warnings.contains { $0.contains("iso-8859-1") })
        // Pure ASCII needs no warning whatever it declares.
        let ascii = InputDecoder.decode(Array("<meta charset=\"windows-1252\"><p>plain</p>".utf8))
        #expect(ascii.encoding == "utf-8")
        #expect(ascii.warnings.isEmpty)
    }

    @Test func declaredLatin1IsUsedForInvalidUTF8() {
        let raw: [UInt8] = Array("<meta charset=\"iso-8859-1\"><p>caf".utf8) + [0xE9, 0x20, 0xE0] + Array(" la carte</p>".utf8)
        let d = InputDecoder.decode(raw)
        #expect(d.encoding == "windows-1252")
        #expect(text(d).contains("café à la carte"))
        let at = Array(text(d).utf8).firstIndex(of: 0xC3) ?? -1  // first byte of "é"
        #expect(d.rawOffset(at) == 33)
        #expect(d.rawOffset(at + 1) == 33)  // both bytes of "é" come from raw byte 33
        #expect(d.rawOffset(at + 2) == 34)
    }

    @Test func declaredUTF8WithBadBytesStaysUTF8() {
        let raw: [UInt8] = Array("<meta charset=utf-8><p>a".utf8) + [0xFF] + Array("b</p>".utf8)
        let d = InputDecoder.decode(raw)
        #expect(d.encoding == "utf-8")
        #expect(text(d).contains("a\u{FFFD}b"))
        #expect(d.warnings.contains { $0.contains("1 invalid") })
    }

    @Test func windows1252Fallback() {
        let raw: [UInt8] = [0x93] + Array("Quoted".utf8) + [0x94, 0x20, 0x96, 0x20, 0x80, 0x35, 0x20, 0x85]
        let d = InputDecoder.decode(raw)
        #expect(d.encoding == "windows-1252")
        #expect(text(d) == "\u{201C}Quoted\u{201D} \u{2013} \u{20AC}5 \u{2026}")
        #expect(d.rawOffset(3) == 1)  // "Q" follows the 3-byte “
    }

    @Test func invalidBytesReplacedOneForOneWithExactOffsets() {
        // Mostly valid UTF-8 (so it stays UTF-8) with two bad bytes in a row.
        let raw: [UInt8] = Array("ünï ab".utf8) + [0xFF, 0xFE] + Array("cd".utf8)
        let d = InputDecoder.decode(raw)
        #expect(d.encoding == "utf-8")
        #expect(text(d) == "ünï ab\u{FFFD}\u{FFFD}cd")
        let ab = 8  // "ü"=2, "n"=1, "ï"=2, " "=1, "ab"=2
        #expect(d.rawOffset(ab) == 8)       // first U+FFFD ← raw byte 8
        #expect(d.rawOffset(ab + 2) == 8)   // its last byte still raw byte 8
        #expect(d.rawOffset(ab + 3) == 9)   // second U+FFFD ← raw byte 9
        #expect(d.rawOffset(ab + 6) == 10)  // "c"
        #expect(d.rawOffset(d.utf8.count) == raw.count)
        #expect(d.warnings.contains { $0.contains("2 invalid") && $0.contains("byte 8") })
    }

    @Test func overlongAndSurrogateEncodingsAreInvalid() {
        let raw: [UInt8] = Array("é ".utf8) + [0xC0, 0xAF] + Array(" ".utf8) + [0xED, 0xA0, 0x80] + Array(" é".utf8)
        let d = InputDecoder.decode(raw)
        #expect(d.encoding == "utf-8")
        #expect(text(d) == "é \u{FFFD}\u{FFFD} \u{FFFD}\u{FFFD}\u{FFFD} é")
    }

    @Test func truncatedSequenceAtTheEndKeepsUTF8() {
        let raw: [UInt8] = Array("Fin – ".utf8) + [0xE2, 0x80]
        let d = InputDecoder.decode(raw)
        #expect(d.encoding == "utf-8")
        #expect(text(d) == "Fin – \u{FFFD}\u{FFFD}")
        #expect(d.rawOffset(d.utf8.count) == raw.count)
        #expect(d.rawOffset(d.utf8.count - 3) == raw.count - 1)
    }

    @Test func asciiWithATruncatedTailIsUTF8() {
        let d = InputDecoder.decode(Array("Plain ASCII then a cut ".utf8) + [0xF0, 0x9F, 0x98])
        #expect(d.encoding == "utf-8")
        #expect(text(d).hasSuffix("cut \u{FFFD}\u{FFFD}\u{FFFD}"))
    }

    @Test func nulAndControlBytesBecomeSpaces() {
        let raw: [UInt8] = Array("a".utf8) + [0, 0, 0x07] + Array("b".utf8) + [0] + Array("é".utf8)
        let d = InputDecoder.decode(raw)
        #expect(text(d) == "a   b é")
        #expect(d.utf8.count == raw.count)  // one for one
        #expect(d.warnings.contains { $0.contains("3 NUL") })
        #expect(d.warnings.contains { $0.contains("1 control") })
    }

    @Test func emptyInput() {
        let d = InputDecoder.decode([])
        #expect(d.utf8.isEmpty)
        #expect(d.encoding == "utf-8")
        #expect(d.rawOffset(0) == 0)
    }

    // MARK: - Through the text cleaner

    @Test func cleanedTextMapsToRawBytesAcrossReplacements() {
        let raw: [UInt8] = Array("Headline\n\nThe café".utf8) + [0xFF] + Array(" reopened on Monday.\n".utf8)
        let a = ArticleCleaner.clean(raw)
        #expect(a.format == .text)
        #expect(a.text == "The café\u{FFFD} reopened on Monday.")
        let bytes = Array(a.text.utf8)
        let word = Array("reopened".utf8)
        let at = (0...(bytes.count - word.count)).first { Array(bytes[$0..<($0 + word.count)]) == word } ?? 0
        let src = a.sourceMap.source(forText: ByteRange(start: at, end: at + word.count))
        #expect(Array(raw[src.range]) == word)
        let bad = a.sourceMap.source(forText: ByteRange(start: at - 4, end: at - 1))  // the U+FFFD
        #expect(Array(raw[bad.range]) == [0xFF])
        #expect(TextTestSupport.sourceMapProblems(a, raw: raw) == [])
        #expect(a.warnings.contains { $0.contains("invalid") })
    }

    @Test func utf16DumpMapsToTwoBytesPerCharacter() {
        var raw: [UInt8] = [0xFF, 0xFE]
        for u in "Title\n\nBody text.".utf16 { raw += [UInt8(u & 0xFF), UInt8(u >> 8)] }
        let a = ArticleCleaner.clean(raw)
        #expect(a.encoding == "utf-16le")
        #expect(a.title == "Title")
        #expect(a.text == "Body text.")
        let src = a.sourceMap.source(forText: ByteRange(start: 0, end: 4))  // "Body"
        #expect(src == ByteRange(start: 2 + 7 * 2, end: 2 + 11 * 2))
    }

    @Test func nulBytesDoNotEndACleanedDump() {
        let raw: [UInt8] = Array("Headline\n\nbefore".utf8) + [0] + Array("after the NUL.".utf8)
        let a = ArticleCleaner.clean(raw)
        #expect(a.text == "before after the NUL.")
    }
}
