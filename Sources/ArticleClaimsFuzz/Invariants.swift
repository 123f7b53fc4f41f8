import ArticleClaims
import Foundation

/// The checks the fuzzer (and the file runner) applies to every input: the pipeline returns a
/// result, the result's provenance holds, and the result encodes as JSON and decodes back.
enum Invariants {
    /// Runs the whole pipeline over `bytes` and returns every broken invariant (empty when all hold).
    static func violations(_ bytes: [UInt8]) -> [String] {
        var problems: [String] = []
        let (result, maybeArticle) = ClaimsPipeline.processWithArticle(bytes, sourceID: "input")
        if let error = result.error {
            if !result.claims.isEmpty { problems.append("error result \(error.code) carries claims") }
            if error.code.isEmpty { problems.append("error result without a code") }
            problems += jsonProblems(result)
            return problems
        }
        guard let article = maybeArticle else {
            return ["a result without error but no cleaned article"]
        }
        let text = Array(article.text.utf8)
        let decoded = InputDecoder.decode(bytes)

        for block in article.blocks where !within(block.text, text.count) {
            problems.append("block \(block.text) outside the text (\(text.count) bytes)")
        }
        for span in article.removed where !within(span.source, bytes.count) {
            problems.append("removed span \(span.source) outside the input (\(bytes.count) bytes)")
        }
        for run in article.sourceMap.runs {
            if !within(run.text, text.count) { problems.append("map run text \(run.text) outside the text") }
            if !within(run.source, bytes.count) { problems.append("map run source \(run.source) outside the input") }
        }
        for claim in result.claims {
            let ev = claim.evidence
            guard within(ev.text, text.count) else {
                problems.append("claim \(claim.id): evidence.text \(ev.text) outside the text (\(text.count) bytes)")
                continue
            }
            if String(decoding: text[ev.text.range], as: UTF8.self) != ev.quote {
                problems.append("claim \(claim.id): quote differs from the cleaned text at \(ev.text)")
            }
            guard within(ev.source, bytes.count) else {
                problems.append("claim \(claim.id): evidence.source \(ev.source) outside the input (\(bytes.count) bytes)")
                continue
            }
            if !ClaimsScorer.provenanceHolds(claim, decoded: decoded, isHTML: article.format == .html) {
                let runs = article.sourceMap.runs.filter { $0.text.end > ev.text.start && $0.text.start < ev.text.end }
                    .map { "\($0.text)→\($0.source)\($0.copied ? "" : " replaced")" }.joined(separator: ", ")
                problems.append("claim \(claim.id) (\(article.format.rawValue), \(article.encoding)): input at \(ev.source) "
                                + "does not hold the quote \"\(ev.quote)\" (text \(ev.text); map runs \(runs))")
            }
        }
        problems += jsonProblems(result)
        return problems
    }

    static func within(_ r: ByteRange, _ count: Int) -> Bool {
        r.start >= 0 && r.start <= r.end && r.end <= count
    }

    static func jsonProblems(_ result: DocumentResult) -> [String] {
        do {
            let data = try JSONEncoder().encode(result)
            let back = try JSONDecoder().decode(DocumentResult.self, from: data)
            if back.claims.count != result.claims.count { return ["JSON round trip changed the claim count"] }
            if back.error?.code != result.error?.code { return ["JSON round trip changed the error"] }
            return []
        } catch {
            return ["JSON encoding failed: \(error)"]
        }
    }
}
