@_exported import ArticleCleaning
@_exported import ClaimExtraction
