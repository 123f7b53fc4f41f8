import ArticleCleaning

/// The claims found in one cleaned article.
public struct ExtractionResult: Sendable {
    /// The works the article talks about, the main one first.
    public var subjects: [SubjectMention]
    /// The claims, in text order.
    public var claims: [Claim]

    public init(subjects: [SubjectMention], claims: [Claim]) {
        self.subjects = subjects
        self.claims = claims
    }
}

/// The claims stage: cleaned article text to claims with provenance.
public enum ClaimExtractor {
    /// Extracts claims from `article`. Relative dates resolve against the article's own
    /// published date, else against `reference`, else stay unresolved (no claim).
    public static func extract(from article: CleanedArticle, reference: ReferenceDate? = nil) -> ExtractionResult {
        ExtractionResult(subjects: [], claims: [])
    }
}
