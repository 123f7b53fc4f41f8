/// Renders a result as a human-readable listing of its claims.
///
/// ```
/// TYPE          SUBJECT               VALUE                               MODALITY  ATTRIBUTION  AT     QUOTE
/// viewCount     Harbor Lights         >100000000 views within PT15M       asserted  -            8:214  grossed more than 100 Million views…
/// ```
public enum TableFormatter {
    /// One line per claim: type, subject, value, modality, attribution, `line:col` in the source, the quote.
    /// - Parameter input: the original input bytes (for `line:col`).
    public static func render(_ result: DocumentResult, input: [UInt8]) -> String {
        if let error = result.error {
            return "\(result.source.id): error \(error.code): \(error.message)\n"
        }
        var lines: [[String]] = [["TYPE", "SUBJECT", "VALUE", "MODALITY", "ATTRIBUTION", "AT", "QUOTE"]]
        // line starts for line:col
        var lineStarts: [Int] = [0]
        for (i, b) in input.enumerated() where b == 0x0A { lineStarts.append(i + 1) }
        func lineCol(_ offset: Int) -> String {
            var lo = 0, hi = lineStarts.count - 1
            while lo < hi {
                let mid = (lo + hi + 1) / 2
                if lineStarts[mid] <= offset { lo = mid } else { hi = mid - 1 }
            }
            let start = lineStarts[lo]
            let col = offset >= start && offset <= input.count
                ? String(decoding: input[start..<offset], as: UTF8.self).count + 1 : 1
            return "\(lo + 1):\(col)"
        }
        for c in result.claims {
            var subject = c.subject.title ?? "-"
            if let s = c.subject.season { subject += " S\(s)" }
            lines.append([c.type.rawValue, clip(subject, 28), clip(describe(c.value), 40), c.modality.rawValue,
                          clip(c.attribution ?? "-", 20), lineCol(c.evidence.source.start), clip(c.evidence.quote, 70)])
        }
        var widths = [Int](repeating: 0, count: 7)
        for row in lines { for (i, cell) in row.enumerated() where i < 6 { widths[i] = max(widths[i], cell.count) } }
        var out = "\(result.source.id): \(result.title ?? "(no title)") — \(result.claims.count) claim(s)\n"
        for row in lines {
            var line = ""
            for (i, cell) in row.enumerated() {
                line += i < 6 ? cell + String(repeating: " ", count: widths[i] - cell.count + 2) : cell
            }
            out += line + "\n"
        }
        return out
    }

    static func clip(_ s: String, _ n: Int) -> String {
        let flat = s.split(whereSeparator: { $0 == "\n" || $0 == "\t" }).joined(separator: " ")
        return flat.count <= n ? flat : String(flat.prefix(n - 1)) + "…"
    }

    /// A compact text form of a claim value.
    public static func describe(_ v: ClaimValue) -> String {
        switch v {
        case let .viewCount(count, bound, within, asOf):
            let b = ["exact": "", "moreThan": ">", "lessThan": "<", "approx": "~"][bound.rawValue] ?? ""
            return "\(b)\(count) views" + (within.map { " within \($0)" } ?? "") + (asOf.map { " as of \($0)" } ?? "")
        case let .episodeCount(count): return "\(count) episodes"
        case let .date(event, timex, mod): return "\(event.rawValue) \(timex)" + (mod.map { " (\($0))" } ?? "")
        case let .cast(actor, character): return actor + (character.map { " as \($0)" } ?? "")
        case let .crew(person, role): return "\(person) (\(role.rawValue))"
        case let .company(name, role): return "\(name) (\(role.rawValue))"
        case let .basedOn(work, author, medium):
            return [medium, work.map { "“\($0)”" }, author.map { "by \($0)" }].compactMap { $0 }.joined(separator: " ")
        case let .renewal(status): return status.rawValue
        }
    }
}
