import Testing
@testable import ClaimExtraction
import TestSupport

/// The tokenizer's public contract: token text, kind, capitalisation, possessives, offsets, hashes.
@Suite struct TokenizerTests {
    static func texts(_ s: String) -> [String] {
        let bytes = Array(s.utf8)
        return Tokenizer.tokenize(s).map { String(decoding: bytes[Int($0.start)..<Int($0.end)], as: UTF8.self) }
    }

    @Test func wordsNumbersAndPunctuation() {
        #expect(Self.texts("Netflix’s Son Ye-jin, J.C. and the U.S. drew 15,000 views (1.5m) in 2019…")
                == ["Netflix’s", "Son", "Ye-jin", ",", "J.C.", "and", "the", "U.S.", "drew", "15,000", "views", "(", "1.5m", ")",
                    "in", "2019", "…"])
        #expect(Self.texts("Don't stop: “Skarsgård” — Timothée\u{00A0}Chalamet") == ["Don't", "stop", ":", "“", "Skarsgård", "”", "—", "Timothée", "Chalamet"])
    }

    @Test func kindsCapitalsPossessivesAndSpaces() {
        let ts = Tokenizer.tokenize("HBO's show, 10 Élite ’s")
        #expect(ts.map(\.kind) == [.word, .word, .punct, .number, .word, .punct, .word])
        #expect(ts.map(\.isCapitalized) == [true, false, false, false, true, false, false])
        #expect(ts.map(\.isPossessive) == [true, false, false, false, false, false, false])
        #expect(ts.map(\.spaceBefore) == [true, true, false, true, true, true, false])
        #expect(ts.map(\.start) == [0, 6, 10, 12, 15, 22, 25])
    }

    /// A token's hash is the hash of its bytes with ASCII letters lower-cased.
    @Test func hashesIgnoreASCIICase() {
        let ts = Tokenizer.tokenize("Season SEASON season Élite élite")
        #expect(ts[0].hash == ts[1].hash && ts[1].hash == ts[2].hash)
        #expect(ts[0].hash == Tokenizer.hash("season"))
        #expect(ts[3].hash != ts[4].hash) // only ASCII letters fold
        // long words take the byte-at-a-time path; the hash is the same function
        let long = "Supercalifragilisticexpialidocious"
        #expect(Tokenizer.tokenize(long + " x")[0].hash == Tokenizer.hash(long.lowercased()))
    }

    /// Text of punctuation has a token per byte, more than the first storage holds.
    @Test func punctuationOnlyTextOutgrowsTheFirstStorage() {
        let text = String(repeating: ",", count: 1000)
        let ts = Tokenizer.tokenize(text)
        #expect(ts.count == 1000)
        #expect(ts.enumerated().allSatisfy { Int($0.element.start) == $0.offset && Int($0.element.end) == $0.offset + 1 })
    }

    /// Where the storage pieces end must not change a single token.
    @Test func pieceBoundariesDoNotChangeTokens() {
        let alphabet = ["a", "B", "z", "7", "0", ",", ".", "'", "’", "-", " ", " ", "\n", "\u{00A0}", "é", "Ж", "д", "漢", "😀",
                        "“", "”", "…", "s", "S", "J.", "1.5", "3,000", "k"]
        var rng = SplitMix64(seed: 7)
        for _ in 0..<300 {
            var s = ""
            for _ in 0..<Int(rng.next() % 60) { s += alphabet[Int(rng.next() % UInt64(alphabet.count))] }
            let bytes = Array(s.utf8)
            let whole = Tokenizer.tokenize(bytes)
            for chunk in 1...4 { #expect(Tokenizer.tokenize(bytes, chunk: chunk) == whole, "\(s.debugDescription), chunk \(chunk)") }
        }
    }
}

extension TokenizerTests {
    /// The tokenizer hashes a token's bytes 8 at a time; it must agree with ``Tokenizer/hash(_:)``
    /// for every length, case and script, whether or not bytes after the token can be loaded.
    @Test func runHashAgreesWithTheBytewiseHash() {
        var rng = SplitMix64(seed: 11)
        let alphabet: [UInt8] = Array("AZaz@[`{09-'".utf8) + [0x80, 0xC3, 0x89, 0xD0, 0x96, 0xE2, 0x80, 0x99, 0xFF, 0x00]
        for _ in 0..<2000 {
            let bytes = (0..<Int(rng.next() % 40)).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }
            let expected = Tokenizer.hash(bytes)
            bytes.withUnsafeBufferPointer { b in
                guard let p = b.baseAddress else { return }
                #expect(Tokenizer.hashRun(p, b.count, readable: b.count) == expected)
            }
            let padded = bytes + [0x41, 0x42, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48]
            padded.withUnsafeBufferPointer { b in
                guard let p = b.baseAddress else { return }
                #expect(Tokenizer.hashRun(p, bytes.count, readable: b.count) == expected)
            }
        }
    }
}
