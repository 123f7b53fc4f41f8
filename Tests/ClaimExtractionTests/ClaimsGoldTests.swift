import Foundation
import Testing
@testable import ArticleClaims

/// Gold-set floors: the seeds and the development set scored with the same scorer as `evaluate claims`.
@Suite struct ClaimsGoldTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    struct SetScore {
        var score = ClaimsScorer.Score()
        var results: [(DocumentResult, [UInt8])] = []
        var cleaningFailures: [String] = []
    }

    static func run(_ dir: String) throws -> SetScore {
        let goldDir = root.appendingPathComponent(dir).appendingPathComponent(dir.hasSuffix("dev") ? "gold" : "")
        let files = try FileManager.default.contentsOfDirectory(atPath: goldDir.path).filter { $0.hasSuffix(".gold.json") }.sorted()
        var out = SetScore()
        for f in files {
            let gold = try ClaimsScorer.Gold(json: Data(contentsOf: goldDir.appendingPathComponent(f)))
            let article = dir.hasSuffix("dev")
                ? root.appendingPathComponent(dir).appendingPathComponent("articles").appendingPathComponent(gold.source)
                : root.appendingPathComponent("Fixtures/seeds").appendingPathComponent(gold.source)
            let bytes = Array(try Data(contentsOf: article))
            let (result, cleaned) = ClaimsPipeline.processWithArticle(bytes, sourceID: gold.source)
            let report = ClaimsScorer.score(result, text: cleaned?.text, input: bytes, gold: gold)
            out.score += report.score
            out.results.append((result, bytes))
            out.cleaningFailures += report.cleaningFailures.map { "\(gold.source): \($0)" }
        }
        return out
    }

    @Test func seedsMeetTheFloor() throws {
        let s = try Self.run("Fixtures/gold")
        #expect(s.score.f1 >= 0.95, "seed fact F1 \(s.score)")
        #expect(s.score.trapHits == 0)
        #expect(s.score.provenanceFailed == 0)
        #expect(s.score.provenanceChecked > 30)
        #expect(s.cleaningFailures.isEmpty, "\(s.cleaningFailures)")
    }

    @Test func developmentSetMeetsTheFloor() throws {
        let s = try Self.run("Fixtures/dev")
        #expect(s.score.f1 >= 0.88, "dev fact F1 \(s.score)")
        #expect(s.score.trapHits <= 3)
        #expect(s.score.provenanceFailed == 0)
        #expect(s.score.provenanceChecked > 150)
    }

    /// Every claim of every fixture: the quote is the cleaned text at `evidence.text`, and the input
    /// bytes at `evidence.source` hold it (byte for byte for text input).
    @Test func provenanceOfEveryClaim() throws {
        for set in ["Fixtures/gold", "Fixtures/dev"] {
            for (result, bytes) in try Self.run(set).results {
                let (_, article) = ClaimsPipeline.processWithArticle(bytes, sourceID: result.source.id)
                let text = Array((article?.text ?? "").utf8)
                for c in result.claims {
                    let r = c.evidence.text
                    #expect(r.start >= 0 && r.end <= text.count && r.start < r.end)
                    #expect(String(decoding: text[r.start..<r.end], as: UTF8.self) == c.evidence.quote)
                    #expect(ClaimsScorer.provenanceHolds(c, input: bytes, isHTML: result.source.format == .html),
                            "\(result.source.id) \(c.evidence.rule): \(c.evidence.quote)")
                    // text input: byte for byte, unless markup, an entity or an NBSP sits inside the quoted span
                    let src = Array(bytes[c.evidence.source.start..<c.evidence.source.end])
                    let clean = !src.contains(0x3C) && !src.contains(0x26) && !zip(src, src.dropFirst()).contains { $0 == 0xC2 && $1 == 0xA0 }
                    if result.source.format == .text && clean {
                        #expect(String(decoding: src, as: UTF8.self) == c.evidence.quote)
                    }
                    #expect(c.evidence.sentence.contains(c.evidence.quote))
                }
            }
        }
    }

    /// The JSON of every fixture result satisfies the claims/1 schema's constraints.
    @Test func outputsAreSchemaValid() throws {
        for set in ["Fixtures/gold", "Fixtures/dev"] {
            for (result, _) in try Self.run(set).results {
                let json = try JSONWriter.encode(result, pretty: false)
                let obj = try JSONSerialization.jsonObject(with: Data(json))
                let problems = SchemaCheck.problems(obj)
                #expect(problems.isEmpty, "\(result.source.id): \(problems)")
            }
        }
        // an error result too
        let failed = DocumentResult(failed: SourceInfo(id: "x"), error: DocumentError(code: "too-large", message: "m"))
        let obj = try JSONSerialization.jsonObject(with: Data(try JSONWriter.encode(failed, pretty: false)))
        #expect(SchemaCheck.problems(obj).isEmpty)
    }

    @Test func claimIdsAreStable() throws {
        let bytes = Array(try Data(contentsOf: Self.root.appendingPathComponent("Fixtures/seeds/000_f97fd09344562a9d.txt")))
        let a = ClaimsPipeline.process(bytes, sourceID: "a").claims.map(\.id)
        let b = ClaimsPipeline.process(bytes, sourceID: "b").claims.map(\.id)
        #expect(a == b)
        #expect(Set(a).count == a.count)
    }
}

/// The constraints of `claims-v1.schema.json`, checked by hand (no schema library is needed).
enum SchemaCheck {
    static let types: Set<String> = ["viewCount", "episodeCount", "date", "cast", "crew", "company", "basedOn", "renewal"]
    static let kinds: Set<String> = ["script-fragment", "script", "style", "markup", "boilerplate", "caption", "navigation"]

    static func problems(_ any: Any) -> [String] {
        var p: [String] = []
        guard let o = any as? [String: Any] else { return ["not an object"] }
        if o["schema"] as? String != "claims/1" { p.append("schema") }
        guard let source = o["source"] as? [String: Any], source["id"] is String else { return p + ["source.id"] }
        if let sha = source["sha256"] as? String, sha.count != 64 || !sha.allSatisfy({ $0.isHexDigit && !$0.isUppercase }) { p.append("sha256") }
        if let f = source["format"] as? String, f != "html" && f != "text" { p.append("format") }
        if let e = o["error"] {
            guard let e = e as? [String: Any], e["code"] is String, e["message"] is String else { return p + ["error"] }
            return p
        }
        for k in ["claims", "subjects", "removed", "warnings", "title"] where o[k] == nil { p.append("missing \(k)") }
        if !(o["title"] is String || o["title"] is NSNull) { p.append("title type") }
        for s in o["subjects"] as? [[String: Any]] ?? [] where !(s["title"] is String) { p.append("subject title") }
        for r in o["removed"] as? [[String: Any]] ?? [] {
            if !kinds.contains(r["kind"] as? String ?? "") { p.append("removed kind \(r["kind"] ?? "")") }
            if !range(r["source"]) { p.append("removed range") }
        }
        for w in o["warnings"] as? [Any] ?? [] where !(w is String) { p.append("warning type") }
        for c in o["claims"] as? [[String: Any]] ?? [] { p += claimProblems(c) }
        return p
    }

    static func range(_ any: Any?) -> Bool {
        guard let r = any as? [String: Any], let s = r["start"] as? Int, let e = r["end"] as? Int else { return false }
        return s >= 0 && e >= 0
    }

    static func claimProblems(_ c: [String: Any]) -> [String] {
        var p: [String] = []
        for k in ["id", "type", "subject", "value", "modality", "attribution", "confidence", "evidence"] where c[k] == nil { p.append("claim missing \(k)") }
        guard let type = c["type"] as? String, types.contains(type) else { return p + ["claim type"] }
        if let s = c["subject"] as? [String: Any] {
            if s["title"] == nil || s["season"] == nil { p.append("subject keys") }
            if !(s["title"] is String || s["title"] is NSNull) { p.append("subject.title type") }
            if !(s["season"] is Int || s["season"] is NSNull) { p.append("subject.season type") }
        } else { p.append("subject") }
        if !["asserted", "hedged", "negated", "reported"].contains(c["modality"] as? String ?? "") { p.append("modality") }
        if !(c["attribution"] is String || c["attribution"] is NSNull) { p.append("attribution") }
        if let conf = c["confidence"] as? Double, conf < 0 || conf > 1 { p.append("confidence") }
        if let e = c["evidence"] as? [String: Any] {
            for k in ["sentence", "quote", "rule"] where !(e[k] is String) { p.append("evidence.\(k)") }
            if !range(e["text"]) || !range(e["source"]) { p.append("evidence ranges") }
        } else { p.append("evidence") }
        guard let v = c["value"] as? [String: Any] else { return p + ["value"] }
        func isStr(_ k: String) -> Bool { v[k] is String }
        func strOrNull(_ k: String) -> Bool { v[k] is String || v[k] is NSNull }
        switch type {
        case "viewCount":
            if !((v["count"] as? Int).map { $0 >= 0 } ?? false) { p.append("count") }
            if !["exact", "moreThan", "lessThan", "approx"].contains(v["bound"] as? String ?? "") { p.append("bound") }
            if v["within"] != nil && !isStr("within") { p.append("within") }
            if v["asOf"] != nil && !isStr("asOf") { p.append("asOf") }
        case "episodeCount":
            if !((v["count"] as? Int).map { $0 >= 0 } ?? false) { p.append("count") }
        case "date":
            if !["release", "end", "renewal", "publication"].contains(v["event"] as? String ?? "") { p.append("event") }
            if !isStr("timex") { p.append("timex") }
            if v["mod"] != nil && !strOrNull("mod") { p.append("mod") }
        case "cast":
            if !isStr("actor") || v["character"] == nil || !strOrNull("character") { p.append("cast value") }
        case "crew":
            if !isStr("person") || !["director", "writer", "producer", "author", "creator", "composer"].contains(v["role"] as? String ?? "") { p.append("crew value") }
        case "company":
            if !isStr("name") || !["broadcaster", "streamer", "producer", "distributor"].contains(v["role"] as? String ?? "") { p.append("company value") }
        case "basedOn":
            if v["work"] == nil || v["author"] == nil || !strOrNull("work") || !strOrNull("author") { p.append("basedOn value") }
        case "renewal":
            if !["confirmed", "cancelled", "notAnnounced", "rumored", "speculated"].contains(v["status"] as? String ?? "") { p.append("status") }
        default: break
        }
        return p
    }
}
