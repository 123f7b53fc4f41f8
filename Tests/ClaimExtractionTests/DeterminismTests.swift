import Testing
@testable import ClaimExtraction
import ArticleCleaning

/// Output must not depend on Swift's per-process hash seed (dictionary and set order).
@Suite struct DeterminismTests {
    /// Two longer titles that contain the headline's title, each written once: a tie. The earlier
    /// one must win in every document, whatever order a dictionary keeps them in.
    @Test func titleExpansionTiesGoToTheEarliest() {
        let pairs = [("Lights", "Nights"), ("Crown", "Tower"), ("Garden", "Market"), ("River", "Forest"),
                     ("Summer", "Winter"), ("Engine", "Signal"), ("Orchard", "Harvest"), ("Comet", "Planet"),
                     ("Falcon", "Raven"), ("Lantern", "Mirror"), ("Canyon", "Meadow"), ("Anchor", "Compass")]
        for (first, second) in pairs {
            let text = "Harbor: Everything We Know\n\n"
                + "Fans of Harbor \(first) waited a long time. Critics compared it to Harbor \(second) at once.\n"
            let article = ArticleCleaner.clean(Array(text.utf8), options: CleaningOptions(format: .text))
            let result = ClaimExtractor.extract(from: article)
            #expect(result.subjects.first?.title == "Harbor \(first)", "\(first) / \(second): \(result.subjects)")
        }
    }
}
