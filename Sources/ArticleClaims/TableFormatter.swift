/// Renders a result as a human-readable listing of its claims.
public enum TableFormatter {
    /// One line per claim: type, subject, value, modality, attribution, `line:col` in the source, the quote.
    /// - Parameter input: the original input bytes (for `line:col`).
    public static func render(_ result: DocumentResult, input: [UInt8]) -> String {
        ""
    }
}
