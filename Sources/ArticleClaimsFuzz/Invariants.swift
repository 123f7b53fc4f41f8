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
            if !provenanceHolds(claim, decoded: decoded, isHTML: article.format == .html) {
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

    /// The input at `evidence.source`, read in the document's own encoding, holds the quote.
    ///
    /// The raw range is carried into the decoded (UTF-8) input through the decoder's offset table, so
    /// the check works for Windows-1252, UTF-16/32 and replaced bytes as well as for plain UTF-8.
    static func provenanceHolds(_ claim: Claim, decoded: DecodedInput, isHTML: Bool) -> Bool {
        let s = claim.evidence.source
        let lo = firstDecoded(atOrAfterRaw: s.start, decoded)
        let hi = max(lo, firstDecoded(atOrAfterRaw: s.end, decoded))
        let slice = Array(decoded.utf8[lo..<hi])
        var shifted = claim
        shifted.evidence.source = ByteRange(start: 0, end: slice.count)
        return ClaimsScorer.provenanceHolds(shifted, input: slice, isHTML: isHTML)
    }

    /// The smallest decoded offset whose raw offset is at least `raw` (the decoder's map is monotone).
    static func firstDecoded(atOrAfterRaw raw: Int, _ decoded: DecodedInput) -> Int {
        var lo = 0, hi = decoded.utf8.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if decoded.rawOffset(mid) < raw { lo = mid + 1 } else { hi = mid }
        }
        return lo
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
