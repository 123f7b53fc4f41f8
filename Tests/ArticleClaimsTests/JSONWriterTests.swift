import Foundation
import Testing
@testable import ArticleClaims

private struct Ordered: Encodable {
    enum CodingKeys: String, CodingKey { case zebra, apple, mango, nothing }
    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(1, forKey: .zebra)
        try c.encode("a", forKey: .apple)
        try c.encode([true, false], forKey: .mango)
        try c.encodeNil(forKey: .nothing)
    }
}

private struct Nested: Encodable {
    enum K: String, CodingKey { case outer, list, after }
    enum I: String, CodingKey { case x, y }
    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: K.self)
        var n = c.nestedContainer(keyedBy: I.self, forKey: .outer)
        try n.encode(1, forKey: .x)
        try n.encode(2, forKey: .y)
        var l = c.nestedUnkeyedContainer(forKey: .list)
        try l.encode(3)
        var inner = l.nestedContainer(keyedBy: I.self)
        try inner.encode("z", forKey: .x)
        try c.encode(Optional<String>.none, forKey: .after)
    }
}

private struct Misuse: Encodable {
    enum K: String, CodingKey { case a, b }
    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: K.self)
        var n = c.nestedContainer(keyedBy: K.self, forKey: .a)
        try c.encode(1, forKey: .b)
        try n.encode(2, forKey: .a)  // the parent has moved on
    }
}

private struct Empty: Encodable {
    func encode(to encoder: any Encoder) throws {}
}

private final class Base: Encodable {
    var base = 1
    private enum K: String, CodingKey { case base }
    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: K.self)
        try c.encode(base, forKey: .base)
    }
}

private final class Derived: Encodable {
    let parent = Base()
    private enum K: String, CodingKey { case own }
    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: K.self)
        try parent.encode(to: c.superEncoder())
        try c.encode("x", forKey: .own)
    }
}

private func json<T: Encodable>(_ v: T, pretty: Bool = false) throws -> String {
    try JSONWriter.encodeString(v, pretty: pretty)
}

@Suite struct JSONWriterTests {
    @Test func keysKeepInsertionOrder() throws {
        #expect(try json(Ordered()) == #"{"zebra":1,"apple":"a","mango":[true,false],"nothing":null}"#)
    }

    @Test func prettyFormat() throws {
        let expected = """
            {
              "zebra": 1,
              "apple": "a",
              "mango": [
                true,
                false
              ],
              "nothing": null
            }
            """
        #expect(try json(Ordered(), pretty: true) == expected)
        #expect(try json([Int](), pretty: true) == "[]")
        #expect(try json([String: Int](), pretty: true) == "{}")
    }

    @Test func nestedContainersCloseInOrder() throws {
        #expect(try json(Nested()) == #"{"outer":{"x":1,"y":2},"list":[3,{"x":"z"}],"after":null}"#)
        #expect(try json(Derived()) == #"{"super":{"base":1},"own":"x"}"#)
    }

    @Test func emptyValueIsEmptyObject() throws {
        #expect(try json([Empty(), Empty()]) == "[{},{}]")
    }

    @Test func misuseThrowsInsteadOfWritingBadJSON() {
        #expect(throws: EncodingError.self) { try json(Misuse()) }
        #expect(throws: EncodingError.self) { try json([Double.nan]) }
        #expect(throws: EncodingError.self) { try json(Double.infinity) }
    }

    @Test func failedEncodeLeavesBufferUnchanged() throws {
        var buffer = Array("prefix".utf8)
        #expect(throws: EncodingError.self) { try JSONWriter.encode(Misuse(), pretty: false, appendingTo: &buffer) }
        #expect(buffer == Array("prefix".utf8))
        try JSONWriter.encode([1, 2], pretty: false, appendingTo: &buffer)
        #expect(String(decoding: buffer, as: UTF8.self) == "prefix[1,2]")
    }

    @Test func stringEscaping() throws {
        #expect(try json("a\"b\\c/d") == #""a\"b\\c/d""#)
        #expect(try json("\n\r\t\u{08}\u{0C}") == #""\n\r\t\b\f""#)
        #expect(try json("\u{01}\u{1F}\u{7F}") == "\"\\u0001\\u001f\u{7F}\"")
        #expect(try json("héllo — 世界 🎬") == "\"héllo — 世界 🎬\"")
        #expect(try json("") == #""""#)
    }

    @Test func numberFormatting() throws {
        #expect(try json([0.9, 0.1, 1.0, -2.5, 1e-5, 123456.789]) == "[0.9,0.1,1.0,-2.5,1e-05,123456.789]")
        #expect(try json([Int.min, -1, 0, 7, Int.max]) == "[\(Int.min),-1,0,7,\(Int.max)]")
        #expect(try json([UInt64.max]) == "[18446744073709551615]")
        #expect(try json([Float(0.1)]) == "[0.1]")
        #expect(try json(-0.0) == "-0.0")
        #expect(try json(15_000_000_000) == "15000000000")
        #expect(try json([Double?.some(1.0), nil]) == "[1.0,null]")
        #expect(try json([Int?.some(1), nil]) == "[1,null]")
        #expect(try json([true, false]) == "[true,false]")
        #expect(try json([Int8(-3)] as [Int8]) == "[-3]")
        // Every double reads back to itself.
        for v in [0.9, 0.1 + 0.2, 1.0 / 3.0, 1e300, 123456789012345680.0, 0.000123] {
            let text = try json(v)
            #expect(Double(text) == v, "\(text)")
        }
    }

    @Test func encodesResultInContractOrder() throws {
        let claim = Claim(
            id: "c-1", subject: ClaimSubject(title: "Show", season: nil),
            value: .viewCount(count: 100, bound: .moreThan, within: "PT15M", asOf: nil),
            modality: .asserted, attribution: nil, confidence: 0.9,
            evidence: Evidence(sentence: "It had over 100 views.", quote: "over 100 views",
                               text: ByteRange(start: 7, end: 21), source: ByteRange(start: 9, end: 23), rule: "r"))
        let result = DocumentResult(
            source: SourceInfo(id: "a/b.html", sha256: "00", bytes: 3, format: .html, encoding: "utf-8"),
            title: "T", published: nil, subjects: [SubjectMention(title: "Show", mentions: 2)], claims: [claim],
            removed: [RemovedSpan(kind: .scriptFragment, source: ByteRange(start: 0, end: 2), preview: "x")],
            warnings: [])
        let compact = try json(result)
        #expect(compact.hasPrefix(#"{"schema":"claims/1","source":{"id":"a/b.html","sha256":"00","bytes":3,"format":"html","encoding":"utf-8"},"title":"T","published":null,"subjects":[{"title":"Show","mentions":2}],"claims":[{"id":"c-1","type":"viewCount","subject":{"title":"Show","season":null},"value":{"count":100,"bound":"moreThan","within":"PT15M"},"modality":"asserted","attribution":null,"confidence":0.9,"evidence":{"#))
        #expect(compact.hasSuffix(#""removed":[{"kind":"script-fragment","source":{"start":0,"end":2},"preview":"x"}],"warnings":[]}"#))

        // Round trip through Foundation's decoder, both layouts.
        for pretty in [false, true] {
            let bytes = try JSONWriter.encode(result, pretty: pretty)
            let back = try JSONDecoder().decode(DocumentResult.self, from: Data(bytes))
            #expect(back.schema == "claims/1")
            #expect(back.claims == [claim])
            #expect(back.source == result.source)
            #expect(back.removed == result.removed)
        }
        let pretty = try json(result, pretty: true)
        #expect(pretty.hasPrefix("{\n  \"schema\": \"claims/1\",\n  \"source\": {\n    \"id\": \"a/b.html\","))
    }

    @Test func errorResultHasOnlyErrorFields() throws {
        let failed = DocumentResult(failed: SourceInfo(id: "x"), error: DocumentError(code: "bad-record", message: "line 3: \"oops\""))
        #expect(try json(failed) == #"{"schema":"claims/1","source":{"id":"x"},"error":{"code":"bad-record","message":"line 3: \"oops\""}}"#)
    }

    @Test func matchesFoundationOnArbitraryValues() throws {
        struct Sample: Codable, Equatable {
            var name: String
            var values: [Double]
            var nested: [String: [Int]]
            var flag: Bool?
        }
        let sample = Sample(name: "tab\there \u{2028} ünï", values: [0.5, 1e22, -3], nested: ["k": [1, 2]], flag: nil)
        let bytes = try JSONWriter.encode(sample)
        #expect(try JSONDecoder().decode(Sample.self, from: Data(bytes)) == sample)
    }
}
