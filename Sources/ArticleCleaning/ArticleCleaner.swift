/// Options for ``ArticleCleaner``.
public struct CleaningOptions: Sendable, Hashable {
    /// Forces the input format instead of detecting it.
    public var format: InputFormat?

    public init(format: InputFormat? = nil) {
        self.format = format
    }
}

/// The cleaning stage: raw input bytes to article text with a map back to the input.
///
/// ```swift
/// let article = ArticleCleaner.clean(Array(html.utf8))
/// print(article.title ?? "-", article.text)
/// ```
public enum ArticleCleaner {
    /// Decodes, detects and cleans one document.
    public static func clean(_ bytes: [UInt8], options: CleaningOptions = .init()) -> CleanedArticle {
        let decoded = InputDecoder.decode(bytes)
        let format = options.format ?? InputKindDetector.detect(decoded.utf8)
        switch format {
        case .html: return HTMLCleaner.clean(decoded)
        case .text: return TextDumpCleaner.clean(decoded)
        }
    }

    /// Cleans a document given as a string (UTF-8).
    public static func clean(_ string: String, options: CleaningOptions = .init()) -> CleanedArticle {
        clean(Array(string.utf8), options: options)
    }
}
